import { useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { deleteContactPoint, getContactPoint, type BranchBrief } from '../../../../common/contracts/outreach';
import { ApiError, call } from '../../api/client';
import { useCan } from '../../app/session';
import { BranchDialog } from './BranchDialog';
import { BranchStatusTag } from './BranchStatusTag';
import { ContactPointDialog } from './ContactPointDialog';
import { RELATION_COLORS } from './outreachFilters';

/** One contact point: the working relation, then the League organisations set up there. */
export function ContactPointPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [founding, setFounding] = useState(false);
  const write = can('orgs.write');
  const detail = useQuery({
    queryKey: ['contact-points', id, 'detail'],
    queryFn: () => call(getContactPoint, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['contact-points', id] });
    void queryClient.invalidateQueries({ queryKey: ['list', 'contact-points'] });
  };

  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该联系点，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/outreach/contact-points">返回联系点</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const point = detail.data;
  const remove = () =>
    modal.confirm({
      title: `删除联系点“${point.name}”？`,
      content: '删除后不可恢复；不再联系的，可改为“已停止联系”。',
      okButtonProps: { danger: true },
      okText: '删除',
      onOk: async () => {
        await call(deleteContactPoint, { params: { id } });
        message.success('已删除');
        void queryClient.invalidateQueries({ queryKey: ['list', 'contact-points'] });
        navigate('/outreach/contact-points');
      },
    });

  return (
    <Flex vertical gap={12}>
      <Breadcrumb
        items={[{ title: <Link to="/outreach/contact-points">联系点</Link> }, { title: point.name }]}
      />
      <Card size="small" styles={{ body: { padding: '16px 20px 4px' } }}>
        <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {point.name}
          </Typography.Title>
          <Tag>{point.kind}</Tag>
          <Tag color={RELATION_COLORS[point.relation]}>{point.relation}</Tag>
          {point.active ? <Tag color="success">在联</Tag> : <Tag>已停止联系</Tag>}
          <span style={{ flex: 1 }} />
          {write && (
            <>
              {point.branches.length === 0 && (
                <Button icon={<DeleteOutlined />} danger onClick={remove}>
                  删除
                </Button>
              )}
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                修改
              </Button>
            </>
          )}
        </Flex>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="登记单位">{point.unit.name}</Descriptions.Item>
          <Descriptions.Item label="联系人">{point.contactName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="联系电话">{point.contactPhone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="地址" span={2}>
            {point.address ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label="建立联系日期">{point.since ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="青年人数（估）">
            {point.youthEstimate === null ? '—' : `${point.youthEstimate} 人`}
          </Descriptions.Item>
          <Descriptions.Item label="团组织">
            {point.activeBranches} 个（成员 {point.members} 人）
          </Descriptions.Item>
          <Descriptions.Item label="登记人">{point.createdBy ?? '—'}</Descriptions.Item>
          {point.remark && (
            <Descriptions.Item label="备注" span={3}>
              {point.remark}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={`在此建立的团组织（${point.branches.length}）`}
        extra={
          write && (
            <Button type="primary" size="small" icon={<PlusOutlined />} onClick={() => setFounding(true)}>
              建立团组织
            </Button>
          )
        }
      >
        <Table<BranchBrief>
          size="small"
          rowKey="id"
          dataSource={point.branches}
          pagination={false}
          locale={{ emptyText: '尚未在此建立团组织' }}
          columns={[
            {
              key: 'name',
              title: '团组织名称',
              render: (_, b) => <Link to={`/outreach/branches/${b.id}`}>{b.name}</Link>,
            },
            { key: 'kind', title: '类型', render: (_, b) => b.kind },
            { key: 'unit', title: '所属单位', render: (_, b) => b.unit.name },
            { key: 'established', title: '成立日期', render: (_, b) => b.establishedOn },
            { key: 'members', title: '现有成员', align: 'right', render: (_, b) => `${b.members} 人` },
            {
              key: 'status',
              title: '状态',
              render: (_, b) => <BranchStatusTag status={b.status} dissolvedOn={b.dissolvedOn} />,
            },
          ]}
        />
      </Card>
      {editing && (
        <ContactPointDialog
          point={point}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      {founding && (
        <BranchDialog
          atContactPoint={{ id: point.id, name: point.name }}
          onClose={() => setFounding(false)}
          onSaved={(branchId) => {
            setFounding(false);
            reload();
            navigate(`/outreach/branches/${branchId}`);
          }}
        />
      )}
    </Flex>
  );
}
