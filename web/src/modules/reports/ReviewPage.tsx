import { Button, Flex, Select, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { z } from 'zod';
import { listToReview, type SubmissionStatus } from '../../../../common/contracts/reports';
import { call } from '../../api/client';
import { useViewer } from '../../app/session';
import { ListPage, textFilter, type ListParams, type QueryField } from '../../components/ListPage';
import { FormTag, StatusTag, TimelinessTag, ymdhm } from './reportsUi';

type Item = z.infer<typeof listToReview.response>['items'][number];

const ALL = 'all';
const FIELDS: QueryField[] = [
  {
    name: 'status',
    label: '状态',
    type: 'custom',
    initialValue: 'submitted',
    render: () => (
      <Select
        options={[
          { value: 'submitted', label: '待审核' },
          { value: 'returned', label: '已退回' },
          { value: 'accepted', label: '已通过' },
          { value: ALL, label: '全部' },
        ]}
      />
    ),
  },
];

function fetchRows({ page, pageSize, filters }: ListParams) {
  const status = textFilter(filters, 'status');
  return call(listToReview, {
    query: {
      page,
      pageSize,
      status: status && status !== ALL ? (status as SubmissionStatus) : undefined,
    },
  });
}

const COLUMNS = [
  {
    key: 'collection',
    title: '报送任务',
    fixed: 'left' as const,
    render: (_: unknown, s: Item) => (
      <Space size={4}>
        <FormTag form={s.collection.form} />
        <Link to={`/reports/collections/${s.collection.id}`}>{s.collection.title}</Link>
      </Space>
    ),
  },
  {
    key: 'unit',
    title: '报送单位',
    render: (_: unknown, s: Item) => (
      <Space size={4}>
        <Link to={`/reports/submissions/${s.id}`}>{s.unit.name}</Link>
        {s.unit.keyContactCity && <Tag color="red">重点联系城市</Tag>}
      </Space>
    ),
  },
  { key: 'parent', title: '所属', render: (_: unknown, s: Item) => s.unit.parentName ?? '—' },
  { key: 'deadline', title: '截止日期', dataIndex: 'deadline' },
  { key: 'submittedAt', title: '报送时间', render: (_: unknown, s: Item) => ymdhm(s.submittedAt) },
  {
    key: 'timeliness',
    title: '及时性',
    render: (_: unknown, s: Item) => <TimelinessTag value={s.timeliness} />,
  },
  {
    key: 'returnCount',
    title: '退回',
    render: (_: unknown, s: Item) =>
      s.returnCount ? <Typography.Text type="danger">已退回 {s.returnCount} 次</Typography.Text> : '—',
  },
  { key: 'status', title: '状态', render: (_: unknown, s: Item) => <StatusTag status={s.status} /> },
  {
    key: 'actions',
    title: '操作',
    fixed: 'right' as const,
    render: (_: unknown, s: Item) => (
      <Link to={`/reports/submissions/${s.id}`}>
        <Button size="small" type={s.canReview ? 'primary' : 'default'}>
          {s.canReview ? '审核' : '查看'}
        </Button>
      </Link>
    ),
  },
];

/** 待审核: reports of the units below that this unit reviews, across every collection. */
export function ReviewPage() {
  const me = useViewer();
  return (
    <Flex vertical gap={12}>
      <Flex align="baseline" gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          待审核
        </Typography.Title>
        <Typography.Text type="secondary">由{me.unit.orgName}审核的下级报送</Typography.Text>
      </Flex>
      <ListPage<Item>
        listKey="reports-to-review"
        title="下级报送"
        fields={FIELDS}
        fetch={fetchRows}
        columns={COLUMNS}
        rowKey={(s) => s.id}
        syncUrl
      />
    </Flex>
  );
}
