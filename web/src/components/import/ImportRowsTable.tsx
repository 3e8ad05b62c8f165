import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Segmented, Space, Table, Tag, Typography } from 'antd';
import {
  IMPORT_ROW_ACTION_LABELS,
  type ImportContracts,
  type ImportCounts,
  type ImportRow,
  type ImportRowAction,
} from '../../../../common/contracts/imports';
import { call } from '../../api/client';

const ACTION_COLORS: Record<ImportRowAction, string> = {
  new: 'green',
  update: 'blue',
  duplicate: 'default',
  error: 'red',
};

type Filter = 'all' | ImportRowAction | 'warning';

/** The preview's rows, filtered by what importing would do to them; each with its reasons. */
export function ImportRowsTable({
  contracts,
  jobId,
  counts,
}: {
  contracts: ImportContracts;
  jobId: number;
  counts: ImportCounts;
}) {
  const [filter, setFilter] = useState<Filter>(counts.error > 0 ? 'error' : 'all');
  const [page, setPage] = useState(1);
  const pageSize = 20;
  const rows = useQuery({
    queryKey: ['import-rows', contracts.kind, jobId, filter, page],
    queryFn: () =>
      call(contracts.rows, {
        params: { id: jobId },
        query: {
          page,
          pageSize,
          ...(filter === 'warning' ? { warningsOnly: 'true' as const } : {}),
          ...(filter !== 'all' && filter !== 'warning' ? { action: filter } : {}),
        },
      }),
    placeholderData: keepPreviousData,
  });
  const option = (value: Filter, label: string, n: number) => ({
    value,
    label: `${label} ${n}`,
    disabled: n === 0,
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented<Filter>
        value={filter}
        onChange={(v) => {
          setFilter(v);
          setPage(1);
        }}
        options={[
          option('all', '全部', counts.total),
          option('new', '新增', counts.new),
          option('update', '更新', counts.update),
          option('duplicate', '重复', counts.duplicate),
          option('error', '错误', counts.error),
          option('warning', '警告', counts.warning),
        ]}
      />
      <Table<ImportRow>
        size="small"
        rowKey="key"
        loading={rows.isFetching}
        dataSource={rows.data?.items}
        scroll={{ y: 240 }}
        pagination={{
          current: page,
          pageSize,
          total: rows.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => `共 ${n} 行`,
          onChange: setPage,
        }}
        columns={[
          ...(rows.data?.items.some((r) => r.sheet)
            ? [{ title: '工作表', dataIndex: 'sheet', width: 170, ellipsis: true }]
            : []),
          { title: '行号', dataIndex: 'rowNumber', width: 70 },
          {
            title: '处理',
            dataIndex: 'action',
            width: 110,
            render: (a: ImportRowAction, r) => (
              <Space size={4}>
                <Tag color={ACTION_COLORS[a]}>{IMPORT_ROW_ACTION_LABELS[a]}</Tag>
                {r.warnings > 0 && a !== 'error' && <Tag color="orange">警告</Tag>}
              </Space>
            ),
          },
          { title: '姓名', dataIndex: 'label', width: 220, render: (v: string | null) => v ?? '—' },
          {
            title: '说明',
            dataIndex: 'messages',
            render: (m: string[]) =>
              m.length === 0 ? (
                <Typography.Text type="secondary">无</Typography.Text>
              ) : (
                <Space direction="vertical" size={0}>
                  {m.map((text) => (
                    <Typography.Text key={text}>{text}</Typography.Text>
                  ))}
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}
