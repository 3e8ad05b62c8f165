import { useState } from 'react';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Modal,
  Result,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { dissolveBranch, getBranch, type BranchDetail } from '../../../../common/contracts/outreach-branches';
import { ApiError, call, isVersionConflict } from '../../api/client';
import { useCan } from '../../app/session';
import { BranchDialog } from './BranchDialog';
import { BranchStatusTag } from './BranchStatusTag';
import { MembersTable } from './MembersTable';

/** 撤销: the date; every current member leaves that day, the records stay. */
function DissolveDialog({
  branch,
  onDone,
  onClose,
}: {
  branch: BranchDetail;
  onDone: () => void;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await call(dissolveBranch, {
        params: { id: branch.id },
        body: { dissolvedOn: date.format('YYYY-MM-DD'), version: branch.version },
      });
      message.success(`已撤销：${branch.name}`);
      onDone();
    } catch (e) {
      message.error(
        isVersionConflict(e)
          ? '该团组织已被他人修改，请刷新后再试'
          : e instanceof Error
            ? e.message
            : '撤销失败',
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`撤销“${branch.name}”`}
      okText="撤销"
      okButtonProps={{ danger: true, loading: busy }}
      onOk={() => void go()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Text>
          撤销后，现有 {branch.members} 名成员同日记为离开；团组织及成员记录保留，可在列表中按“已撤销”查看。
        </Typography.Text>
        <span>
          撤销日期：
          <DatePicker
            aria-label="撤销日期"
            value={date}
            allowClear={false}
            onChange={(d) => d && setDate(d)}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(branch.establishedOn), 'day')}
          />
        </span>
      </Flex>
    </Modal>
  );
}

/** One League organisation: where it sits, since when, its members with their history. */
export function BranchPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [dissolving, setDissolving] = useState(false);
  const detail = useQuery({
    queryKey: ['league-branches', id, 'detail'],
    queryFn: () => call(getBranch, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['league-branches', id] });
    void queryClient.invalidateQueries({ queryKey: ['list', 'league-branches'] });
    void queryClient.invalidateQueries({ queryKey: ['contact-points'] });
  };

  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该团组织，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/outreach/branches">返回团组织</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const branch = detail.data;
  const write = can('orgs.write') && branch.status === 'active';
  const place = branch.contactPoint ? (
    <Link to={`/outreach/contact-points/${branch.contactPoint.id}`}>{branch.location}</Link>
  ) : (
    branch.location
  );
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/outreach/branches">团组织</Link> }, { title: branch.name }]} />
      <Card size="small" styles={{ body: { padding: '16px 20px 4px' } }}>
        <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {branch.name}
          </Typography.Title>
          <Tag color="red">{branch.kind}</Tag>
          <BranchStatusTag status={branch.status} dissolvedOn={branch.dissolvedOn} />
          <span style={{ flex: 1 }} />
          {write && (
            <>
              <Button icon={<StopOutlined />} danger onClick={() => setDissolving(true)}>
                撤销
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                修改
              </Button>
            </>
          )}
        </Flex>
        <Descriptions size="small" column={3}>
          <Descriptions.Item
            label={branch.contactPoint ? '所在联系点' : branch.society ? '所在社团' : '依托单位'}
          >
            {place}
          </Descriptions.Item>
          <Descriptions.Item label="所属单位">{branch.unit.name}</Descriptions.Item>
          <Descriptions.Item label="成立日期">{branch.establishedOn}</Descriptions.Item>
          <Descriptions.Item label="书记">{branch.secretary ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="现有成员">{branch.members} 人</Descriptions.Item>
          <Descriptions.Item label="建立人">{branch.createdBy ?? '—'}</Descriptions.Item>
          {branch.remark && (
            <Descriptions.Item label="备注" span={3}>
              {branch.remark}
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Card size="small" title="成员">
        <MembersTable branch={branch} onChanged={reload} />
      </Card>
      {editing && (
        <BranchDialog
          branch={branch}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
      {dissolving && (
        <DissolveDialog
          branch={branch}
          onClose={() => setDissolving(false)}
          onDone={() => {
            setDissolving(false);
            reload();
          }}
        />
      )}
    </Flex>
  );
}
