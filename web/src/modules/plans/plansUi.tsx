import type { ReactNode } from 'react';
import { Badge, Flex, Progress, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import {
  LIGHTS,
  PLAN_KINDS,
  TASK_STATUSES,
  type DepartmentRef,
  type Light,
  type LightCounts,
  type PlanKind,
  type TaskStatus,
} from '../../../../common/contracts/plans';

export const LIGHT_COLORS: Record<Light, string> = {
  green: '#52c41a',
  yellow: '#faad14',
  red: '#f5222d',
  grey: '#bfbfbf',
};

const STATUS_COLORS: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'processing',
  done: 'success',
  lagging: 'error',
};

/** The task's light as a coloured dot with its name; the reason on hover. */
export function LightTag({ light, reason }: { light: Light; reason?: string }) {
  return (
    <Tooltip title={reason}>
      <span data-light={light}>
        <Badge color={LIGHT_COLORS[light]} text={LIGHTS[light]} />
      </span>
    </Tooltip>
  );
}

export function StatusTag({ status }: { status: TaskStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{TASK_STATUSES[status]}</Tag>;
}

export function KindTag({ kind }: { kind: PlanKind }) {
  return <Tag color="blue">{PLAN_KINDS[kind]}</Tag>;
}

export function ProgressBar({ value, light }: { value: number; light?: Light }) {
  return (
    <Progress
      percent={value}
      size="small"
      style={{ width: 96, margin: 0 }}
      strokeColor={light && light !== 'grey' ? LIGHT_COLORS[light] : undefined}
    />
  );
}

/** 红 2 · 黄 1 · 绿 5 · 无期限 3: the lights of a plan or a unit's copy at a glance. */
export function LightSummary({ counts }: { counts: LightCounts }) {
  const items: [Light, number][] = [
    ['red', counts.red],
    ['yellow', counts.yellow],
    ['green', counts.green],
    ['grey', counts.grey],
  ];
  return (
    <Space size={10} wrap>
      {items
        .filter(([, n]) => n > 0)
        .map(([light, n]) => (
          <Badge key={light} color={LIGHT_COLORS[light]} text={`${LIGHTS[light]} ${n}`} />
        ))}
      {counts.tasks === 0 && <Typography.Text type="secondary">暂无任务</Typography.Text>}
    </Space>
  );
}

export const departmentNames = (list: DepartmentRef[]) => list.map((d) => d.name).join('、');

/** Days left before the deadline, or overdue in red. */
export function DaysLeft({ days }: { days: number | null }) {
  if (days === null) return <Typography.Text type="secondary">—</Typography.Text>;
  if (days < 0) return <Typography.Text type="danger">超期 {-days} 天</Typography.Text>;
  if (days === 0) return <Typography.Text type="warning">今天到期</Typography.Text>;
  return <Typography.Text type={days <= 14 ? 'warning' : undefined}>剩 {days} 天</Typography.Text>;
}

const SECTIONS = [
  { value: '/plans', label: '工作方案' },
  { value: '/plans/tasks', label: '任务督办' },
  { value: '/plans/tasks/departments', label: '部门分工' },
  { value: '/plans/tasks/overdue', label: '超期任务' },
];

/** The 工作推进 pages share one header: the section switch, and what the page adds on the right. */
export function PlanNav({ extra }: { extra?: ReactNode }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((s) => s.value === pathname)?.value ?? '/plans';
  return (
    <Flex justify="space-between" align="center" wrap gap={12}>
      <Flex align="center" gap={16}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          工作推进
        </Typography.Title>
        <Segmented options={SECTIONS} value={current} onChange={(v) => navigate(String(v))} />
      </Flex>
      {extra}
    </Flex>
  );
}

export const errorText = (e: unknown, fallback = '操作失败') => (e instanceof Error ? e.message : fallback);
