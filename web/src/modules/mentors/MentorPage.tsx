import { useState } from 'react';
import {
  Breadcrumb,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, EyeOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getMentor, revealMentor } from '../../../../common/contracts/mentors';
import { listPairings, type PairingListItem } from '../../../../common/contracts/mentors-pairings';
import { ApiError, call } from '../../api/client';
import { useCan } from '../../app/session';
import { ReasonModal } from '../youth/ReasonModal';
import { AccountDialog } from './AccountDialog';
import { MentorDialog } from './MentorDialog';
import { PairingDialog } from './PairingDialog';
import { LoadBar, PairingStatusTag, dash } from './mentorsUi';

/** One mentor: details (phone masked unless revealed with a reason), account, pairings. */
export function MentorPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'account' | 'pair' | 'reveal' | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const detail = useQuery({
    queryKey: ['mentors', id, 'detail'],
    queryFn: () => call(getMentor, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const pairings = useQuery({
    queryKey: ['mentors', id, 'pairings'],
    queryFn: () => call(listPairings, { query: { mentorId: id, pageSize: 100 } }),
    enabled: id > 0,
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['mentors', id] });
    void queryClient.invalidateQueries({ queryKey: ['list', 'mentors'] });
  };

  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该导师，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/mentors">返回导师名册</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const m = detail.data;
  const write = can('mentors.write');
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/mentors">梦想导师</Link> }, { title: m.name }]} />
      <Card
        size="small"
        title={
          <Space>
            <span style={{ fontSize: 18 }}>{m.name}</span>
            <Tag color="red">{m.source}</Tag>
            {!m.active && <Tag>已停用</Tag>}
          </Space>
        }
        extra={
          <Space>
            {can('accounts.manage') && !m.account && (
              <Button icon={<LinkOutlined />} onClick={() => setDialog('account')}>
                开通导师账号
              </Button>
            )}
            {write && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                修改
              </Button>
            )}
            {write && m.active && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('pair')}>
                新建结对
              </Button>
            )}
          </Space>
        }
      >
        <Descriptions column={3} size="small">
          <Descriptions.Item label="专业特长">{m.specialty}</Descriptions.Item>
          <Descriptions.Item label="工作单位">{dash(m.employer)}</Descriptions.Item>
          <Descriptions.Item label="职务职称">{dash(m.title)}</Descriptions.Item>
          <Descriptions.Item label="手机号">
            <Space>
              <span>{phone ?? dash(m.phone)}</span>
              {m.hasPhone && !phone && can('personal.reveal') && (
                <Button size="small" icon={<EyeOutlined />} onClick={() => setDialog('reveal')}>
                  查看完整号码
                </Button>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="邮箱">{dash(m.email)}</Descriptions.Item>
          <Descriptions.Item label="所属单位">{m.unit.name}</Descriptions.Item>
          <Descriptions.Item label="带教负荷">
            <LoadBar open={m.openPairings} max={m.maxMentees} />
          </Descriptions.Item>
          <Descriptions.Item label="导师账号">
            {m.account ? <Tag color="green">{m.account.username}</Tag> : '未开通'}
          </Descriptions.Item>
          <Descriptions.Item label="登记时间">{m.createdAt.slice(0, 10)}</Descriptions.Item>
          <Descriptions.Item label="简介" span={3}>
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{dash(m.bio)}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="结对情况">
        <Table<PairingListItem>
          size="small"
          rowKey="id"
          loading={pairings.isFetching}
          dataSource={pairings.data?.items}
          pagination={false}
          locale={{ emptyText: '尚未结对' }}
          onRow={(p) => ({
            onClick: () => navigate(`/mentors/pairings/${p.id}`),
            style: { cursor: 'pointer' },
          })}
          columns={[
            {
              key: 'youth',
              title: '培养对象',
              render: (_, p) => <Link to={`/mentors/pairings/${p.id}`}>{p.youth.name}</Link>,
            },
            { key: 'category', title: '群体类别', render: (_, p) => dash(p.youth.category) },
            { key: 'status', title: '状态', render: (_, p) => <PairingStatusTag status={p.status} /> },
            { key: 'period', title: '协议期限', render: (_, p) => `${p.startDate} 至 ${p.endDate}` },
            { key: 'logs', title: '指导记录', render: (_, p) => `${p.logCount} 次` },
            { key: 'last', title: '最近指导', render: (_, p) => dash(p.lastLogDate) },
          ]}
        />
      </Card>
      {dialog === 'edit' && (
        <MentorDialog
          mentor={m}
          onSaved={() => {
            reload();
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'account' && <AccountDialog mentor={m} onDone={reload} onClose={() => setDialog(null)} />}
      {dialog === 'pair' && (
        <PairingDialog
          mentor={{ id: m.id, name: m.name }}
          onSaved={(p) => navigate(`/mentors/pairings/${p}`)}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'reveal' && (
        <ReasonModal
          title="查看完整手机号"
          intro="查看人、时间和原因记入审计日志；离开本页后不再显示。"
          label="查看原因"
          okText="查看"
          onSubmit={async (reason) =>
            setPhone((await call(revealMentor, { params: { id }, body: { reason } })).phone)
          }
          onClose={() => setDialog(null)}
        />
      )}
    </Flex>
  );
}
