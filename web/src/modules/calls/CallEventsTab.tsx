import { useState } from 'react';
import { Button, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { eventKindLabel, listEvents, type EventListItem } from '../../../../common/contracts/events';
import { call } from '../../api/client';
import { useCan } from '../../app/session';
import { EventDialog } from '../events/EventDialog';
import { KIND_COLORS } from '../events/EventsListPage';

/**
 * 巡演巡展: the events (in the viewer's scope) that show this call's works, with the works shown and the
 * audience counted; a new one starts from the call. 观众人次 is the head count at the door, kept apart from
 * 参与人次 (people of the registry) on the events' own pages.
 */
export function CallEventsTab({ callId, callTitle }: { callId: number; callTitle: string }) {
  const can = useCan();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const events = useQuery({
    queryKey: ['events', 'by-call', callId],
    queryFn: () => call(listEvents, { query: { callId, pageSize: 200, sort: '-date' } }),
    enabled: can('events.read'),
  });
  if (!can('events.read')) {
    return <Typography.Paragraph type="secondary">您没有查看活动的权限。</Typography.Paragraph>;
  }
  const totals = events.data?.totals;
  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary" data-testid="call-events-totals">
          {totals
            ? `巡演巡展、见面会等 ${totals.events} 场 · 观众 ${totals.audience} 人次 · 参与青年 ${totals.personTimes} 人次`
            : '加载中…'}
        </Typography.Text>
        {can('events.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建巡演巡展
          </Button>
        )}
      </Flex>
      <Table<EventListItem>
        size="small"
        rowKey="id"
        loading={events.isFetching}
        dataSource={events.data?.items ?? []}
        locale={{ emptyText: '尚无展演本征集作品的活动' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 场` }}
        columns={[
          { key: 'date', title: '日期', width: 110, render: (_, e) => e.date },
          {
            key: 'kind',
            title: '类型',
            width: 150,
            render: (_, e) => <Tag color={KIND_COLORS[e.kind] ?? 'default'}>{eventKindLabel(e.kind)}</Tag>,
          },
          {
            key: 'title',
            title: '活动名称',
            render: (_, e) => <Link to={`/events/${e.id}`}>{e.title}</Link>,
          },
          { key: 'unit', title: '组织单位', width: 140, render: (_, e) => e.unit.name },
          { key: 'place', title: '地点', render: (_, e) => e.place ?? '—' },
          { key: 'works', title: '展演作品', width: 90, align: 'right', render: (_, e) => `${e.works} 件` },
          {
            key: 'audience',
            title: (
              <Tooltip title="现场统计的观众人次，不含参与青年名单">
                <span>观众人次</span>
              </Tooltip>
            ),
            width: 100,
            align: 'right',
            render: (_, e) => e.audience ?? <Typography.Text type="secondary">未统计</Typography.Text>,
          },
          {
            key: 'published',
            title: '单位主页',
            width: 90,
            render: (_, e) => (e.published ? <Tag color="green">已公布</Tag> : <Tag>未公布</Tag>),
          },
        ]}
      />
      {creating && (
        <EventDialog
          preset={{ kind: '巡展', call: { id: callId, title: callTitle } }}
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
