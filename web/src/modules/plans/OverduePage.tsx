import { Flex, Typography } from 'antd';
import { listTasks, type TaskItem } from '../../../../common/contracts/plans-tasks';
import { call } from '../../api/client';
import { ListPage, type QueryField } from '../../components/ListPage';
import { PlanNav } from './plansUi';
import { TASK_COLUMNS, TASK_FIELDS, taskQuery } from './TaskListPage';

const FIELDS: QueryField[] = TASK_FIELDS.filter((f) => !['status', 'light', 'overdue'].includes(f.name));

const COLUMNS = [
  {
    key: 'days',
    title: '超期天数',
    width: 96,
    fixed: 'left' as const,
    render: (_: unknown, t: TaskItem) => (
      <Typography.Text type="danger" strong>
        {t.daysLeft === null ? '—' : `${-t.daysLeft} 天`}
      </Typography.Text>
    ),
  },
  ...TASK_COLUMNS.filter((c) => c.key !== 'light'),
];

/** 超期任务: every task in scope past its deadline and not done, across plans, the longest overdue first. */
export function OverduePage() {
  return (
    <Flex vertical gap={12}>
      <PlanNav />
      <ListPage<TaskItem>
        listKey="plan-tasks-overdue"
        title="超期未完成的任务"
        fields={FIELDS}
        fetch={(params) =>
          call(listTasks, {
            query: { ...taskQuery(params), overdue: 'true', sort: params.sort ?? 'deadline' },
          })
        }
        columns={COLUMNS}
        rowKey={(t) => t.id}
        syncUrl
      />
    </Flex>
  );
}
