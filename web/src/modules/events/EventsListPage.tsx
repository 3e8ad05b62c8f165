import { useState } from 'react';
import { App, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import {
  eventKindLabel,
  exportEvents,
  listEvents,
  type EventListItem,
} from '../../../../common/contracts/events';
import { call, download } from '../../api/client';
import { useCan } from '../../app/session';
import { ListPage, type ListParams } from '../../components/ListPage';
import { EventDialog } from './EventDialog';
import { EVENT_FIELDS, toEventQuery } from './eventFilters';

const LIST_KEY = 'events';

export const KIND_COLORS: Record<string, string> = {
  青春沙龙: 'magenta',
  主旨讲座: 'blue',
  专题研讨: 'purple',
  同业交流: 'cyan',
  艺术采风: 'gold',
  国情考察: 'red',
  志愿公益: 'green',
  巡演: 'volcano',
  巡展: 'orange',
  见面会: 'geekblue',
  其他: 'default',
};

type Totals = { events: number; personTimes: number; signedIn: number; persons: number; audience: number };

const COLUMNS = [
  {
    key: 'date',
    title: '活动日期',
    sorter: true,
    width: 110,
    render: (_: unknown, e: EventListItem) => e.date,
  },
  {
    key: 'kind',
    title: '类型',
    width: 100,
    render: (_: unknown, e: EventListItem) => (
      <Tag color={KIND_COLORS[e.kind] ?? 'default'}>{eventKindLabel(e.kind)}</Tag>
    ),
  },
  {
    key: 'title',
    title: '活动名称',
    sorter: true,
    width: 200,
    ellipsis: true,
    render: (_: unknown, e: EventListItem) => <Link to={`/events/${e.id}`}>{e.title}</Link>,
  },
  { key: 'unit', title: '组织单位', render: (_: unknown, e: EventListItem) => e.unit.name },
  {
    key: 'place',
    title: '地点',
    width: 120,
    ellipsis: true,
    render: (_: unknown, e: EventListItem) => e.place ?? '—',
  },
  {
    key: 'speakers',
    title: '主讲嘉宾',
    width: 100,
    ellipsis: true,
    render: (_: unknown, e: EventListItem) => (e.speakers.length ? e.speakers.join('、') : '—'),
  },
  {
    key: 'participants',
    title: '参与人次',
    sorter: true,
    align: 'right' as const,
    render: (_: unknown, e: EventListItem) => (
      <>
        {e.participants}
        <Typography.Text type="secondary">（签到 {e.signedIn}）</Typography.Text>
      </>
    ),
  },
  {
    key: 'works',
    title: '展演作品',
    align: 'right' as const,
    render: (_: unknown, e: EventListItem) =>
      e.call ? (
        <Tooltip title={`征集：${e.call.title}`}>
          <span>{e.works} 件</span>
        </Tooltip>
      ) : (
        '—'
      ),
  },
  {
    key: 'audience',
    title: '观众人次',
    align: 'right' as const,
    render: (_: unknown, e: EventListItem) => e.audience ?? '—',
  },
  {
    key: 'files',
    title: '照片纪要',
    width: 80,
    align: 'right' as const,
    render: (_: unknown, e: EventListItem) => e.files,
  },
  {
    key: 'report',
    title: '简报',
    render: (_: unknown, e: EventListItem) =>
      e.hasReport ? (
        <Tag color="green">已填写</Tag>
      ) : (
        <Typography.Text type="secondary">未填写</Typography.Text>
      ),
  },
];

/** 活动: 青春沙龙 and the others, with their 人次 and 人 over the whole filter. */
export function EventsListPage() {
  const can = useCan();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [exporting, setExporting] = useState(false);
  const write = can('events.write');

  // The totals come with each page; the toolbar shows those of the filter last fetched.
  const fetchEvents = async ({ page, pageSize, sort, filters }: ListParams) => {
    const res = await call(listEvents, { query: { ...toEventQuery(filters), page, pageSize, sort } });
    setTotals(res.totals);
    return res;
  };

  return (
    <>
      <ListPage<EventListItem>
        listKey={LIST_KEY}
        title="活动"
        fields={EVENT_FIELDS}
        fetch={fetchEvents}
        columns={COLUMNS}
        rowKey={(e) => e.id}
        syncUrl
        toolbar={({ params }) => (
          <Space size={16}>
            {totals && (
              <Typography.Text type="secondary" data-testid="event-totals">
                合计 {totals.events} 场 · 参与 {totals.personTimes} 人次 · 签到 {totals.signedIn} 人次 · 共{' '}
                {totals.persons} 人 · 观众 {totals.audience} 人次
              </Typography.Text>
            )}
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={async () => {
                setExporting(true);
                try {
                  const name = await download(exportEvents, {
                    query: { ...toEventQuery(params.filters), sort: params.sort },
                  });
                  message.success(`已导出：${name}`);
                } catch (e) {
                  message.error(e instanceof Error ? e.message : '导出失败');
                } finally {
                  setExporting(false);
                }
              }}
            >
              导出
            </Button>
            {write && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                新建活动
              </Button>
            )}
          </Space>
        )}
      />
      {creating && (
        <EventDialog
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            navigate(`/events/${id}`);
          }}
        />
      )}
    </>
  );
}
