import { useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  List,
  Result,
  Skeleton,
  Space,
  Switch,
  Tag,
  Timeline,
  Tooltip,
  Typography,
} from 'antd';
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { GENDERS } from '../../../../common/contracts/youth';
import {
  ENTRY_ORIGINS,
  FILE_KINDS,
  downloadCallEntryFile,
  getCallEntry,
  markCallEntryIdentifying,
  revealCallEntrant,
  reviewCallEntry,
  type EntryDetail,
} from '../../../../common/contracts/calls';
import { call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { ConsentList } from '../../components/ConsentList';
import { useReasonPrompt } from '../../components/useReasonPrompt';
import { SignupAge } from '../signup/SignupTags';
import { ReasonModal } from '../youth/ReasonModal';
import { EntryShowcase } from '../showcase/EntryShowcase';
import { EntryFlags, EntryStatusTag } from './CallTags';
import { REVIEW_ACTIONS, type ReviewAction } from './reviewActions';
import { channelLabel } from '../../components/share/channelLabel';

type Entrant = EntryDetail['entrants'][number];
type Revealed = Record<number, { idNumber: string | null; phone: string | null }>;

const or = (v: string | null | undefined) => v || '—';
const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—');
const entryKey = (id: number) => ['call-entry', id];

function size(bytes: number) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Flex>
      {children}
    </section>
  );
}

function Review({ e }: { e: EntryDetail }) {
  const who = e.reviewedByName ? `${e.reviewedByName}，${time(e.reviewedAt)}` : time(e.reviewedAt);
  switch (e.status) {
    case 'submitted':
      return null;
    case 'eligible':
      return <Alert type="success" showIcon title={`形式审查合格（${who}），进入评审`} />;
    case 'withdrawn':
      return <Alert type="info" showIcon title="作者已撤回作品" />;
    default:
      return (
        <Alert
          type={e.status === 'incomplete' ? 'warning' : 'error'}
          showIcon
          title={`形式审查：${REVIEW_ACTIONS.find((a) => a.status === e.status)?.label}（${who}）`}
          description={`原因：${or(e.reviewReason)}`}
        />
      );
  }
}

/** The registry record the entrant matched on submission, or was linked to on review. */
function RegistryLink({ p }: { p: Entrant }) {
  const link = p.linked ?? p.matched;
  if (!link)
    return <Typography.Text type="secondary">青年库中没有相同身份证号或手机号的记录</Typography.Text>;
  const how = p.linked ? '已关联' : '身份证号或手机号相同';
  if (link.inScope && link.youthId)
    return (
      <span>
        {how}：<Link to={`/youth/${link.youthId}`}>{link.name ?? '打开青年记录'}</Link>（
        {link.keepingUnitName}登记）
      </span>
    );
  return (
    <span>
      {how}：已由{link.keepingUnitName}登记（不在本单位管辖范围内）
    </span>
  );
}

function EntrantCard({
  entryId,
  p,
  revealed,
  onRevealed,
}: {
  entryId: number;
  p: Entrant;
  revealed?: Revealed[number];
  onRevealed: (r: Revealed[number]) => void;
}) {
  const can = useCan();
  const [asking, setAsking] = useState(false);
  const canReveal = can('personal.reveal') && !revealed && Boolean(p.idNumber || p.phone);
  return (
    <Descriptions
      bordered
      size="small"
      column={2}
      styles={{ label: { width: 100 } }}
      title={
        <Flex align="center" gap={8} style={{ fontWeight: 400 }}>
          <Typography.Text strong>{p.name}</Typography.Text>
          {p.position === 0 && <Tag>联系人</Tag>}
        </Flex>
      }
      extra={
        canReveal && (
          <>
            <Button size="small" icon={<EyeOutlined />} onClick={() => setAsking(true)}>
              查看完整信息
            </Button>
            {asking && (
              <ReasonModal
                title={`查看完整信息：${p.name}`}
                intro="将显示完整的身份证号和手机号。查看人、时间和原因记入审计日志；关闭后不再显示。"
                label="查看原因"
                okText="查看"
                onSubmit={async (reason) =>
                  onRevealed(
                    await call(revealCallEntrant, {
                      params: { id: entryId, entrantId: p.id },
                      body: { reason },
                    }),
                  )
                }
                onClose={() => setAsking(false)}
              />
            )}
          </>
        )
      }
    >
      <Descriptions.Item label="性别">{p.gender ? GENDERS[p.gender] : '—'}</Descriptions.Item>
      <Descriptions.Item label="年龄">
        {p.birthDate ? `${p.birthDate}，` : ''}
        <SignupAge s={p} />
      </Descriptions.Item>
      <Descriptions.Item label="身份证号">{or(revealed ? revealed.idNumber : p.idNumber)}</Descriptions.Item>
      <Descriptions.Item label="手机号">{or(revealed ? revealed.phone : p.phone)}</Descriptions.Item>
      <Descriptions.Item label="所在地">{or(p.placeName)}</Descriptions.Item>
      <Descriptions.Item label="群体类别">{or(p.categoryName)}</Descriptions.Item>
      <Descriptions.Item label="青年库" span={2}>
        <RegistryLink p={p} />
      </Descriptions.Item>
    </Descriptions>
  );
}

