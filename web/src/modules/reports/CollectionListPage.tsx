import { useState } from 'react';
import { Button, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  COLLECTION_STATUSES,
  listCollections,
  type CollectionItem,
  type ReportForm,
} from '../../../../common/contracts/reports';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import {
  ListPage,
  numberFilter,
  textFilter,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { OpenCollectionDialog } from './OpenCollectionDialog';
import { CompletenessBar, FormTag, formOptions, yearOptions } from './reportsUi';

const FIELDS: QueryField[] = [
  { name: 'q', label: '任务名称', type: 'input', placeholder: '任务名称' },
  { name: 'form', label: '报表', type: 'select', options: formOptions },
  { name: 'year', label: '年度', type: 'select', options: yearOptions() },
  {
    name: 'status',
    label: '状态',
    type: 'select',
    options: Object.entries(COLLECTION_STATUSES).map(([value, label]) => ({ value, label })),
  },
  {
    name: 'scope',
    label: '范围',
    type: 'select',
    placeholder: '全部（含上级发起）',
    options: [{ value: 'opened', label: '本单位发起的' }],
  },
];

function fetchCollections({ page, pageSize, filters }: ListParams) {
  return call(listCollections, {
    query: {
      page,
      pageSize,
      q: textFilter(filters, 'q'),
      form: textFilter(filters, 'form') as ReportForm | undefined,
      year: numberFilter(filters, 'year'),
      status: textFilter(filters, 'status') as CollectionItem['status'] | undefined,
      scope: textFilter(filters, 'scope') === 'opened' ? 'opened' : 'all',
    },
  });
}

const COLUMNS = [
  {
    key: 'title',
    title: '任务名称',
    fixed: 'left' as const,
    render: (_: unknown, c: CollectionItem) => <Link to={`/reports/collections/${c.id}`}>{c.title}</Link>,
  },
  { key: 'form', title: '报表', render: (_: unknown, c: CollectionItem) => <FormTag form={c.form} /> },
  {
    key: 'unit',
    title: '发起单位',
    render: (_: unknown, c: CollectionItem) =>
      c.ownedByViewer ? (
        <span>
          {c.unit.name} <Tag variant="outlined">本单位</Tag>
        </span>
      ) : (
        c.unit.name
      ),
  },
  {
    key: 'deadline',
    title: '截止日期',
    render: (_: unknown, c: CollectionItem) => {
      const own = Object.values(c.deadlineByLevel).filter(Boolean);
      return own.length ? (
        <Typography.Text>
          {c.deadline}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            （分层级）
          </Typography.Text>
        </Typography.Text>
      ) : (
        c.deadline
      );
    },
  },
  {
    key: 'counts',
    title: '按时 / 逾期 / 缺报',
    render: (_: unknown, c: CollectionItem) => (
      <span>
        <Typography.Text type="success">{c.summary.onTime}</Typography.Text> /{' '}
        <Typography.Text type={c.summary.late ? 'warning' : undefined}>{c.summary.late}</Typography.Text> /{' '}
        <Typography.Text type={c.summary.missing ? 'danger' : undefined}>{c.summary.missing}</Typography.Text>
      </span>
    ),
  },
  {
    key: 'completeness',
    title: '报送进度',
    render: (_: unknown, c: CollectionItem) => <CompletenessBar summary={c.summary} />,
  },
  {
    key: 'awaiting',
    title: '待审核',
    render: (_: unknown, c: CollectionItem) =>
      c.summary.awaitingReview ? (
        <Typography.Text type="warning">{c.summary.awaitingReview}</Typography.Text>
      ) : (
        0
      ),
  },
  {
    key: 'status',
    title: '状态',
    render: (_: unknown, c: CollectionItem) =>
      c.status === 'open' ? <Tag color="processing">进行中</Tag> : <Tag>已结束</Tag>,
  },
];

/** 报送任务: collections opened here or above that this unit's scope must answer, with their progress. */
export function CollectionListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [opening, setOpening] = useState(false);
  return (
    <Flex vertical gap={12}>
      <ListPage<CollectionItem>
        listKey="report-collections"
        title="报送任务"
        fields={FIELDS}
        fetch={fetchCollections}
        columns={COLUMNS}
        rowKey={(c) => c.id}
        syncUrl
        toolbar={() =>
          can('reports.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>
              发起报送任务
            </Button>
          )
        }
      />
      {opening && (
        <OpenCollectionDialog
          onOpened={(id) => navigate(`/reports/collections/${id}`)}
          onClose={() => setOpening(false)}
        />
      )}
    </Flex>
  );
}
