import type { ReactNode } from 'react';
import { Card, Divider, Flex, Statistic, Typography } from 'antd';
import type { Completeness } from '../../../../common/contracts/reports';
import { pct } from './reportsUi';

const COLORS = { green: '#389e0d', orange: '#d46b08', red: '#cf1322', blue: '#1d5fa8' };

function Figure({
  title,
  value,
  color,
  note,
}: {
  title: string;
  value: ReactNode;
  color?: string;
  note?: string;
}) {
  return (
    <Flex vertical style={{ minWidth: 84 }}>
      <Statistic
        title={title}
        value={value as number}
        styles={color ? { content: { color, fontSize: 22 } } : { content: { fontSize: 22 } }}
      />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** 应报、已报、按时、逾期、缺报 … and the two rates, as figures a leader reads at a glance. */
export function SummaryFigures({ summary: s, title }: { summary: Completeness; title?: ReactNode }) {
  return (
    <Card size="small" title={title} data-testid="report-summary">
      <Flex wrap gap={24} align="start">
        <Figure title="应报单位" value={s.expected} />
        <Figure
          title="已报送"
          value={s.submitted}
          color={COLORS.blue}
          note={`完成率 ${pct(s.completeness)}`}
        />
        <Figure title="按时报送" value={s.onTime} color={COLORS.green} note={`及时率 ${pct(s.timeliness)}`} />
        <Figure title="逾期报送" value={s.late} color={s.late ? COLORS.orange : undefined} />
        <Figure title="逾期未报" value={s.missing} color={s.missing ? COLORS.red : undefined} />
        <Figure title="未到截止日期" value={s.notDue} note="尚未报送" />
        <Divider orientation="vertical" style={{ height: 56 }} />
        <Figure
          title="待审核"
          value={s.awaitingReview}
          color={s.awaitingReview ? COLORS.orange : undefined}
        />
        <Figure title="已退回" value={s.returned} color={s.returned ? COLORS.red : undefined} />
        <Figure title="已通过" value={s.accepted} color={s.accepted ? COLORS.green : undefined} />
      </Flex>
    </Card>
  );
}