function Files({ e }: { e: EntryDetail }) {
  const { message } = App.useApp();
  if (!e.files.length) return <Typography.Text type="secondary">没有文件</Typography.Text>;
  return (
    <List
      size="small"
      bordered
      dataSource={e.files}
      renderItem={(f) => (
        <List.Item
          actions={[
            <Button
              key="download"
              type="link"
              size="small"
              icon={<DownloadOutlined />}
              disabled={f.removed}
              onClick={() =>
                void download(downloadCallEntryFile, { params: { id: e.id, fileId: f.id } }).catch(
                  (err: Error) => message.error(err.message),
                )
              }
            >
              下载
            </Button>,
          ]}
        >
          <Flex gap={8} align="center" wrap>
            <Tag>{FILE_KINDS[f.kind]}</Tag>
            <Typography.Text delete={f.removed}>{f.originalName}</Typography.Text>
            <Typography.Text type="secondary">{size(f.size)}</Typography.Text>
            {f.scrubbed && (
              <Tooltip title="拍摄信息、作者等元数据已在保存前删除">
                <Tag color="green">已清除元数据</Tag>
              </Tooltip>
            )}
            {f.removed && <Tag>作者已删除</Tag>}
          </Flex>
        </List.Item>
      )}
    />
  );
}

function History({ e }: { e: EntryDetail }) {
  if (!e.history.length) return <Typography.Text type="secondary">尚未审查</Typography.Text>;
  return (
    <Timeline
      items={e.history.map((h, i) => ({
        key: i,
        content: (
          <Flex vertical>
            <span>
              {h.actionName}
              {h.actorName ? ` · ${h.actorName}` : ''}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {time(h.at)}
              </Typography.Text>
            </span>
            {h.detail && <Typography.Text type="secondary">{h.detail}</Typography.Text>}
          </Flex>
        ),
      }))}
    />
  );
}

