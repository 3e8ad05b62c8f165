import { useMemo, useState, type Key } from 'react';
import { App, Button, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  ENTRY_ORIGINS,
  ENTRY_STATUSES,
  batchReviewCallEntries,
  searchCallEntries,
  type CallDetail,
  type EntryListItem,
  type EntryStatus,
} from '../../../../common/contracts/calls';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import {
  ListPage,
  listQueryKey,
  textFilter,
  type BatchAction,
  type ListParams,
  type QueryField,
} from '../../components/ListPage';
import { showRefusals } from '../../components/showRefusals';
import { useReasonPrompt } from '../../components/useReasonPrompt';
import { EntryDrawer } from './EntryDrawer';
import { EntryFlags, EntryStatusTag } from './CallTags';
import { REVIEW_ACTIONS, type ReviewAction } from './reviewActions';

export const entriesListKey = (callId: number) => `call-entries-${callId}`;
const options = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** 作品与形式审查: what the call received, filtered, reviewed one by one or in batches. */
export function EntriesTab({ detail, onChanged }: { detail: CallDetail; onChanged: () => void }) {
  const can = useCan();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [openId, setOpenId] = useState<number | null>(null);
  const { ask, dialog } = useReasonPrompt();
  const listKey = entriesListKey(detail.id);
  const categories = detail.categories;

  const fields = useMemo<QueryField[]>(
    () => [
      {
        type: 'input',
        name: 'keyword',
        label: '关键字',
        placeholder: '作品名称、编号或作者姓名',
        private: true,
      },
      { type: 'select', name: 'status', label: '审查状态', options: options(ENTRY_STATUSES) },
      {
        type: 'select',
        name: 'categoryKey',
        label: '作品类别',
        options: categories.map((c) => ({ value: c.key, label: c.label })),
      },
      { type: 'select', name: 'origin', label: '来源', options: options(ENTRY_ORIGINS) },
    ],
    [categories],
  );

  const fetch = useMemo(
    () =>
      ({ page, pageSize, sort, filters }: ListParams) =>
        call(searchCallEntries, {
          params: { id: detail.id },
          body: {
            page,
            pageSize,
            sort: (sort ?? 'entryNo') as 'entryNo',
            keyword: textFilter(filters, 'keyword'),
            status: textFilter(filters, 'status') as EntryStatus | undefined,
            categoryKey: textFilter(filters, 'categoryKey'),
            origin: textFilter(filters, 'origin') as 'public' | 'recommended' | undefined,
          },
        }),
    [detail.id],
  );

  const columns = useMemo(
    () => [
      {
        key: 'entryNo',
        title: '编号',
        sorter: true,
        fixed: 'left' as const,
        render: (_: unknown, e: EntryListItem) => <span style={{ whiteSpace: 'nowrap' }}>{e.label}</span>,
      },
      {
        key: 'title',
        title: '作品名称',
        sorter: true,
        render: (_: unknown, e: EntryListItem) => (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(e.id)}>
              <Typography.Text ellipsis={{ tooltip: e.title }} style={{ maxWidth: 220, color: 'inherit' }}>
                {e.title}
              </Typography.Text>
            </Button>
            <EntryFlags e={e} />
          </span>
        ),
      },
      { key: 'category', title: '类别', render: (_: unknown, e: EntryListItem) => e.categoryLabel },
      {
        key: 'entrants',
        title: '作者',
        render: (_: unknown, e: EntryListItem) => (
          <Typography.Text ellipsis={{ tooltip: e.entrantNames.join('、') }} style={{ maxWidth: 180 }}>
            {e.groupName ? `${e.groupName}（${e.entrantNames.length} 人）` : e.entrantNames.join('、')}
          </Typography.Text>
        ),
      },
      {
        key: 'files',
        title: '文件',
        align: 'right' as const,
        render: (_: unknown, e: EntryListItem) => e.filesCount,
      },
      {
        key: 'status',
        title: '审查状态',
        render: (_: unknown, e: EntryListItem) => (
          <span style={{ whiteSpace: 'nowrap' }}>
            <EntryStatusTag status={e.status} />
            {e.reviewReason && (
              <Typography.Text
                type="secondary"
                ellipsis={{ tooltip: e.reviewReason }}
                style={{ maxWidth: 160, fontSize: 12 }}
              >
                {e.reviewReason}
              </Typography.Text>
            )}
          </span>
        ),
      },
      {
        key: 'origin',
        title: '来源',
        render: (_: unknown, e: EntryListItem) =>
          e.origin === 'recommended' ? `${e.recommendedByUnitName ?? ''}推荐` : ENTRY_ORIGINS.public,
      },
      {
        key: 'createdAt',
        title: '提交时间',
        sorter: true,
        render: (_: unknown, e: EntryListItem) => dayjs(e.createdAt).format('YYYY-MM-DD HH:mm'),
      },
      {
        key: 'actions',
        title: '操作',
        fixed: 'right' as const,
        render: (_: unknown, e: EntryListItem) => (
          <Button type="link" size="small" onClick={() => setOpenId(e.id)}>
            {e.status === 'submitted' ? '审查' : '查看'}
          </Button>
        ),
      },
    ],
    [],
  );

  const batchActions = useMemo<BatchAction<EntryListItem>[] | undefined>(() => {
    if (!can('calls.manage')) return undefined;
    const run = (a: ReviewAction) => async (keys: Key[]) => {
      const title = `批量审查为“${a.label}”（已选 ${keys.length} 件）`;
      const reason = a.reason ? await ask(title, a.reason) : null;
      if (a.reason && reason === null) return false;
      const result = await call(batchReviewCallEntries, {
        params: { id: detail.id },
        body: { ids: keys.map(Number), status: a.status, reason },
      });
      onChanged();
      return showRefusals(modal, `审查为${a.label}`, {
        done: result.done,
        refused: result.refused.map((r) => ({ id: r.id, name: r.label, reason: r.reason })),
      });
    };
    return REVIEW_ACTIONS.map((a) => ({
      key: a.status,
      label: `批量${a.label}`,
      danger: a.status !== 'eligible',
      confirm: a.reason ? undefined : `将所选作品审查为“${a.label}”？合格的作品进入评审，作者登记入青年库。`,
      run: run(a),
    }));
  }, [can, ask, detail.id, modal, onChanged]);

  const empty = detail.counts.total === 0;
  return (
    <>
      {empty && (
        <Typography.Paragraph type="secondary">
          {detail.status === 'draft'
            ? '还没有收到作品：发布征集后，把投稿链接或海报发给青年即可开始收稿。'
            : '还没有收到作品：可把投稿链接或海报发到微信群、公众号，或请下级团组织转发。'}
        </Typography.Paragraph>
      )}
      <ListPage<EntryListItem>
        listKey={listKey}
        title="收到的作品"
        fields={fields}
        fetch={fetch}
        columns={columns}
        rowKey={(e) => e.id}
        syncUrl
        batchActions={batchActions}
      />
      {dialog}
      {openId !== null && (
        <EntryDrawer
          id={openId}
          onChanged={() => {
            void queryClient.invalidateQueries({ queryKey: listQueryKey(listKey) });
            onChanged();
          }}
          onClose={() => setOpenId(null)}
        />
      )}
    </>
  );
}
