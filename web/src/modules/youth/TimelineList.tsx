import { Empty, Spin, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { youthTimeline, type timelineEntry } from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';

type Entry = z.infer<typeof timelineEntry>;
/** Timeline dots take antd's four presets or a CSS colour: 'geekblue' is a Tag preset and drew black. */
const COLORS: Record<Entry['kind'], string> = {
  created: 'green',
  interaction: 'blue',
  stage: 'red',
  transfer: 'purple',
  attachment: 'gray',
  training: 'cyan',
  mentoring: 'gold',
  event: 'magenta',
  signup: 'lime',
  consent: '#2f54eb',
  work: 'orange',
  story: 'volcano',
};

export function useYouthTimeline(youthId: number) {
  return useQuery({
    queryKey: ['youth', youthId, 'timeline'],
    queryFn: () => call(youthTimeline, { params: { id: youthId } }),
  });
}

/** Entries newest first; `kinds` narrows them (the 阶段 and 转移 tabs show their own history). */
export function TimelineList({
  youthId,
  kinds,
  empty,
}: {
  youthId: number;
  kinds?: Entry['kind'][];
  empty?: string;
}) {
  const { data, isPending } = useYouthTimeline(youthId);
  if (isPending) return <Spin />;
  const items = (data?.items ?? []).filter((e) => !kinds || kinds.includes(e.kind));
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? '暂无记录'} />;
  return (
    <Timeline
      items={items.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: COLORS[e.kind],
        content: (
          <>
            <Typography.Text type="secondary" style={{ marginRight: 12 }}>
              {dayjs(e.at).format(e.dateOnly ? 'YYYY-MM-DD' : 'YYYY-MM-DD HH:mm')}
            </Typography.Text>
            <Typography.Text strong>{e.title}</Typography.Text>
            {e.by && (
              <Typography.Text type="secondary" style={{ marginLeft: 12 }}>
                {e.by}
              </Typography.Text>
            )}
            {e.detail && (
              <Typography.Paragraph type="secondary" style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}>
                {e.detail}
              </Typography.Paragraph>
            )}
          </>
        ),
      }))}
    />
  );
}
