import { Flex, Form, Select, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import {
  LIGHTS,
  TASK_STATUSES,
  departmentOptions,
  listPlans,
  type Light,
  type TaskStatus,
} from '../../../../common/contracts/plans';
import { TASK_ROLES, listTasks, type TaskItem } from '../../../../common/contracts/plans-tasks';
import { call } from '../../api/client';
import {
  ListPage,
  boolFilter,
  numberFilter,
  textFilter,
  type Filters,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { DaysLeft, LightTag, PlanNav, ProgressBar, StatusTag, departmentNames } from './plansUi';

type Props = { value?: string | number; onChange?: (v: number | undefined) => void; id?: string };

/** The departments of the unit chosen in the same query form (the viewer's own unit when none is). */
function DepartmentSelect({ value, onChange, id }: Props) {
  const form = Form.useFormInstance<Filters>();
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  const options = useQuery({
    queryKey: ['plans', 'department-options', unitId ?? 'own'],
    queryFn: () => call(departmentOptions, { query: { unitId } }),
  });
  return (
    <Select
      id={id}
      allowClear
      placeholder={options.data ? `${options.data.unit.name}的部门` : '全部'}
      value={value === undefined || value === '' ? undefined : Number(value)}
      onChange={(v) => onChange?.(v)}
      options={(options.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}

/** The plans of the unit chosen in the same query form. */
function PlanSelect({ value, onChange, id }: Props) {
  const form = Form.useFormInstance<Filters>();
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  const plans = useQuery({
    queryKey: ['plans', 'options', unitId ?? 'all'],
    queryFn: () => call(listPlans, { query: { unitId, pageSize: 200 } }),
  });
  return (
    <Select
      id={id}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="全部方案"
      value={value === undefined || value === '' ? undefined : Number(value)}
      onChange={(v) => onChange?.(v)}
      options={(plans.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.year} ${p.title}` }))}
    />
  );
}

const THIS_YEAR = new Date().getFullYear();

export const TASK_FIELDS: QueryField[] = [
  { name: 'unitId', label: '单位', type: 'unit', descendantsName: 'includeDescendants' },
  { name: 'planId', label: '方案', type: 'custom', render: () => <PlanSelect /> },
  { name: 'departmentId', label: '部门', type: 'custom', render: () => <DepartmentSelect /> },
  {
    name: 'role',
    label: '部门角色',
    type: 'select',
    options: Object.entries(TASK_ROLES).map(([value, label]) => ({ value, label })),
    placeholder: '牵头或参与',
  },
  {
    name: 'status',
    label: '状态',
    type: 'select',
    options: Object.entries(TASK_STATUSES).map(([value, label]) => ({ value, label })),
  },
  {
    name: 'light',
    label: '红黄绿灯',
    type: 'select',
    options: Object.entries(LIGHTS).map(([value, label]) => ({ value, label })),
  },
  {
    name: 'overdue',
    label: '是否超期',
    type: 'select',
    options: [
      { value: 'true', label: '超期未完成' },
      { value: 'false', label: '未超期' },
    ],
  },
  {
    name: 'year',
    label: '年度',
    type: 'select',
    options: Array.from({ length: 8 }, (_, i) => THIS_YEAR + 1 - i).map((y) => ({
      value: y,
      label: `${y} 年`,
    })),
  },
  { name: 'q', label: '关键词', type: 'input', placeholder: '任务或方案名称' },
];

export function taskQuery({ page, pageSize, sort, filters }: ListParams) {
  const department = Number(filters.departmentId);
  const plan = Number(filters.planId);
  return {
    page,
    pageSize,
    sort,
    unitId: numberFilter(filters, 'unitId'),
    includeDescendants: boolFilter(filters, 'includeDescendants') === false ? ('false' as const) : undefined,
    departmentId: department > 0 ? department : undefined,
    role: textFilter(filters, 'role') as 'lead' | 'participant' | undefined,
    status: textFilter(filters, 'status') as TaskStatus | undefined,
    light: textFilter(filters, 'light') as Light | undefined,
    overdue: textFilter(filters, 'overdue') as 'true' | 'false' | undefined,
    year: numberFilter(filters, 'year'),
    q: textFilter(filters, 'q'),
    planId: plan > 0 ? plan : undefined,
  };
}

export const TASK_COLUMNS = [
  {
    key: 'light',
    title: '灯',
    width: 96,
    fixed: 'left' as const,
    render: (_: unknown, t: TaskItem) => <LightTag light={t.light} reason={t.lightReason} />,
  },
  {
    key: 'title',
    title: '任务',
    width: 240,
    render: (_: unknown, t: TaskItem) => (
      <Flex vertical>
        <Link to={`/plans/tasks/${t.id}`}>
          {t.number && `${t.number}. `}
          {t.title}
        </Link>
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220 }}>
          {t.plan.title}
        </Typography.Text>
      </Flex>
    ),
  },
  { key: 'unit', title: '单位', width: 80, render: (_: unknown, t: TaskItem) => t.unit.name },
  { key: 'lead', title: '牵头部门', width: 110, render: (_: unknown, t: TaskItem) => t.lead?.name ?? '—' },
  {
    key: 'participants',
    title: '参与部门',
    width: 140,
    render: (_: unknown, t: TaskItem) => {
      const names = departmentNames(t.participants) || t.collective || '—';
      return (
        <Typography.Text ellipsis={{ tooltip: names }} style={{ maxWidth: 130 }}>
          {names}
        </Typography.Text>
      );
    },
  },
  {
    key: 'deadline',
    title: '截止日期',
    sorter: true,
    render: (_: unknown, t: TaskItem) => (
      <Flex vertical>
        <span>{t.deadline ?? '未设'}</span>
        {t.effectiveStatus !== 'done' && <DaysLeft days={t.daysLeft} />}
      </Flex>
    ),
  },
  {
    key: 'status',
    title: '状态',
    render: (_: unknown, t: TaskItem) => <StatusTag status={t.effectiveStatus} />,
  },
  {
    key: 'progress',
    title: '进度',
    sorter: true,
    render: (_: unknown, t: TaskItem) => <ProgressBar value={t.progress} light={t.light} />,
  },
  {
    key: 'lastProgressOn',
    title: '最近填报',
    sorter: true,
    render: (_: unknown, t: TaskItem) =>
      t.lastProgressOn ?? <Typography.Text type="secondary">未填报</Typography.Text>,
  },
];

/** 任务督办: every task in scope across plans, by department, role, status, light and deadline. */
export function TaskListPage() {
  return (
    <Flex vertical gap={12}>
      <PlanNav />
      <ListPage<TaskItem>
        listKey="plan-tasks"
        title="任务清单"
        fields={TASK_FIELDS}
        fetch={(params) => call(listTasks, { query: taskQuery(params) })}
        columns={TASK_COLUMNS}
        rowKey={(t) => t.id}
        syncUrl
      />
    </Flex>
  );
}
