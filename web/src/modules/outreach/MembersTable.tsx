import { useState } from 'react';
import { App, Button, DatePicker, Flex, Popover, Select, Space, Table, Tag, Typography } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import {
  leaveBranch,
  MEMBER_ROLES,
  updateBranchMember,
  type BranchDetail,
  type BranchMember,
} from '../../../../common/contracts/outreach-branches';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { StageTag } from '../youth/YouthTags';
import { AddMembersDialog } from './AddMembersDialog';

type Role = (typeof MEMBER_ROLES)[number];

/** 离开: the date they left; the row stays in the list, greyed, with that date. */
function LeaveButton({
  member,
  onLeave,
}: {
  member: BranchMember;
  onLeave: (date: string) => Promise<void>;
}) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState<Dayjs>(() => dayjs());
  const [busy, setBusy] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      title={`${member.name}离开团组织`}
      content={
        <Flex vertical gap={8}>
          <DatePicker
            aria-label="离开日期"
            value={date}
            allowClear={false}
            onChange={(d) => d && setDate(d)}
            disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(member.joinedOn), 'day')}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            记录保留，不再计入现有成员
          </Typography.Text>
          <Button
            type="primary"
            size="small"
            danger
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onLeave(date.format('YYYY-MM-DD'));
                setOpen(false);
              } finally {
                setBusy(false);
              }
            }}
          >
            确认离开
          </Button>
        </Flex>
      }
    >
      <Button type="link" size="small" danger>
        离开
      </Button>
    </Popover>
  );
}

/** 成员: current members (role editable), then those who left with their dates; add from the registry. */
export function MembersTable({ branch, onChanged }: { branch: BranchDetail; onChanged: () => void }) {
  const can = useCan();
  const { message } = App.useApp();
  const [adding, setAdding] = useState(false);
  const write = can('orgs.write') && branch.status === 'active';
  const current = branch.memberList.filter((m) => !m.leftOn);
  const left = branch.memberList.length - current.length;

  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : '操作失败');
      throw e;
    }
  };

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="member-counts">
          现有成员 {current.length} 人{left ? `，已离开 ${left} 人（记录保留）` : ''}
        </Typography.Text>
        {write && (
          <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
            从青年库添加成员
          </Button>
        )}
      </Flex>
      <Table<BranchMember>
        size="small"
        rowKey="youthId"
        dataSource={branch.memberList}
        locale={{ emptyText: '尚未添加成员' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 人` }}
        onRow={(m) => (m.leftOn ? { style: { color: '#8c8c8c', background: '#fafafa' } } : {})}
        columns={[
          {
            key: 'name',
            title: '姓名',
            render: (_, m) => (can('youth.read') ? <Link to={`/youth/${m.youthId}`}>{m.name}</Link> : m.name),
          },
          {
            key: 'role',
            title: '职务',
            width: 140,
            render: (_, m) =>
              write && !m.leftOn ? (
                <Select<Role>
                  size="small"
                  aria-label={`${m.name}的职务`}
                  value={m.role as Role}
                  style={{ width: 110 }}
                  options={MEMBER_ROLES.map((r) => ({ value: r, label: r }))}
                  onChange={(role) =>
                    void run(
                      () =>
                        call(updateBranchMember, {
                          params: { id: branch.id, youthId: m.youthId },
                          body: { role },
                        }),
                      `${m.name}的职务已改为${role}`,
                    ).catch(() => undefined)
                  }
                />
              ) : (
                m.role
              ),
          },
          { key: 'unit', title: '所在单位', render: (_, m) => m.unit.name },
          { key: 'category', title: '群体类别', render: (_, m) => m.category ?? '—' },
          { key: 'stage', title: '阶段', render: (_, m) => <StageTag stage={m.stage} /> },
          { key: 'joinedOn', title: '加入日期', render: (_, m) => m.joinedOn },
          {
            key: 'leftOn',
            title: '状态',
            render: (_, m) => (m.leftOn ? <Tag>{m.leftOn} 离开</Tag> : <Tag color="success">在册</Tag>),
          },
          ...(write
            ? [
                {
                  key: 'actions',
                  title: '操作',
                  width: 80,
                  render: (_: unknown, m: BranchMember) =>
                    m.leftOn ? null : (
                      <Space size={4}>
                        <LeaveButton
                          member={m}
                          onLeave={(leftOn) =>
                            run(
                              () =>
                                call(leaveBranch, {
                                  params: { id: branch.id, youthId: m.youthId },
                                  body: { leftOn },
                                }),
                              `已记录：${m.name}于 ${leftOn} 离开`,
                            )
                          }
                        />
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
      {adding && (
        <AddMembersDialog
          branchId={branch.id}
          unitId={branch.unit.id}
          establishedOn={branch.establishedOn}
          current={new Set(current.map((m) => m.youthId))}
          onAdded={onChanged}
          onClose={() => setAdding(false)}
        />
      )}
    </>
  );
}
