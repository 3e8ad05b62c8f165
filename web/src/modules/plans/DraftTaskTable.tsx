import type { Key } from 'react';
import { Button, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { DraftTask } from '../../../../common/contracts/plans-drafts';
import { DateText } from '../federation/federationUi';
import { DraftTaskDetails } from './DraftTaskDetails';

type Props = {
  tasks: DraftTask[];
  rowKeyOf: (index: number) => string;
  /** The unit's departments and the new names still in use, for the lead and participant selects. */
  options: { value: string; label: string }[];
  expanded: Key[];
  onExpanded: (keys: Key[]) => void;
  onTask: (index: number, patch: Partial<DraftTask>) => void;
  onRemove: (index: number) => void;
};

/** One section's tasks in the preview: title, lead ●, participants ○ and deadline editable in the row. */
export function DraftSectionTable({
  tasks,
  rowKeyOf,
  options,
  expanded,
  onExpanded,
  onTask,
  onRemove,
}: Props) {
  return (
    <Table<DraftTask>
      size="small"
      rowKey={(t) => rowKeyOf(tasks.indexOf(t))}
      dataSource={tasks}
      pagination={false}
      scroll={{ x: 'max-content' }}
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => onExpanded([...keys]),
        expandedRowRender: (t, ti) => <DraftTaskDetails task={t} onChange={(p) => onTask(ti, p)} />,
      }}
      columns={[
        { key: 'number', title: '序号', width: 48, render: (_, t) => t.number },
        {
          key: 'title',
          title: '任务',
          width: 230,
          render: (_, t, ti) => (
            <Input.TextArea
              value={t.title}
              aria-label={`任务${t.number}标题`}
              status={t.title.trim() ? undefined : 'error'}
              autoSize={{ minRows: 1, maxRows: 3 }}
              onChange={(e) => onTask(ti, { title: e.target.value })}
            />
          ),
        },
        {
          key: 'lead',
          title: '牵头部门 ●',
          width: 130,
          render: (_, t, ti) => (
            <Select
              value={t.lead ?? undefined}
              allowClear
              placeholder="请指定"
              status={t.lead ? undefined : 'warning'}
              aria-label={`任务${t.number}牵头部门`}
              style={{ width: 120 }}
              options={options}
              onChange={(lead) =>
                onTask(ti, {
                  lead: lead ?? null,
                  participants: t.participants.filter((p) => p !== lead),
                })
              }
            />
          ),
        },
        {
          key: 'participants',
          title: '参与部门 ○',
          width: 230,
          render: (_, t, ti) => (
            <Select
              mode="multiple"
              value={t.participants}
              placeholder="无"
              aria-label={`任务${t.number}参与部门`}
              style={{ width: 220 }}
              options={options.filter((o) => o.value !== t.lead)}
              onChange={(participants) => onTask(ti, { participants })}
            />
          ),
        },
        {
          key: 'collective',
          title: '其他责任单位',
          width: 110,
          render: (_, t) => t.collective ?? <Typography.Text type="secondary">—</Typography.Text>,
        },
        {
          key: 'deadline',
          title: '截止日期',
          width: 140,
          render: (_, t, ti) => (
            <Flex vertical gap={2}>
              <DateText
                value={t.deadline ?? undefined}
                onChange={(v) => onTask(ti, { deadline: v ?? null })}
                placeholder="未设"
              />
              {t.deadlineText && <Typography.Text type="secondary">原文：{t.deadlineText}</Typography.Text>}
            </Flex>
          ),
        },
        {
          key: 'check',
          title: '节点 / 指标',
          width: 100,
          render: (_, t) => (
            <Space size={4} wrap>
              {t.milestones.some((m) => !m.dueDate) && <Tag color="red">日期待更正</Tag>}
              {t.milestones.length > 0 && <Tag>节点 {t.milestones.length}</Tag>}
              {t.indicators.length > 0 && <Tag color="blue">指标 {t.indicators.length}</Tag>}
            </Space>
          ),
        },
        {
          key: 'remove',
          title: '操作',
          width: 64,
          render: (_, _t, ti) => (
            <Button size="small" type="link" danger onClick={() => onRemove(ti)}>
              删除
            </Button>
          ),
        },
      ]}
    />
  );
}
