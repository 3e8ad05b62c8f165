import { Card, Flex, Table, Typography } from 'antd';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { DivisionDepartment, DivisionTask, getDivision } from '../../../../common/contracts/plans-tasks';
import { LightSummary, LightTag, StatusTag } from './plansUi';

export type Division = z.output<(typeof getDivision)['response']>;

const LEAD = <span style={{ color: '#cf1322', fontSize: 16 }}>●</span>;
const PARTICIPANT = <span style={{ color: '#1677ff', fontSize: 16 }}>○</span>;

type Measure = 'lead' | 'participant' | 'done' | 'overdue' | 'red' | 'yellow';
const MEASURES: { key: Measure; label: string; type?: 'danger' | 'warning' }[] = [
  { key: 'lead', label: '牵头 ●' },
  { key: 'participant', label: '参与 ○' },
  { key: 'done', label: '已完成' },
  { key: 'overdue', label: '超期', type: 'danger' },
  { key: 'red', label: '红灯', type: 'danger' },
  { key: 'yellow', label: '黄灯', type: 'warning' },
];

/** Each department's counts, one column per department like the matrix below; 牵头 and 参与 link to the tasks. */
function Counts({ division, planId }: { division: Division; planId?: number }) {
  const cell = (d: DivisionDepartment, m: (typeof MEASURES)[number]) => {
    const n = d[m.key];
    if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
    if (m.key === 'lead' || m.key === 'participant') {
      const query = `unitId=${division.unit.id}&includeDescendants=false&departmentId=${d.id}&role=${m.key}`;
      return <Link to={`/plans/tasks?${query}${planId ? `&planId=${planId}` : ''}`}>{n}</Link>;
    }
    return <Typography.Text type={m.type}>{n}</Typography.Text>;
  };
  return (
    <Table<(typeof MEASURES)[number]>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={MEASURES}
      scroll={{ x: 'max-content' }}
      columns={[
        { key: 'measure', title: '部门', width: 80, fixed: 'left', render: (_, m) => m.label },
        ...division.departments.map((d) => ({
          key: `d${d.id}`,
          title: d.name,
          width: 72,
          align: 'center' as const,
          render: (_: unknown, m: (typeof MEASURES)[number]) => cell(d, m),
        })),
      ]}
    />
  );
}

/**
 * The 任务分工表 cadres know: one row per task, one column per department, ● for the lead and ○ for the
 * participants; above it each department's counts, each a link to its tasks.
 */
export function DivisionMatrix({ division, planId }: { division: Division; planId?: number }) {
  const departments = division.departments;
  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title={`各部门任务（${division.unit.name}）`}
        data-testid="division-counts"
        extra={
          <Flex gap={16} align="center">
            <span>共 {division.counts.tasks} 项</span>
            <LightSummary counts={division.counts} />
            {division.unassigned > 0 && (
              <Typography.Text type="warning">{division.unassigned} 项未指定牵头部门</Typography.Text>
            )}
          </Flex>
        }
      >
        <Counts division={division} planId={planId} />
      </Card>
      <Card size="small" title="分工矩阵（● 牵头　○ 参与）" data-testid="division-matrix">
        <Table<DivisionTask>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={division.tasks}
          scroll={{ x: 'max-content', y: 560 }}
          columns={[
            { key: 'number', title: '序号', width: 56, fixed: 'left', render: (_, t) => t.number },
            {
              key: 'title',
              title: '任务',
              width: 220,
              fixed: 'left',
              render: (_, t) => (
                <Flex vertical>
                  <Link to={`/plans/tasks/${t.id}`}>{t.title}</Link>
                  {!planId && <Typography.Text type="secondary">{t.planTitle}</Typography.Text>}
                  {t.collective && <Typography.Text type="secondary">另：{t.collective}</Typography.Text>}
                </Flex>
              ),
            },
            { key: 'deadline', title: '截止', width: 96, render: (_, t) => t.deadline ?? '—' },
            {
              key: 'status',
              title: '状态',
              width: 140,
              render: (_, t) => (
                <Flex gap={4} align="center">
                  <StatusTag status={t.effectiveStatus} />
                  <LightTag light={t.light} />
                </Flex>
              ),
            },
            ...departments.map((d) => ({
              key: `d${d.id}`,
              title: d.name,
              width: 56,
              align: 'center' as const,
              render: (_: unknown, t: DivisionTask) =>
                t.leadDepartmentId === d.id ? LEAD : t.participantIds.includes(d.id) ? PARTICIPANT : null,
            })),
          ]}
        />
      </Card>
    </Flex>
  );
}
