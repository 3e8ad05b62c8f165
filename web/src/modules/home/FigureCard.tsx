import { Card, Statistic, Typography } from 'antd';

/** One figure of the home page: a number with its unit, a short note, red when it asks for action. */
export function FigureCard({
  title,
  value,
  suffix,
  note,
  warn,
}: {
  title: string;
  value: number;
  suffix: string;
  note?: string;
  warn?: boolean;
}) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        suffix={suffix}
        groupSeparator=","
        styles={warn && value > 0 ? { content: { color: '#cf1322' } } : undefined}
      />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}
