import { Card, Flex, Table, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { PlanDetail, TaskItem } from '../../../../common/contracts/plans-tasks';
import { DaysLeft, LightTag, ProgressBar, StatusTag, departmentNames } from './plansUi';

const COLUMNS = [
  { key: 'number', title: '序号', width: 56, render: (_: unknown, t: TaskItem) => t.number },
  {
    key: 'title',
    title: '任务',
    width: 300,
    render: (_: unknown, t: TaskItem) => <Link to={`/plans/tasks/${t.id}`}>{t.title}</Link>,
  },
  {
    key: 'lead',
    title: '牵头部门 ●',
    width: 110,
    render: (_: unknown, t: TaskItem) =>
      t.lead ? (
        <span>
          <span style={{ color: '#cf1322' }}>●</span> {t.lead.name}
        </span>
      ) : (
        <Typography.Text type="warning">未指定</Typography.Text>
      ),
  },
  {
    key: 'participants',
    title: '参与部门',
    width: 200,
    render: (_: unknown, t: TaskItem) => (
      <Flex vertical>
        <span>{departmentNames(t.participants) || '—'}</span>
        {t.collective && <Typography.Text type="secondary">{t.collective}</Typography.Text>}
      </Flex>
    ),
  },
  {
    key: 'deadline',
    title: '截止日期',
    width: 120,
    render: (_: unknown, t: TaskItem) =>
      t.deadline ? (
        <Tooltip title={t.deadlineText ? `原文：${t.deadlineText}` : undefined}>
          <Flex vertical>
            <span>{t.deadline}</span>
            {t.effectiveStatus !== 'done' && <DaysLeft days={t.daysLeft} />}
          </Flex>
        </Tooltip>
      ) : (
        <Typography.Text type="secondary">未设</Typography.Text>
      ),
  },
  {
    key: 'status',
    title: '状态',
    width: 160,
    render: (_: unknown, t: TaskItem) => (
      <Flex gap={4} align="center" wrap>
        <StatusTag status={t.effectiveStatus} />
        <LightTag light={t.light} reason={t.lightReason} />
      </Flex>
    ),
  },
  {
    key: 'progress',
    title: '进度',
    width: 130,
    render: (_: unknown, t: TaskItem) => <ProgressBar value={t.progress} light={t.light} />,
  },
];

/** The plan's tasks, one card per section in order; tasks without a section first. */
export function PlanTasksTable({ plan }: { plan: PlanDetail }) {
  const groups = [
    {
      key: 'none',
      title: plan.sections.length ? '未分章节' : '任务',
      tasks: plan.tasks.filter((t) => !t.section),
    },
    ...plan.sections.map((s) => ({
      key: String(s.id),
      title: [s.number && `${s.number}、`, s.title].filter(Boolean).join('') || '（无章节标题）',
      tasks: plan.tasks.filter((t) => t.section?.id === s.id),
    })),
  ].filter((g) => g.tasks.length > 0 || g.key !== 'none');
  return (
    <Flex vertical gap={12}>
      {groups.map((g) => (
        <Card key={g.key} size="small" title={g.title} extra={`${g.tasks.length} 项`}>
          <Table<TaskItem>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={g.tasks}
            columns={COLUMNS}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: '本章暂无任务' }}
          />
        </Card>
      ))}
    </Flex>
  );
}
