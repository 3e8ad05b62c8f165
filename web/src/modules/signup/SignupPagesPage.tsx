import { useState } from 'react';
import { App, Button, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  SIGNUP_PAGE_STATUSES,
  SIGNUP_STATUSES,
  listSignupPages,
  updateSignupPage,
  type SignupPage,
} from '../../../../common/contracts/signup';
import { call } from '../../api/client';
import { ListPage, listQueryKey, type ListParams } from '../../components/ListPage';
import {
  LinkDialog,
  PosterDialog,
  type ShareCopy,
  type SharedPage,
} from '../../components/share/ShareDialog';
import { SignupPageDialog } from './SignupPageDialog';
import { UnitPageShare } from '../showcase/UnitPageShare';
import { channelLabel } from '../../components/share/channelLabel';

const LIST_KEY = 'signup-pages';
const STATUS_COLORS = { draft: 'default', open: 'green', closed: 'red' } as const;
const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : null);

const SHARE_COPY: ShareCopy = {
  linkLabel: '报名链接',
  notOpen: '页面尚未开放报名：青年打开链接只能看到说明，不能提交。',
  filePrefix: '招募海报',
  poster: {
    kicker: '线上招募',
    headline: '扫码报名，和我们一起筑梦',
    subline: '手机填写几分钟即可完成，提交后凭回执码随时查询审核进度',
    footnote: '报名信息仅用于团组织联系服务青年',
  },
};

const shared = (p: SignupPage): SharedPage => ({
  title: p.title,
  path: p.path,
  unitId: p.unitId,
  unitName: p.unitName,
  open: p.status === 'open',
});

function fetchPages({ page, pageSize, sort }: ListParams) {
  return call(listSignupPages, { query: { page, pageSize, sort } });
}

function Period({ p }: { p: SignupPage }) {
  if (!p.opensAt && !p.closesAt) return <Typography.Text type="secondary">不限</Typography.Text>;
  return (
    <Flex vertical style={{ whiteSpace: 'nowrap' }}>
      <span>起：{time(p.opensAt) ?? '开放即开始'}</span>
      <span>止：{time(p.closesAt) ?? '手动结束'}</span>
    </Flex>
  );
}

/** A count that opens the sign-ups list filtered to it. */
function CountLink({ p, status, n }: { p: SignupPage; status?: string; n: number }) {
  if (n === 0) return <Typography.Text type="secondary">0</Typography.Text>;
  const search = new URLSearchParams({ pageId: String(p.id), ...(status ? { status } : {}) });
  return <Link to={`/signups?${search.toString()}`}>{n}</Link>;
}

const OUTCOMES = ['accepted', 'merged', 'declined', 'withdrawn'] as const;

/** 已入库 2 · 未通过 1: only the outcomes that happened, each opening its sign-ups. */
function Outcomes({ p }: { p: SignupPage }) {
  const shown = OUTCOMES.filter((k) => p.counts[k] > 0);
  if (!shown.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap="2px 12px" wrap style={{ width: 150 }}>
      {shown.map((k) => (
        <span key={k} style={{ whiteSpace: 'nowrap' }}>
          {SIGNUP_STATUSES[k]} <CountLink p={p} status={k} n={p.counts[k]} />
        </span>
      ))}
    </Flex>
  );
}

function Channels({ p }: { p: SignupPage }) {
  if (!p.counts.byChannel.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} wrap style={{ width: 170 }}>
      {p.counts.byChannel.map((c) => (
        <Tag key={c.channel} style={{ marginInlineEnd: 0 }}>
          {channelLabel(c.channel)} {c.count}
        </Tag>
      ))}
    </Flex>
  );
}

type Dialog = { kind: 'edit' | 'link' | 'poster'; page: SignupPage } | { kind: 'create' } | null;

/** 招募页面: the unit's public sign-up pages, their counts by status and channel, links and posters. */
export function SignupPagesPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const reload = () => void queryClient.invalidateQueries({ queryKey: listQueryKey(LIST_KEY) });

  const setStatus = (p: SignupPage, status: 'open' | 'closed') => {
    const go = async () => {
      await call(updateSignupPage, { params: { id: p.id }, body: { status, version: p.version } });
      message.success(status === 'open' ? `已开放报名：${p.title}` : `已结束招募：${p.title}`);
      reload();
    };
    if (status === 'open') return void go().catch((e: Error) => message.error(e.message));
    modal.confirm({
      title: `结束“${p.title}”的招募？`,
      content: '结束后青年不能再通过该页面报名；已收到的报名仍可审核，之后可以重新开放。',
      okText: '结束招募',
      okButtonProps: { danger: true },
      onOk: () => go().catch((e: Error) => message.error(e.message)),
    });
  };

  const columns = [
    {
      key: 'title',
      title: '页面标题',
      sorter: true,
      fixed: 'left' as const,
      render: (_: unknown, p: SignupPage) => (
        <Flex vertical gap={4} style={{ maxWidth: 260 }}>
          <span>{p.title}</span>
          <span>
            <Tag color={STATUS_COLORS[p.status]}>{SIGNUP_PAGE_STATUSES[p.status]}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.unitName}
            </Typography.Text>
          </span>
        </Flex>
      ),
    },
    { key: 'period', title: '报名时间', render: (_: unknown, p: SignupPage) => <Period p={p} /> },
    {
      key: 'total',
      title: '报名',
      align: 'right' as const,
      render: (_: unknown, p: SignupPage) => <CountLink p={p} n={p.counts.total} />,
    },
    {
      key: 'pending',
      title: '待审核',
      align: 'right' as const,
      render: (_: unknown, p: SignupPage) => <CountLink p={p} status="pending" n={p.counts.pending} />,
    },
    {
      key: 'outcome',
      title: '审核结果',
      render: (_: unknown, p: SignupPage) => <Outcomes p={p} />,
    },
    { key: 'channels', title: '各渠道报名', render: (_: unknown, p: SignupPage) => <Channels p={p} /> },
    {
      key: 'actions',
      title: '操作',
      fixed: 'right' as const,
      render: (_: unknown, p: SignupPage) => (
        <Space size={0} wrap={false}>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', page: p })}>
            编辑
          </Button>
          {p.status === 'open' ? (
            <Button type="link" size="small" danger onClick={() => setStatus(p, 'closed')}>
              结束
            </Button>
          ) : (
            <Tooltip title={p.status === 'closed' ? '重新开放报名' : '开放后青年即可通过链接报名'}>
              <Button type="link" size="small" onClick={() => setStatus(p, 'open')}>
                开放
              </Button>
            </Tooltip>
          )}
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'link', page: p })}>
            复制链接
          </Button>
          <Button type="link" size="small" onClick={() => setDialog({ kind: 'poster', page: p })}>
            下载海报
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <ListPage<SignupPage>
        listKey={LIST_KEY}
        title="招募页面"
        fetch={fetchPages}
        columns={columns}
        rowKey={(p) => p.id}
        toolbar={() => (
          <Space>
            <UnitPageShare />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              新建招募页面
            </Button>
          </Space>
        )}
      />
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <SignupPageDialog
          page={dialog.kind === 'edit' ? dialog.page : undefined}
          onSaved={() => {
            setDialog(null);
            reload();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'link' && (
        <LinkDialog page={shared(dialog.page)} copy={SHARE_COPY} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'poster' && (
        <PosterDialog page={shared(dialog.page)} copy={SHARE_COPY} onClose={() => setDialog(null)} />
      )}
    </>
  );
}
