import { useMemo, useState } from 'react';
import { App, Button, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { GENDERS } from '../../../../common/contracts/youth';
import {
  batchDecideSignups,
  listSignupPages,
  searchSignups,
  type SignupListItem,
} from '../../../../common/contracts/signup';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { ListPage, listQueryKey, type BatchAction, type ListParams } from '../../components/ListPage';
import { useReasonPrompt, type ReasonCopy } from '../../components/useReasonPrompt';
import { showRefusals } from '../../components/showRefusals';
import { SignupDrawer } from './SignupDrawer';
import { SignupAge, SignupFlags, SignupStatusTag } from './SignupTags';
import { signupFields, toSignupFilter } from './signupFilters';
import { channelLabel } from '../../components/share/channelLabel';

export const SIGNUPS_LIST_KEY = 'signups';
const or = (v: string | null) => v || '—';
const DECLINE: ReasonCopy = {
  label: '不通过原因',
  okText: '不通过',
  hint: '本人凭回执码查询时可以看到这个原因，请写清楚。',
  placeholder: '如：不在本地区工作生活，建议向所在地团组织报名',
};

function fetchSignups({ page, pageSize, filters }: ListParams) {
  return call(searchSignups, { body: { ...toSignupFilter(filters), page, pageSize } });
}

/** 线上报名: what arrived on the unit's (and its subordinates') sign-up pages, for review. */
export function SignupsPage() {
  const can = useCan();
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [openId, setOpenId] = useState<number | null>(null);
  const { ask: askReason, dialog: reasonDialog } = useReasonPrompt();
  const managesPages = can('public.manage');
  const pages = useQuery({
    queryKey: ['signup-pages', 'options'],
    queryFn: () => call(listSignupPages, { query: { pageSize: 200, sort: '-createdAt' } }),
    enabled: managesPages,
  });
  const pageOptions = pages.data?.items;
  const fields = useMemo(
    () => signupFields(managesPages ? (pageOptions ?? []) : null),
    [managesPages, pageOptions],
  );

  const columns = useMemo(
    () => [
      {
        key: 'name',
        title: '姓名',
        fixed: 'left' as const,
        render: (_: unknown, s: SignupListItem) => (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setOpenId(s.id)}>
              {s.name}
            </Button>
            <SignupFlags s={s} />
          </span>
        ),
      },
      {
        key: 'gender',
        title: '性别',
        render: (_: unknown, s: SignupListItem) => (s.gender ? GENDERS[s.gender] : '—'),
      },
      { key: 'age', title: '年龄', render: (_: unknown, s: SignupListItem) => <SignupAge s={s} /> },
      { key: 'phone', title: '手机', render: (_: unknown, s: SignupListItem) => or(s.phone) },
      { key: 'place', title: '所在地', render: (_: unknown, s: SignupListItem) => or(s.placeName) },
      { key: 'category', title: '群体类别', render: (_: unknown, s: SignupListItem) => or(s.categoryName) },
      {
        key: 'page',
        title: '招募页面',
        render: (_: unknown, s: SignupListItem) => (
          <Typography.Text ellipsis={{ tooltip: s.pageTitle }} style={{ maxWidth: 160 }}>
            {s.pageTitle}
          </Typography.Text>
        ),
      },
      {
        key: 'channel',
        title: '渠道',
        render: (_: unknown, s: SignupListItem) => channelLabel(s.channel),
      },
      {
        key: 'status',
        title: '状态',
        render: (_: unknown, s: SignupListItem) => (
          <span style={{ whiteSpace: 'nowrap' }}>
            <SignupStatusTag status={s.status} />
            {s.forwardedFromUnitName && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                由{s.forwardedFromUnitName}转来
              </Typography.Text>
            )}
          </span>
        ),
      },
      { key: 'unit', title: '接收单位', render: (_: unknown, s: SignupListItem) => s.unitName },
      {
        key: 'createdAt',
        title: '提交时间',
        render: (_: unknown, s: SignupListItem) => dayjs(s.createdAt).format('YYYY-MM-DD HH:mm'),
      },
      {
        key: 'actions',
        title: '操作',
        fixed: 'right' as const,
        render: (_: unknown, s: SignupListItem) => (
          <Button type="link" size="small" onClick={() => setOpenId(s.id)}>
            {s.status === 'pending' ? '审核' : '查看'}
          </Button>
        ),
      },
    ],
    [],
  );

  const batchActions = useMemo<BatchAction<SignupListItem>[]>(
    () => [
      {
        key: 'accept',
        label: '批量通过',
        confirm:
          '通过所选报名并登记入青年库（联系对象，来源 线上招募）？有重复记录的须逐条合并，不会批量入库。',
        run: async (keys) => {
          const result = await call(batchDecideSignups, {
            body: { ids: keys.map(Number), action: 'accept' },
          });
          return showRefusals(modal, '批量通过', result);
        },
      },
      {
        key: 'decline',
        label: '批量不通过',
        danger: true,
        run: async (keys) => {
          const reason = await askReason(`批量不通过（已选 ${keys.length} 条）`, DECLINE);
          if (reason === null) return false;
          const result = await call(batchDecideSignups, {
            body: { ids: keys.map(Number), action: 'decline', reason },
          });
          return showRefusals(modal, '批量不通过', result);
        },
      },
    ],
    [modal, askReason],
  );

  return (
    <>
      <ListPage<SignupListItem>
        listKey={SIGNUPS_LIST_KEY}
        title="线上报名"
        fields={fields}
        fetch={fetchSignups}
        columns={columns}
        rowKey={(s) => s.id}
        syncUrl
        batchActions={batchActions}
      />
      {reasonDialog}
      {openId !== null && (
        <SignupDrawer
          id={openId}
          onChanged={() => void queryClient.invalidateQueries({ queryKey: listQueryKey(SIGNUPS_LIST_KEY) })}
          onClose={() => setOpenId(null)}
        />
      )}
    </>
  );
}
