import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Flex, Progress, Space, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  listMyEntries,
  listMyRounds,
  ROUND_STATUSES,
  SHEET_STATUSES,
  type myRound,
} from '../../../../../common/contracts/judging';
import type { z } from 'zod';
import { call } from '../../../api/client';
import { PageLoading } from '../../../app/PageLoading';

export const SHEET_COLORS = {
  assigned: 'default',
  submitted: 'success',
  abstained: 'warning',
  rescore: 'processing',
} as const;
const ROUND_COLORS = { setup: 'default', scoring: 'processing', closed: 'success' } as const;

function RoundCard({ round }: { round: z.infer<typeof myRound> }) {
  const { data, isLoading } = useQuery({
    queryKey: ['judging', 'entries', round.roundId],
    queryFn: () => call(listMyEntries, { params: { roundId: round.roundId } }),
  });
  const percent = round.assigned ? Math.round((round.submitted / round.assigned) * 100) : 0;
  return (
    <Card
      title={
        <Space>
          {round.callTitle}
          <Typography.Text type="secondary">{round.roundName}</Typography.Text>
          <Tag color={ROUND_COLORS[round.status]}>{ROUND_STATUSES[round.status]}</Tag>
        </Space>
      }
    >
      <Flex align="center" gap={16} style={{ marginBottom: 12 }}>
        <Progress percent={percent} style={{ maxWidth: 360 }} />
        <Typography.Text type="secondary">
          分配 {round.assigned} 件 · 已完成 {round.submitted} 件 · 待评 {round.left} 件
        </Typography.Text>
      </Flex>
      <Table
        size="small"
        rowKey="entryId"
        loading={isLoading}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={data?.items ?? []}
        columns={[
          { title: '作品编号', dataIndex: 'entryLabel', width: 110 },
          { title: '类别', dataIndex: 'categoryLabel', width: 100 },
          { title: '作品名称', dataIndex: 'title' },
          {
            title: '状态',
            width: 100,
            render: (_: unknown, e) => <Tag color={SHEET_COLORS[e.status]}>{SHEET_STATUSES[e.status]}</Tag>,
          },
          {
            title: '我的总分',
            width: 100,
            align: 'right' as const,
            render: (_: unknown, e) => e.total?.toFixed(2) ?? '—',
          },
          {
            title: '操作',
            width: 90,
            render: (_: unknown, e) => (
              <Link to={`/judging/${round.roundId}/${e.entryId}`}>
                {round.status === 'scoring' && e.status !== 'submitted' ? '评分' : '查看'}
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

/** 评审任务: the judge's rounds with progress and the works assigned to them — never who made them. */
export function JudgeTasksPage() {
  const { data, isLoading } = useQuery({
    queryKey: ['judging', 'rounds'],
    queryFn: () => call(listMyRounds),
  });
  if (isLoading) return <PageLoading />;
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        评审任务
      </Typography.Title>
      <Typography.Text type="secondary">
        作品以编号呈现，不显示作者信息。如与作品作者有利害关系，请在作品页申报回避。
      </Typography.Text>
      {data?.items.length ? (
        data.items.map((r) => <RoundCard key={r.roundId} round={r} />)
      ) : (
        <Card>
          <Empty description="暂无评审任务。组织方开始评分后，分配给您的作品会出现在这里。" />
        </Card>
      )}
    </Flex>
  );
}
