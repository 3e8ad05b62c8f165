import { Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { REMINDER_DAYS } from '../../../../common/contracts/reports';
import { DaysLeft, StatusTag, stillOwed } from './reportsUi';
import { useReportReminders } from './useReportReminders';

function Figure({ title, value, to, red }: { title: string; value: number; to: string; red?: boolean }) {
  return (
    <Link to={to}>
      <Statistic
        title={title}
        value={value}
        suffix="份"
        styles={red && value > 0 ? { content: { color: '#cf1322' } } : undefined}
      />
    </Link>
  );
}

/** 报送提醒 on the home page: what is due, late or returned, and what waits for this unit's review. */
export function ReportRemindersCard() {
  const { data } = useReportReminders();
  if (!data) return null;
  return (
    <Card
      size="small"
      title="报送提醒"
      extra={<Link to="/reports/due">进入待报送</Link>}
      data-testid="report-reminders"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Row gutter={[8, 8]}>
            <Col span={6}>
              <Figure title={`${REMINDER_DAYS} 天内到期`} value={data.dueSoon} to="/reports/due" />
            </Col>
            <Col span={6}>
              <Figure title="已逾期" value={data.overdue} to="/reports/due" red />
            </Col>
            <Col span={6}>
              <Figure title="被退回" value={data.returned} to="/reports/due" red />
            </Col>
            <Col span={6}>
              <Figure title="待我审核" value={data.toReview} to="/reports/review" />
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={14}>
          {data.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本单位目前没有待报送的报告" />
          ) : (
            <Flex vertical gap={6}>
              {data.items.map((d) => (
                <Flex key={d.submissionId} align="center" gap={8}>
                  <StatusTag status={d.status} />
                  <Link to={`/reports/submissions/${d.submissionId}`} style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text
                      ellipsis={{ tooltip: d.returnComment ? `退回意见：${d.returnComment}` : undefined }}
                      style={{ color: 'inherit' }}
                    >
                      {d.collection.title}
                    </Typography.Text>
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {d.collection.openedBy} · 截止 {d.deadline}
                  </Typography.Text>
                  <span style={{ width: 84, textAlign: 'right' }}>
                    {stillOwed(d.status) ? (
                      <DaysLeft days={d.daysLeft} />
                    ) : (
                      <Typography.Text type="secondary">已报送</Typography.Text>
                    )}
                  </span>
                </Flex>
              ))}
            </Flex>
          )}
        </Col>
      </Row>
    </Card>
  );
}
