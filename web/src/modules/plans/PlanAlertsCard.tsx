import { Card, Col, Empty, Flex, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { listTasks } from '../../../../common/contracts/plans-tasks';
import { call } from '../../api/client';
import { LightTag } from './plansUi';

const MOST_URGENT = 5;

function useTaskAlerts() {
  return useQuery({
    queryKey: ['home', 'plan-alerts'],
    queryFn: async () => {
      const [overdue, yellow] = await Promise.all([
        call(listTasks, { query: { overdue: 'true', sort: 'deadline', pageSize: MOST_URGENT } }),
        call(listTasks, { query: { light: 'yellow', pageSize: 1 } }),
      ]);
      return { overdue, yellow: yellow.total };
    },
  });
}

/** 任务督办 on the home page: tasks past their deadline and those falling behind, in the viewer's scope. */
export function PlanAlertsCard() {
  const { data } = useTaskAlerts();
  if (!data) return null;
  const { overdue, yellow } = data;
  return (
    <Card
      size="small"
      title="任务督办"
      extra={<Link to="/plans/tasks">进入任务督办</Link>}
      data-testid="plan-alerts"
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Row gutter={[8, 8]}>
            <Col span={12}>
              <Link to="/plans/tasks/overdue">
                <Statistic
                  title="超期未完成"
                  value={overdue.total}
                  suffix="项"
                  styles={overdue.total > 0 ? { content: { color: '#cf1322' } } : undefined}
                />
              </Link>
            </Col>
            <Col span={12}>
              <Link to="/plans/tasks?light=yellow">
                <Statistic title="进度偏慢（黄灯）" value={yellow} suffix="项" />
              </Link>
            </Col>
          </Row>
        </Col>
        <Col xs={24} xl={14}>
          {overdue.items.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有超期未完成的任务" />
          ) : (
            <Flex vertical gap={6}>
              {overdue.items.map((t) => (
                <Flex key={t.id} align="center" gap={8}>
                  <LightTag light={t.light} reason={t.lightReason} />
                  <Link to={`/plans/tasks/${t.id}`} style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text ellipsis style={{ color: 'inherit' }}>
                      {t.number ? `${t.number}. ` : ''}
                      {t.title}
                    </Typography.Text>
                  </Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t.unit.name} · {t.lead?.name ?? '待明确牵头部门'}
                  </Typography.Text>
                  <Typography.Text type="danger" style={{ width: 84, textAlign: 'right' }}>
                    超期 {-(t.daysLeft ?? 0)} 天
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          )}
        </Col>
      </Row>
    </Card>
  );
}
