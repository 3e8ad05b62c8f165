import { Card, Empty, Timeline, Typography } from 'antd';
import type { SubmissionDetail } from '../../../../common/contracts/reports-submissions';
import { ymdhm } from './reportsUi';

const COLORS: Record<string, string> = {
  submitted: '#1d5fa8',
  resubmitted: '#1d5fa8',
  returned: '#cf1322',
  accepted: '#389e0d',
  consolidated: '#722ed1',
};

/** 办理记录: who saved, sent, returned (and why) and accepted the report, in order. */
export function SubmissionHistory({ d }: { d: SubmissionDetail }) {
  return (
    <Card size="small" title="办理记录">
      {d.events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未填报" />
      ) : (
        <Timeline
          items={d.events.map((e, i) => ({
            key: `${e.at}-${i}`,
            color: COLORS[e.action] ?? 'gray',
            content: (
              <>
                <Typography.Text strong>{e.label}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {e.unit}
                  {e.by ? ` · ${e.by}` : ''}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {ymdhm(e.at)}
                  </Typography.Text>
                </div>
                {e.comment && (
                  <Typography.Paragraph
                    type={e.action === 'returned' ? 'danger' : 'secondary'}
                    style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }}
                  >
                    {e.action === 'returned' ? '退回意见：' : '意见：'}
                    {e.comment}
                  </Typography.Paragraph>
                )}
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
