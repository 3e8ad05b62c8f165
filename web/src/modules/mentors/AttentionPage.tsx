import { useState } from 'react';
import { Card, Col, Flex, InputNumber, Row, Space, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { pairingAttention, type AttentionItem } from '../../../../common/contracts/mentors-pairings';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';
import { MentorsNav, PairingStatusTag, dash } from './mentorsUi';

const ENDING_DAYS = 60;

function AttentionTable({
  items,
  loading,
  extra,
}: {
  items?: AttentionItem[];
  loading: boolean;
  extra: 'silent' | 'ending';
}) {
  return (
    <Table<AttentionItem>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
      locale={{ emptyText: extra === 'silent' ? '没有长期未指导的结对' : '近期没有到期的结对' }}
      columns={[
        {
          key: 'pair',
          title: '结对',
          render: (_, p) => (
            <Link to={`/mentors/pairings/${p.id}`}>
              {p.mentor.name} — {p.youth.name}
            </Link>
          ),
        },
        { key: 'status', title: '状态', render: (_, p) => <PairingStatusTag status={p.status} /> },
        extra === 'silent'
          ? {
              key: 'silent',
              title: '未指导天数',
              render: (_, p) => <Typography.Text type="danger">{p.silentDays} 天</Typography.Text>,
            }
          : {
              key: 'end',
              title: '到期',
              render: (_, p) => (
                <span>
                  {p.endDate}（{p.daysToEnd === 0 ? '今天' : `${p.daysToEnd} 天后`}）
                </span>
              ),
            },
        { key: 'last', title: '最近指导', render: (_, p) => dash(p.lastLogDate) },
        { key: 'unit', title: '所属单位', render: (_, p) => p.unit.name },
      ]}
    />
  );
}

/** 需关注: pairings without guidance for N days, and those whose agreement ends within 60 days. */
export function AttentionPage() {
  const [days, setDays] = useState(30);
  const silentDays = useDebounced(days);
  const q = useQuery({
    queryKey: ['mentor-pairings', 'attention', silentDays],
    queryFn: () => call(pairingAttention, { query: { silentDays, endingDays: ENDING_DAYS } }),
  });
  return (
    <Flex vertical gap={12}>
      <MentorsNav />
      <Row gutter={12}>
        <Col span={13}>
          <Card
            size="small"
            title={`长期未指导（${q.data?.silent.length ?? 0}）`}
            extra={
              <Space>
                <span>超过</span>
                <InputNumber
                  aria-label="未指导天数"
                  min={1}
                  max={3650}
                  value={days}
                  onChange={(v) => setDays(v ?? 30)}
                  style={{ width: 80 }}
                />
                <span>天未填写指导记录</span>
              </Space>
            }
          >
            <AttentionTable items={q.data?.silent} loading={q.isFetching} extra="silent" />
          </Card>
        </Col>
        <Col span={11}>
          <Card size="small" title={`${ENDING_DAYS} 天内到期（${q.data?.ending.length ?? 0}）`}>
            <AttentionTable items={q.data?.ending} loading={q.isFetching} extra="ending" />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
