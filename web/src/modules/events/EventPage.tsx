import { useState } from 'react';
import { Breadcrumb, Button, Card, Descriptions, Flex, Result, Spin, Tabs, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { eventKindLabel, getEvent } from '../../../../common/contracts/events';
import { ApiError, call } from '../../api/client';
import { useCan } from '../../app/session';
import { EventDialog } from './EventDialog';
import { KIND_COLORS } from './EventsListPage';
import { FilesTab } from './FilesTab';
import { ParticipantsTab } from './ParticipantsTab';
import { ReportTab } from './ReportTab';
import { WorksTab } from './WorksTab';

/** One event: what, when, where and who spoke; then 参与青年与签到 / 照片与纪要 / 活动简报. */
export function EventPage() {
  const id = Number(useParams().id);
  const can = useCan();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const detail = useQuery({
    queryKey: ['events', id, 'detail'],
    queryFn: () => call(getEvent, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
  const reload = () => {
    void queryClient.invalidateQueries({ queryKey: ['events', id] });
    void queryClient.invalidateQueries({ queryKey: ['list', 'events'] });
  };

  if (detail.isError || !(id > 0)) {
    const gone = detail.error instanceof ApiError && detail.error.status === 404;
    return (
      <Result
        status={gone ? '404' : 'warning'}
        title={gone || !(id > 0) ? '找不到该活动，或不在您的管辖范围内' : detail.error?.message}
        extra={<Link to="/events">返回活动列表</Link>}
      />
    );
  }
  if (!detail.data) return <Spin style={{ display: 'block', margin: 48 }} />;
  const event = detail.data;
  return (
    <Flex vertical gap={12}>
      <Breadcrumb items={[{ title: <Link to="/events">活动</Link> }, { title: event.title }]} />
      <Card size="small" styles={{ body: { padding: '16px 20px 4px' } }}>
        <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {event.title}
          </Typography.Title>
          <Tag color={KIND_COLORS[event.kind] ?? 'default'}>{eventKindLabel(event.kind)}</Tag>
          {event.published && <Tag color="green">已在单位主页公布</Tag>}
          <span style={{ flex: 1 }} />
          {can('events.write') && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              修改
            </Button>
          )}
        </Flex>
        <Descriptions size="small" column={3}>
          <Descriptions.Item label="活动日期">{event.date}</Descriptions.Item>
          <Descriptions.Item label="组织单位">{event.unit.name}</Descriptions.Item>
          <Descriptions.Item label="地点">{event.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="主讲嘉宾" span={2}>
            {event.speakerList.length
              ? event.speakerList.map((s) => (s.title ? `${s.name}（${s.title}）` : s.name)).join('、')
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="参与青年">
            {event.participants} 人次，签到 {event.signedIn} 人次
          </Descriptions.Item>
          <Descriptions.Item label="关联征集" span={2}>
            {event.call ? (
              <>
                {can('calls.read') ? (
                  <Link to={`/calls/${event.call.id}/events`}>{event.call.title}</Link>
                ) : (
                  event.call.title
                )}
                ，展演作品 {event.works} 件
              </>
            ) : (
              '—'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="观众人次">
            {event.audience === null ? '未统计' : `${event.audience} 人次`}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          defaultActiveKey={event.call ? 'works' : 'participants'}
          items={[
            {
              key: 'participants',
              label: `参与青年（${event.participants}）`,
              children: <ParticipantsTab event={event} onChanged={reload} />,
            },
            {
              key: 'works',
              label: `展演作品（${event.works}）`,
              children: <WorksTab event={event} onChanged={reload} />,
            },
            {
              key: 'files',
              label: `照片与纪要（${event.files}）`,
              children: <FilesTab event={event} onChanged={reload} />,
            },
            { key: 'report', label: '活动简报', children: <ReportTab event={event} onChanged={reload} /> },
          ]}
        />
      </Card>
      {editing && (
        <EventDialog
          event={event}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      )}
    </Flex>
  );
}
