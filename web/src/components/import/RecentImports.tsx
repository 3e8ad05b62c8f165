import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag, Typography } from 'antd';
import {
  IMPORT_JOB_STATUS_LABELS,
  type ImportContracts,
  type ImportJob,
} from '../../../../common/contracts/imports';
import { call } from '../../api/client';

const STATUS_COLORS: Record<ImportJob['status'], string> = {
  analysing: 'processing',
  ready: 'gold',
  importing: 'processing',
  done: 'success',
  failed: 'error',
  interrupted: 'warning',
  cancelled: 'default',
};

const summary = (job: ImportJob) => {
  if (job.result)
    return `新增 ${job.result.inserted}，更新 ${job.result.updated}，跳过 ${job.result.skipped}`;
  if (job.counts) return `${job.counts.total} 行，其中错误 ${job.counts.error}`;
  return '—';
};

/** Earlier uploads in the viewer's scope: a job left waiting (or still running) can be opened again. */
export function RecentImports({
  contracts,
  onOpen,
}: {
  contracts: ImportContracts;
  onOpen: (job: ImportJob) => void;
}) {
  const jobs = useQuery({
    queryKey: ['import-jobs', contracts.kind],
    queryFn: () => call(contracts.list, { query: { page: 1, pageSize: 5 } }),
  });
  if (!jobs.data?.items.length) return null;
  return (
    <div>
      <Typography.Text strong>最近导入</Typography.Text>
      <Table<ImportJob>
        size="small"
        rowKey="id"
        pagination={false}
        style={{ marginTop: 8 }}
        dataSource={jobs.data.items}
        columns={[
          { title: '文件', dataIndex: 'fileName', ellipsis: true },
          { title: '导入到', dataIndex: ['unit', 'name'], width: 120 },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            render: (s: ImportJob['status']) => (
              <Tag color={STATUS_COLORS[s]}>{IMPORT_JOB_STATUS_LABELS[s]}</Tag>
            ),
          },
          { title: '结果', key: 'summary', width: 220, render: (_: unknown, j) => summary(j) },
          { title: '上传人', dataIndex: 'createdBy', width: 100 },
          {
            title: '时间',
            dataIndex: 'createdAt',
            width: 150,
            render: (v: string) => new Date(v).toLocaleString('zh-CN', { hour12: false }),
          },
          {
            title: '',
            key: 'open',
            width: 70,
            render: (_: unknown, j) => (
              <Button type="link" size="small" onClick={() => onOpen(j)}>
                查看
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
