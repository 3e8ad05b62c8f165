import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Flex, Result, Space, Spin, Tabs, Typography } from 'antd';
import { EditOutlined, LinkOutlined, PictureOutlined } from '@ant-design/icons';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { CallDetail } from '../../../../common/contracts/calls';
import { ApiError } from '../../api/client';
import { useCan } from '../../app/session';
import { listQueryKey } from '../../components/ListPage';
import { LinkDialog, PosterDialog } from '../../components/share/ShareDialog';
import { CallEditor } from './CallEditor';
import { CallInfoTab } from './CallInfoTab';
import { CallPhaseTag } from './CallTags';
import { AwardsTab, CallEventsTab, RecommendTab, RoundsTab } from './callTabs';
import { CALLS_LIST_KEY, callDetailKey, useCallDetail } from './callQueries';
import { CALL_SHARE_COPY, sharedCall } from './callShare';
import { EntriesTab } from './EntriesTab';
import { useCallStatus } from './useCallStatus';

const TABS = ['info', 'entries', 'rounds', 'awards', 'recommend', 'events'] as const;
type Tab = (typeof TABS)[number];
const time = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm');

/** One call: 基本信息, the entries and their 形式审查, then 评审, 评奖与公示 and 向上推荐. Each tab has its own address. */
export function CallPage() {
  const params = useParams();
  const id = Number(params.id);
  const tab: Tab = TABS.includes(params.tab as Tab) ? (params.tab as Tab) : 'info';
  const can = useCan();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<'edit' | 'link' | 'poster' | null>(null);
  const detail = useCallDetail(id);
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['calls', id] });
    void queryClient.invalidateQueries({ queryKey: listQueryKey(CALLS_LIST_KEY) });
  };
  const settle = (c: CallDetail) => {
    queryClient.setQueryData(callDetailKey(id), c);
    void queryClient.invalidateQueries({ queryKey: listQueryKey(CALLS_LIST_KEY) });
  };
  const { publish, finish } = useCallStatus(settle);

  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该征集，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/calls">返回作品征集</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const c = detail.data;
  const manage = can('calls.manage');
  const n = c.counts;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/calls">作品征集</Link> }, { title: c.title }]} />
      <Card size="small" styles={{ body: { padding: '16px 20px 4px' } }}>
        <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {c.title}
          </Typography.Title>
          <CallPhaseTag phase={c.phase} />
          <span style={{ flex: 1 }} />
          <Space wrap>
            {manage && c.status !== 'finished' && (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                修改
              </Button>
            )}
            <Button icon={<LinkOutlined />} onClick={() => setDialog('link')}>
              复制链接
            </Button>
            <Button icon={<PictureOutlined />} onClick={() => setDialog('poster')}>
              下载海报
            </Button>
            {manage && c.status === 'draft' && (
              <Button type="primary" disabled={!c.noticeReady} onClick={() => publish(c)}>
                发布
              </Button>
            )}
            {manage && c.status === 'published' && (
              <Button danger onClick={() => finish(c)}>
                结束征集
              </Button>
            )}
          </Space>
        </Flex>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="发布单位">{c.unitName}</Descriptions.Item>
          <Descriptions.Item label="征集时间">
            {time(c.opensAt)} 至 {time(c.closesAt)}
          </Descriptions.Item>
          <Descriptions.Item label="公开地址">
            <Typography.Text code>{c.path}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="收到作品">
            {n.total} 件（待审查 {n.submitted}，合格 {n.eligible}，材料不全 {n.incomplete}）
          </Descriptions.Item>
          <Descriptions.Item label="作品类别">
            {c.categories.map((x) => x.label).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="评审轮次">
            {c.rounds.length ? c.rounds.map((r) => r.name).join(' → ') : '尚未设置'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => navigate(key === 'info' ? `/calls/${id}` : `/calls/${id}/${key}`)}
          destroyOnHidden
          items={[
            { key: 'info', label: '基本信息', children: <CallInfoTab detail={c} /> },
            {
              key: 'entries',
              label: `作品与形式审查（${n.total}）`,
              children: <EntriesTab detail={c} onChanged={reload} />,
            },
            { key: 'rounds', label: '评审', children: <RoundsTab callId={id} /> },
            { key: 'awards', label: '评奖与公示', children: <AwardsTab callId={id} /> },
            { key: 'recommend', label: '向上推荐', children: <RecommendTab callId={id} /> },
            { key: 'events', label: '巡演巡展', children: <CallEventsTab callId={id} callTitle={c.title} /> },
          ]}
        />
      </Card>
      {dialog === 'edit' && (
        <CallEditor
          current={c}
          onSaved={(next) => {
            setDialog(null);
            settle(next);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'link' && (
        <LinkDialog page={sharedCall(c)} copy={CALL_SHARE_COPY} onClose={() => setDialog(null)} />
      )}
      {dialog === 'poster' && (
        <PosterDialog page={sharedCall(c)} copy={CALL_SHARE_COPY} onClose={() => setDialog(null)} />
      )}
    </Flex>
  );
}
