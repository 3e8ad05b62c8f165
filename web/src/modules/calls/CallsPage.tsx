import { useEffect, useState } from 'react';
import { App, Button, Dropdown, Flex, Space, Typography } from 'antd';
import { DownOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  CALL_STATUSES,
  ENTRY_STATUSES,
  listCalls,
  type CallListItem,
  type CallStatus,
} from '../../../../common/contracts/calls';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import {
  ListPage,
  listQueryKey,
  textFilter,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { LinkDialog, PosterDialog } from '../../components/share/ShareDialog';
import { CallEditor } from './CallEditor';
import { CALL_SHARE_COPY, sharedCall } from './callShare';
import { CALLS_LIST_KEY, callDetailKey, useCallDetail } from './callQueries';
import { CallPhaseTag, Period } from './CallTags';
import { useCallStatus } from './useCallStatus';

const FIELDS: QueryField[] = [
  { type: 'input', name: 'keyword', label: '关键字', placeholder: '征集标题' },
  {
    type: 'select',
    name: 'status',
    label: '状态',
    options: Object.entries(CALL_STATUSES).map(([value, label]) => ({ value, label })),
  },
];

function fetchCalls({ page, pageSize, sort, filters }: ListParams) {
  return call(listCalls, {
    query: {
      page,
      pageSize,
      sort: sort ?? '-createdAt',
      keyword: textFilter(filters, 'keyword'),
      status: textFilter(filters, 'status') as CallStatus | undefined,
    },
  });
}

/** A count that opens the call's entries filtered to it. */
function CountLink({ c, status, n }: { c: CallListItem; status?: string; n: number }) {
  if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  return <Link to={`/calls/${c.id}/entries${status ? `?status=${status}` : ''}`}>{n}</Link>;
}

const OUTCOMES = ['eligible', 'incomplete', 'ineligible', 'duplicate', 'withdrawn'] as const;

/** 合格 3 · 材料不全 1: only the verdicts given, each opening its entries. */
function Outcomes({ c }: { c: CallListItem }) {
  const shown = OUTCOMES.filter((k) => c.counts[k] > 0);
  if (!shown.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap="2px 12px" wrap style={{ width: 150 }}>
      {shown.map((k) => (
        <span key={k} style={{ whiteSpace: 'nowrap' }}>
          {ENTRY_STATUSES[k]} <CountLink c={c} status={k} n={c.counts[k]} />
        </span>
      ))}
    </Flex>
  );
}

type Dialog =
  { kind: 'link' | 'poster'; item: CallListItem } | { kind: 'create' } | { kind: 'edit'; id: number } | null;

/** 作品征集: the unit's (and its subordinates') calls, where they stand and what they received. */
export function CallsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const manage = can('calls.manage');
  const reload = () => void queryClient.invalidateQueries({ queryKey: listQueryKey(CALLS_LIST_KEY) });
  const { publish, finish } = useCallStatus(reload);

  const columns = [
    {
      key: 'title',
      title: '征集',
      sorter: true,
      fixed: 'left' as const,
      render: (_: unknown, c: CallListItem) => (
        <Flex vertical gap={4} style={{ maxWidth: 280 }}>
          <Link to={`/calls/${c.id}`}>{c.title}</Link>
          <span>
            <CallPhaseTag phase={c.phase} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.unitName}
            </Typography.Text>
          </span>
        </Flex>
      ),
    },
    {
      key: 'closesAt',
      title: '征集时间',
      sorter: true,
      render: (_: unknown, c: CallListItem) => <Period c={c} />,
    },
    {
      key: 'total',
      title: '作品',
      align: 'right' as const,
      render: (_: unknown, c: CallListItem) => <CountLink c={c} n={c.counts.total} />,
    },
    {
      key: 'submitted',
      title: '待审查',
      align: 'right' as const,
      render: (_: unknown, c: CallListItem) => <CountLink c={c} status="submitted" n={c.counts.submitted} />,
    },
    { key: 'outcomes', title: '审查结果', render: (_: unknown, c: CallListItem) => <Outcomes c={c} /> },
    {
      key: 'parent',
      title: '上级征集',
      render: (_: unknown, c: CallListItem) =>
        c.parentCallTitle ? (
          <Flex vertical style={{ maxWidth: 200 }}>
            <Typography.Text ellipsis={{ tooltip: c.parentCallTitle }}>{c.parentCallTitle}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.parentUnitName} · 名额 {c.parentRecommendQuota ?? 0} 件
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right' as const,
      render: (_: unknown, c: CallListItem) => (
        <Space size={0} wrap={false}>
          {manage && c.status !== 'finished' && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', id: c.id })}>
              编辑
            </Button>
          )}
          {manage && c.status === 'draft' && (
            <Button type="link" size="small" onClick={() => publish(c)}>
              发布
            </Button>
          )}
          {manage && c.status === 'published' && (
            <Button type="link" size="small" danger onClick={() => finish(c)}>
              结束
            </Button>
          )}
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'link', label: '复制链接' },
                { key: 'poster', label: '下载海报' },
              ],
              onClick: ({ key }) => setDialog({ kind: key as 'link' | 'poster', item: c }),
            }}
          >
            <Button type="link" size="small">
              分享 <DownOutlined />
            </Button>
          </Dropdown>
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<CallListItem>
        listKey={CALLS_LIST_KEY}
        title="作品征集"
        fields={FIELDS}
        fetch={fetchCalls}
        columns={columns}
        rowKey={(c) => c.id}
        syncUrl
        toolbar={() =>
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              新建征集
            </Button>
          )
        }
      />
      {dialog?.kind === 'create' && (
        <CallEditor
          onSaved={(c) => {
            setDialog(null);
            reload();
            navigate(`/calls/${c.id}`);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditLoaded
          id={dialog.id}
          onDone={() => {
            setDialog(null);
            reload();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'link' && (
        <LinkDialog page={sharedCall(dialog.item)} copy={CALL_SHARE_COPY} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'poster' && (
        <PosterDialog page={sharedCall(dialog.item)} copy={CALL_SHARE_COPY} onClose={() => setDialog(null)} />
      )}
    </>
  );
}

/** The list has only the summary: the editor needs the whole call. */
function EditLoaded({ id, onDone, onClose }: { id: number; onDone: () => void; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const detail = useCallDetail(id);
  const failed = detail.isError;
  useEffect(() => {
    if (!failed) return;
    message.error('征集详情加载失败，请刷新后重试');
    onClose();
  }, [failed, message, onClose]);
  if (!detail.data) return null;
  return (
    <CallEditor
      current={detail.data}
      onSaved={(c) => {
        queryClient.setQueryData(callDetailKey(id), c);
        onDone();
      }}
      onClose={onClose}
    />
  );
}