function Work({ e }: { e: EntryDetail }) {
  return (
    <Descriptions bordered size="small" column={2} styles={{ label: { width: 110 } }}>
      <Descriptions.Item label="作品编号">{e.label}</Descriptions.Item>
      <Descriptions.Item label="类别">{e.categoryLabel}</Descriptions.Item>
      <Descriptions.Item label="作品说明" span={2}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{or(e.description)}</span>
      </Descriptions.Item>
      {e.groupName && (
        <Descriptions.Item label="团体名称" span={2}>
          {e.groupName}（{e.entrants.length} 人）
        </Descriptions.Item>
      )}
      <Descriptions.Item label="原创声明">已于 {time(e.originalityAt)} 声明</Descriptions.Item>
      <Descriptions.Item label="公开展示">
        {e.publicityConsent ? (
          '同意公开展示'
        ) : (
          <Typography.Text type="secondary">未同意，不能公开展示</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="来源">
        {e.origin === 'recommended' ? `${e.recommendedByUnitName ?? ''}推荐` : ENTRY_ORIGINS.public}
      </Descriptions.Item>
      <Descriptions.Item label="渠道">{channelLabel(e.channel)}</Descriptions.Item>
      {e.recommendNote && (
        <Descriptions.Item label="推荐理由" span={2}>
          {e.recommendNote}
        </Descriptions.Item>
      )}
      <Descriptions.Item label="提交时间">{time(e.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="所属征集">{e.callTitle}</Descriptions.Item>
    </Descriptions>
  );
}

/** One entry: the work, who made it (masked), files, consents, registry match, 形式审查 and its history. */
export function EntryDrawer({
  id,
  onChanged,
  onClose,
}: {
  id: number;
  onChanged: () => void;
  onClose: () => void;
}) {
  const can = useCan();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { ask, dialog } = useReasonPrompt();
  const [revealed, setRevealed] = useState<Revealed>({});
  const query = useQuery({ queryKey: entryKey(id), queryFn: () => call(getCallEntry, { params: { id } }) });
  const e = query.data;
  const manage = can('calls.manage');

  const settle = (next: EntryDetail) => {
    queryClient.setQueryData(entryKey(id), next);
    onChanged();
  };
  // Someone else may have reviewed it meanwhile: show what it is now.
  const refresh = () => void queryClient.invalidateQueries({ queryKey: entryKey(id) });

  const review = useMutation({
    mutationFn: async (a: ReviewAction) => {
      const reason = a.reason ? await ask(`审查为“${a.label}”：${e!.label}`, a.reason) : null;
      if (a.reason && reason === null) return null;
      return call(reviewCallEntry, {
        params: { id },
        body: { version: e!.version, status: a.status, reason },
      });
    },
    onSuccess: (r, a) => {
      if (!r) return;
      message.success(`已审查为“${a.label}”`);
      for (const w of r.warnings) message.warning(w);
      settle(r.entry);
    },
    onError: (err: Error) => {
      message.error(err.message);
      refresh();
    },
  });

  const identifying = useMutation({
    mutationFn: async (on: boolean) => {
      const note = on
        ? await ask('标记为含身份信息', {
            label: '哪些内容透露了作者身份',
            okText: '标记',
            hint: '标记后该作品不进入匿名评审。',
            placeholder: '如：画面右下角有作者签名和所在学校',
          })
        : null;
      if (on && note === null) return null;
      return call(markCallEntryIdentifying, {
        params: { id },
        body: { version: e!.version, identifying: on, note },
      });
    },
    onSuccess: (r) => {
      if (!r) return;
      message.success(r.identifying ? '已标记为含身份信息' : '已取消标记');
      settle(r);
    },
    onError: (err: Error) => {
      message.error(err.message);
      refresh();
    },
  });

  const unmark = () =>
    modal.confirm({
      title: '取消“含身份信息”标记？',
      content: '取消后该作品可进入匿名评审，请确认作品中已没有透露作者身份的内容。',
      okText: '取消标记',
      onOk: () => identifying.mutate(false),
    });

  const reviewable = e && manage && e.status !== 'withdrawn' && !e.workWithdrawn;
  return (
    <Drawer
      open
      size={860}
      onClose={onClose}
      title={
        e ? (
          <Flex align="center" gap={8}>
            <span>
              {e.label}《{e.title}》
            </span>
            <EntryStatusTag status={e.status} />
            <EntryFlags e={e} />
          </Flex>
        ) : (
          '作品详情'
        )
      }
      extra={
        reviewable && (
          <Space wrap>
            {REVIEW_ACTIONS.map((a) => (
              <Button
                key={a.status}
                type={a.status === 'eligible' ? 'primary' : 'default'}
                danger={a.status === 'ineligible' || a.status === 'duplicate'}
                disabled={e.status === a.status}
                loading={review.isPending && review.variables?.status === a.status}
                onClick={() => review.mutate(a)}
              >
                {a.label}
              </Button>
            ))}
          </Space>
        )
      }
    >
      {dialog}
      {query.isError && <Result status="warning" title="作品详情加载失败" subTitle={query.error.message} />}
      {!e && !query.isError && <Skeleton active />}
      {e && (
        <Flex vertical gap={20}>
          <Review e={e} />
          {e.selfEditedAt && (
            <Alert type="info" showIcon title={`作者于 ${time(e.selfEditedAt)} 修改过作品，请复核`} />
          )}
          <Section title="作品信息">
            <Work e={e} />
          </Section>
          <Section
            title="匿名评审"
            extra={
              manage && (
                <Space>
                  <Typography.Text>标记为含身份信息</Typography.Text>
                  <Switch
                    aria-label="标记为含身份信息"
                    checked={e.identifying}
                    loading={identifying.isPending}
                    onChange={(on) => (on ? identifying.mutate(true) : unmark())}
                  />
                </Space>
              )
            }
          >
            {e.identifying ? (
              <Alert
                type="warning"
                showIcon
                title="作品含身份信息，不进入匿名评审"
                description={e.identifyingNote ? `说明：${e.identifyingNote}` : undefined}
              />
            ) : (
              <Typography.Text type="secondary">
                评委只看到作品编号、作品和说明，看不到作者信息和文件名；如作品本身透露了作者身份（签名、校名等），请标记。
              </Typography.Text>
            )}
          </Section>
          <EntryShowcase entryId={e.id} version={e.version} manage={manage} section={Section} />
          <Section title={`作者（${e.entrants.length} 人）`}>
            <Flex vertical gap={12}>
              {e.entrants.map((p) => (
                <EntrantCard
                  key={p.id}
                  entryId={e.id}
                  p={p}
                  revealed={revealed[p.id]}
                  onRevealed={(r) => setRevealed((prev) => ({ ...prev, [p.id]: r }))}
                />
              ))}
            </Flex>
          </Section>
          <Section title={`作品文件（${e.files.length}）`}>
            <Files e={e} />
          </Section>
          <Section title="同意记录">
            <ConsentList consents={e.consents} />
          </Section>
          <Section title="审查记录">
            <History e={e} />
          </Section>
        </Flex>
      )}
    </Drawer>
  );
}
