import { Empty, Flex, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { MentorLog } from '../../../../common/contracts/mentors-pairings';

/** 指导记录, newest first. */
export function LogList({ logs }: { logs: MentorLog[] }) {
  if (!logs.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无指导记录" />;
  return (
    <Flex vertical>
      {logs.map((l, i) => (
        <Flex
          key={l.id}
          vertical
          gap={2}
          style={{ padding: '10px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}
        >
          <Space wrap>
            <Typography.Text strong>{l.date}</Typography.Text>
            <Tag color="blue">{l.way}</Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {l.byMentor ? '导师本人填写' : `${l.enteredBy ?? '团干部'}代录`}
            </Typography.Text>
          </Space>
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {l.content}
          </Typography.Paragraph>
          {l.nextSteps && <Typography.Text type="secondary">下一步：{l.nextSteps}</Typography.Text>}
        </Flex>
      ))}
    </Flex>
  );
}

type Event = {
  id: number;
  label: string;
  fromEndDate: string | null;
  toEndDate: string | null;
  note: string | null;
  by: string | null;
  at: string;
};

/** 结对历程: every state change and extension, oldest first. */
export function PairingHistory({ events }: { events: Event[] }) {
  return (
    <Timeline
      items={events.map((e) => ({
        key: e.id,
        content: (
          <Space orientation="vertical" size={0}>
            <Typography.Text strong>{e.label}</Typography.Text>
            {e.fromEndDate && e.toEndDate && (
              <Typography.Text>
                结束日期 {e.fromEndDate} → {e.toEndDate}
              </Typography.Text>
            )}
            {e.note && <Typography.Text>{e.note}</Typography.Text>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {dayjs(e.at).format('YYYY-MM-DD HH:mm')}
              {e.by ? ` · ${e.by}` : ''}
            </Typography.Text>
          </Space>
        ),
      }))}
    />
  );
}
