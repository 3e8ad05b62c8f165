import type { ReactNode } from 'react';
import { Card, Col, Empty, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { UNIT_LEVELS, type UnitLevel } from '../../../../common/access';
import { homeSummary } from '../../../../common/contracts/home';
import { call } from '../../api/client';
import { useCan, useViewer } from '../../app/session';
import { CultivationCards } from './CultivationCards';
import { OverviewCards } from './OverviewCards';
import { LoginChart } from './LoginChart';
import { ReportRemindersCard } from '../reports/ReportRemindersCard';
import { PlanAlertsCard } from '../plans/PlanAlertsCard';

const LEVELS_BELOW: Record<UnitLevel, ('province' | 'city' | 'county')[]> = {
  central: ['province', 'city', 'county'],
  province: ['city', 'county'],
  city: ['county'],
  county: [],
};

function StatCard({ title, value, note }: { title: string; value: number; note?: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} groupSeparator="," />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {note}
        </Typography.Text>
      )}
    </Card>
  );
}

function Welcome() {
  const me = useViewer();
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        您好，{me.displayName}
      </Typography.Title>
      <Typography.Paragraph>
        所属单位：{me.unit.orgName}，角色：{me.roleLabel}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        欢迎使用筑梦平台。您的工作内容将在相应功能开放后显示在这里。
      </Typography.Paragraph>
    </Card>
  );
}

function Dashboard() {
  const me = useViewer();
  const can = useCan();
  const showActivity = can('audit.read');
  const { data } = useQuery({ queryKey: ['home', 'summary'], queryFn: () => call(homeSummary) });
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const levels = LEVELS_BELOW[me.unit.level];
  return (
    <Flex vertical gap={16}>
      <Flex align="baseline" gap={12}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          工作台
        </Typography.Title>
        <Typography.Text type="secondary">统计范围：{data.scope.orgName}（本级及下级）</Typography.Text>
      </Flex>
      {can('reports.read') && <ReportRemindersCard />}
      {can('plans.read') && <PlanAlertsCard />}
      <Row gutter={[16, 16]}>
        {levels.map((level) => (
          <Col key={level} xs={12} lg={8} xl={4}>
            <StatCard title={`${UNIT_LEVELS[level]}团组织`} value={data.unitsByLevel[level]} />
          </Col>
        ))}
        <Col xs={12} lg={8} xl={4}>
          <StatCard title="重点联系城市" value={data.keyContactCities} />
        </Col>
        <Col xs={12} lg={8} xl={4}>
          <StatCard
            title="账号"
            value={data.accounts.total}
            note={`在用 ${data.accounts.active} · 已启用双因素 ${data.accounts.withTotp}`}
          />
        </Col>
        <Col xs={12} lg={8} xl={4}>
          <StatCard title="部门" value={data.departments} />
        </Col>
      </Row>
      <OverviewCards
        registry={data.registry}
        coverage={data.coverage}
        links={{ youth: can('youth.read'), orgs: can('orgs.read') }}
      />
      <CultivationCards data={data.cultivation} />
      <Row gutter={16}>
        <Col xs={24} xl={showActivity ? 14 : 24}>
          <Card size="small" title="近 7 天登录">
            <LoginChart data={data.loginsLast7Days} />
          </Card>
        </Col>
        {showActivity && (
          <Col xs={24} xl={10}>
            <Card size="small" title="最近动态" styles={{ body: { height: 240, overflow: 'auto' } }}>
              {data.recentActivity.length === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无动态" />
              ) : (
                <Flex vertical gap={10}>
                  {data.recentActivity.map((a, i) => (
                    <Flex key={i} gap={12} align="baseline">
                      <Typography.Text type="secondary" style={{ flex: 'none', fontSize: 12 }}>
                        {dayjs(a.at).format('MM-DD HH:mm')}
                      </Typography.Text>
                      <Typography.Text ellipsis>
                        {a.username ?? '系统'} {a.actionLabel}
                        {a.target ? `：${a.target}` : ''}
                      </Typography.Text>
                    </Flex>
                  ))}
                </Flex>
              )}
            </Card>
          </Col>
        )}
      </Row>
    </Flex>
  );
}

export function HomePage() {
  const can = useCan();
  return can('dashboard.read') ? <Dashboard /> : <Welcome />;
}
