import { useState } from 'react';
import { App, Button, Tag } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { AUDIT_ACTIONS } from '../../../../common/audit-actions';
import { exportAudit, listAudit, type AuditEntry } from '../../../../common/contracts/audit';
import { call, download } from '../../api/client';
import { useCan } from '../../app/session';
import {
  ListPage,
  numberFilter,
  rangeFilter,
  textFilter,
  type Filters,
  type QueryField,
} from '../../components/ListPage';

type Outcome = AuditEntry['outcome'];

const OUTCOMES: Record<Outcome, { label: string; color: string }> = {
  success: { label: '成功', color: 'green' },
  failure: { label: '失败', color: 'red' },
  denied: { label: '拒绝', color: 'orange' },
};

const FIELDS: QueryField[] = [
  { type: 'input', name: 'username', label: '用户', placeholder: '用户名' },
  { type: 'unit', name: 'unitId', label: '单位' },
  {
    type: 'select',
    name: 'action',
    label: '操作',
    showSearch: true,
    options: Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ label, value })),
  },
  {
    type: 'select',
    name: 'outcome',
    label: '结果',
    options: Object.entries(OUTCOMES).map(([value, o]) => ({ label: o.label, value })),
  },
  { type: 'dateRange', name: 'range', label: '时间范围' },
];

/** The filter part of the query, shared by the list and the export. */
function auditFilter(filters: Filters) {
  const range = rangeFilter(filters, 'range');
  return {
    username: textFilter(filters, 'username'),
    unitId: numberFilter(filters, 'unitId'),
    action: textFilter(filters, 'action'),
    outcome: textFilter(filters, 'outcome') as Outcome | undefined,
    from: range?.[0].startOf('day').format(),
    to: range?.[1].endOf('day').format(),
  };
}

const COLUMNS = [
  {
    key: 'at',
    title: '时间',
    width: 170,
    render: (_: unknown, e: AuditEntry) => dayjs(e.at).format('YYYY-MM-DD HH:mm:ss'),
  },
  { key: 'username', title: '用户', render: (_: unknown, e: AuditEntry) => e.username ?? '—' },
  { key: 'unit', title: '单位', render: (_: unknown, e: AuditEntry) => e.unitName ?? '—' },
  { key: 'ip', title: 'IP 地址', render: (_: unknown, e: AuditEntry) => e.ip ?? '—' },
  { key: 'action', title: '操作', dataIndex: 'actionLabel' },
  {
    key: 'target',
    title: '对象',
    render: (_: unknown, e: AuditEntry) => e.targetLabel ?? e.targetId ?? '—',
  },
  {
    key: 'outcome',
    title: '结果',
    render: (_: unknown, e: AuditEntry) => (
      <Tag color={OUTCOMES[e.outcome].color}>{OUTCOMES[e.outcome].label}</Tag>
    ),
  },
];

export function AuditPage() {
  const can = useCan();
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);

  const exportWith = async (filters: Filters) => {
    setExporting(true);
    try {
      const name = await download(exportAudit, { query: auditFilter(filters) });
      message.success(`已导出：${name}`);
    } catch (e) {
      message.error(e instanceof Error ? e.message : '导出失败');
    } finally {
      setExporting(false);
    }
  };

  return (
    <ListPage<AuditEntry>
      listKey="audit"
      title="审计日志"
      fields={FIELDS}
      syncUrl
      fetch={({ page, pageSize, filters }) =>
        call(listAudit, { query: { page, pageSize, ...auditFilter(filters) } })
      }
      columns={COLUMNS}
      rowKey={(e) => e.id}
      toolbar={({ params }) =>
        can('audit.export') && (
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={() => void exportWith(params.filters)}
          >
            导出
          </Button>
        )
      }
    />
  );
}
