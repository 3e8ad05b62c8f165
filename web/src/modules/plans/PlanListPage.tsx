import { useState } from 'react';
import { Button, Flex, Space, Tag, Typography } from 'antd';
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  PLAN_KINDS,
  PLAN_SOURCES,
  listPlans,
  type PlanKind,
  type PlanListItem,
  type PlanSource,
} from '../../../../common/contracts/plans';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import {
  ListPage,
  boolFilter,
  numberFilter,
  textFilter,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { PlanDialog } from './PlanDialog';
import { KindTag, LightSummary, PlanNav } from './plansUi';

const THIS_YEAR = new Date().getFullYear();
const YEARS = Array.from({ length: 8 }, (_, i) => THIS_YEAR + 1 - i).map((y) => ({
  value: y,
  label: `${y} 年`,
}));

const FIELDS: QueryField[] = [
  { name: 'unitId', label: '单位', type: 'unit', descendantsName: 'includeDescendants' },
  { name: 'year', label: '年度', type: 'select', options: YEARS },
  {
    name: 'kind',
    label: '类型',
    type: 'select',
    options: Object.entries(PLAN_KINDS).map(([value, label]) => ({ value, label })),
  },
  {
    name: 'source',
    label: '来源',
    type: 'select',
    options: Object.entries(PLAN_SOURCES).map(([value, label]) => ({ value, label })),
  },
  { name: 'q', label: '关键词', type: 'input', placeholder: '方案名称或文号' },
];

function fetchPlans({ page, pageSize, filters }: ListParams) {
  return call(listPlans, {
    query: {
      page,
      pageSize,
      unitId: numberFilter(filters, 'unitId'),
      includeDescendants: boolFilter(filters, 'includeDescendants') === false ? 'false' : undefined,
      year: numberFilter(filters, 'year'),
      kind: textFilter(filters, 'kind') as PlanKind | undefined,
      source: textFilter(filters, 'source') as PlanSource | undefined,
      q: textFilter(filters, 'q'),
    },
  });
}

const COLUMNS = [
  {
    key: 'title',
    title: '方案名称',
    fixed: 'left' as const,
    width: 360,
    render: (_: unknown, p: PlanListItem) => (
      <Flex vertical gap={2}>
        <Link to={`/plans/${p.id}`}>{p.title}</Link>
        <Space size={4} wrap>
          <KindTag kind={p.kind} />
          {p.source === 'issued' && <Tag color="volcano">上级下发{p.issuedBy ? `：${p.issuedBy}` : ''}</Tag>}
          {p.copies > 0 && <Tag color="purple">已下发 {p.copies} 个单位</Tag>}
        </Space>
      </Flex>
    ),
  },
  { key: 'unit', title: '单位', render: (_: unknown, p: PlanListItem) => p.unit.name },
  { key: 'year', title: '年度', render: (_: unknown, p: PlanListItem) => p.year },
  {
    key: 'docNumber',
    title: '文号',
    render: (_: unknown, p: PlanListItem) =>
      p.docNumber ?? <Typography.Text type="secondary">—</Typography.Text>,
  },
  {
    key: 'tasks',
    title: '任务数',
    align: 'right' as const,
    render: (_: unknown, p: PlanListItem) => p.counts.tasks,
  },
  {
    key: 'done',
    title: '已完成',
    align: 'right' as const,
    render: (_: unknown, p: PlanListItem) => p.counts.done,
  },
  {
    key: 'overdue',
    title: '超期',
    align: 'right' as const,
    render: (_: unknown, p: PlanListItem) =>
      p.counts.overdue > 0 ? <Typography.Text type="danger">{p.counts.overdue}</Typography.Text> : 0,
  },
  {
    key: 'lights',
    title: '红黄绿灯',
    render: (_: unknown, p: PlanListItem) => <LightSummary counts={p.counts} />,
  },
];

/** 工作方案: the unit's plans and those below, with how their tasks stand. */
export function PlanListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [adding, setAdding] = useState(false);
  return (
    <Flex vertical gap={12}>
      <PlanNav />
      <ListPage<PlanListItem>
        listKey="plans"
        title="工作方案"
        fields={FIELDS}
        fetch={fetchPlans}
        columns={COLUMNS}
        rowKey={(p) => p.id}
        syncUrl
        toolbar={() =>
          can('plans.write') && (
            <Space>
              <Button type="primary" icon={<FileWordOutlined />} onClick={() => navigate('/plans/import')}>
                导入方案文档
              </Button>
              <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                手工新建
              </Button>
            </Space>
          )
        }
      />
      {adding && <PlanDialog onSaved={(id) => navigate(`/plans/${id}`)} onClose={() => setAdding(false)} />}
    </Flex>
  );
}
