import { Button, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  SUBMISSION_STATUSES,
  TIMELINESS,
  listCollectionSubmissions,
  type SubmissionItem,
  type SubmissionStatus,
  type Timeliness,
} from '../../../../common/contracts/reports';
import { call } from '../../api/client';
import {
  ListPage,
  boolFilter,
  numberFilter,
  textFilter,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { StatusTag, TimelinessTag, ymdhm } from './reportsUi';

const FIELDS: QueryField[] = [
  { name: 'unitId', label: '单位', type: 'unit', descendantsName: 'includeDescendants' },
  {
    name: 'status',
    label: '状态',
    type: 'select',
    options: Object.entries(SUBMISSION_STATUSES).map(([value, label]) => ({ value, label })),
  },
  {
    name: 'timeliness',
    label: '及时性',
    type: 'select',
    options: Object.entries(TIMELINESS).map(([value, label]) => ({ value, label })),
  },
];

const COLUMNS = [
  {
    key: 'unit',
    title: '报送单位',
    fixed: 'left' as const,
    render: (_: unknown, s: SubmissionItem) => (
      <Space size={4}>
        <Link to={`/reports/submissions/${s.id}`}>{s.unit.name}</Link>
        {s.unit.keyContactCity && <Tag color="red">重点联系城市</Tag>}
      </Space>
    ),
  },
  { key: 'parent', title: '所属', render: (_: unknown, s: SubmissionItem) => s.unit.parentName ?? '—' },
  { key: 'deadline', title: '截止日期', dataIndex: 'deadline' },
  {
    key: 'status',
    title: '状态',
    render: (_: unknown, s: SubmissionItem) => <StatusTag status={s.status} />,
  },
  {
    key: 'timeliness',
    title: '及时性',
    render: (_: unknown, s: SubmissionItem) => (
      <Space size={4}>
        <TimelinessTag value={s.timeliness} />
        {s.daysLate ? <Typography.Text type="danger">{s.daysLate} 天</Typography.Text> : null}
      </Space>
    ),
  },
  { key: 'first', title: '首次报送', render: (_: unknown, s: SubmissionItem) => ymdhm(s.firstSubmittedAt) },
  { key: 'reviewer', title: '审核单位', render: (_: unknown, s: SubmissionItem) => s.reviewerUnit.name },
  { key: 'reviewedAt', title: '审核时间', render: (_: unknown, s: SubmissionItem) => ymdhm(s.reviewedAt) },
  {
    key: 'returnCount',
    title: '退回',
    align: 'right' as const,
    render: (_: unknown, s: SubmissionItem) =>
      s.returnCount ? <Typography.Text type="danger">{s.returnCount} 次</Typography.Text> : '—',
  },
  {
    key: 'actions',
    title: '操作',
    fixed: 'right' as const,
    render: (_: unknown, s: SubmissionItem) => (
      <Link to={`/reports/submissions/${s.id}`}>
        <Button size="small" type={s.canReview ? 'primary' : 'default'}>
          {s.canReview ? '审核' : '查看'}
        </Button>
      </Link>
    ),
  },
];

/** 报送明细: every unit's report in the collection, filtered by unit, status or timeliness. */
export function CollectionSubmissions({ collectionId }: { collectionId: number }) {
  const fetchRows = ({ page, pageSize, filters }: ListParams) =>
    call(listCollectionSubmissions, {
      params: { id: collectionId },
      query: {
        page,
        pageSize,
        unitId: numberFilter(filters, 'unitId'),
        includeDescendants: boolFilter(filters, 'includeDescendants') === false ? 'false' : undefined,
        status: textFilter(filters, 'status') as SubmissionStatus | undefined,
        timeliness: textFilter(filters, 'timeliness') as Timeliness | undefined,
      },
    });
  return (
    <ListPage<SubmissionItem>
      listKey={`report-collection-${collectionId}-submissions`}
      title="各单位报送情况"
      fields={FIELDS}
      fetch={fetchRows}
      columns={COLUMNS}
      rowKey={(s) => s.id}
      defaultPageSize={50}
    />
  );
}
