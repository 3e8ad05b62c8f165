import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import type { z } from 'zod';
import {
  RECOMMENDATION_STATES,
  getCallRecommendations,
  recommendEntries,
  withdrawRecommendation,
  type CallRecommendations,
  type receivedEntry,
  type recommendCandidate,
} from '../../../../../common/contracts/awards';
import { ENTRY_STATUSES } from '../../../../../common/contracts/calls';
import { call } from '../../../api/client';
import { useCan } from '../../../app/session';

type Candidate = z.infer<typeof recommendCandidate>;
type Received = z.infer<typeof receivedEntry>;

const recommendKey = (callId: number) => ['calls', callId, 'recommendations'];
const time = (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm');
const score = (v: number | null) => (v === null ? '—' : v.toFixed(2));

/** 向上推荐: send the best works to the higher call within the quota; on a higher call, what came up from below. */
export function RecommendTab({ callId }: { callId: number }) {
  const can = useCan();
  const manage = can('calls.manage');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: recommendKey(callId),
    queryFn: () => call(getCallRecommendations, { params: { id: callId } }),
  });
  const data = query.data;
  const [pick, setPick] = useState<{ on: CallRecommendations; ids: number[] } | null>(null);
  const [note, setNote] = useState('');
  // By default the best works not yet sent, as many as the quota leaves; fresh data starts over.
  const picked =
    data && pick?.on === data
      ? pick.ids
      : (data?.candidates
          .filter((c) => !c.recommendation)
          .slice(0, Math.max(0, data.quota - data.used))
          .map((c) => c.entryId) ?? []);

  const done = (next: CallRecommendations, text: string) => {
    queryClient.setQueryData(recommendKey(callId), next);
    message.success(text);
  };
  const recommend = useMutation({
    mutationFn: () =>
      call(recommendEntries, { params: { id: callId }, body: { entryIds: picked, note: note || undefined } }),
    onSuccess: (next) => {
      done(next, '已推荐到上级征集');
      setNote('');
    },
  });
  const withdraw = useMutation({
    mutationFn: (entryId: number) => call(withdrawRecommendation, { params: { id: callId, entryId } }),
    onSuccess: (next) => done(next, '已撤回推荐'),
  });

  if (!data) return <Card loading={query.isLoading} />;
  const left = Math.max(0, data.quota - data.used);
  const canPick = manage && !data.blockedReason;

  // A call that only receives (no higher call of its own) shows just what came up from below.
  const sending = Boolean(data.parent) || data.received.length === 0;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {sending && (
        <Card size="small" title="向上级推荐">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label="上级征集">
              {data.parent ? `${data.parent.unitName} · ${data.parent.title}` : '未设定（在征集设置中选择）'}
            </Descriptions.Item>
            <Descriptions.Item label="推荐名额">{data.quota} 件</Descriptions.Item>
            <Descriptions.Item label="已推荐 / 剩余">
              {data.used} 件 / {left} 件
            </Descriptions.Item>
          </Descriptions>
          {data.blockedReason && (
            <Alert type="info" showIcon message={data.blockedReason} style={{ marginBottom: 12 }} />
          )}
          <Table<Candidate>
            rowKey="entryId"
            size="small"
            pagination={false}
            dataSource={data.candidates}
            locale={{ emptyText: '还没有有最终得分的作品' }}
            rowSelection={
              canPick
                ? {
                    selectedRowKeys: picked,
                    onChange: (keys) => setPick({ on: data, ids: keys as number[] }),
                    getCheckboxProps: (c) => ({
                      disabled: Boolean(c.recommendation),
                      'aria-label': `选择 ${c.label}`,
                    }),
                  }
                : undefined
            }
            columns={[
              { title: '名次', dataIndex: 'rank', width: 70 },
              { title: '编号', dataIndex: 'label', width: 100 },
              { title: '作品', dataIndex: 'title', ellipsis: true },
              { title: '类别', dataIndex: 'categoryLabel', width: 100 },
              { title: '最终得分', dataIndex: 'finalScore', width: 100, align: 'right', render: score },
              {
                title: '本级奖项',
                dataIndex: 'awardLabel',
                width: 100,
                render: (v: string | null) => v ?? '—',
              },
              {
                title: '推荐',
                width: 240,
                render: (_, c) =>
                  c.recommendation && (
                    <Space size={4} wrap>
                      <Tag color={c.recommendation.state === 'submitted' ? 'blue' : 'green'}>
                        {RECOMMENDATION_STATES[c.recommendation.state]}
                      </Tag>
                      {manage && c.recommendation.state === 'submitted' && (
                        <Button
                          size="small"
                          type="link"
                          onClick={() =>
                            modal.confirm({
                              title: '撤回推荐',
                              content: `撤回后 ${c.label} 不再参加上级评审，名额退回。`,
                              okText: '撤回',
                              onOk: () => withdraw.mutateAsync(c.entryId),
                            })
                          }
                        >
                          撤回
                        </Button>
                      )}
                    </Space>
                  ),
              },
            ]}
          />
          {canPick && (
            <Space style={{ marginTop: 12, width: '100%' }} wrap>
              <Input
                aria-label="推荐说明"
                style={{ width: 420 }}
                maxLength={500}
                placeholder="推荐说明（选填），如：区赛一等奖"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <Button
                type="primary"
                disabled={picked.length === 0}
                loading={recommend.isPending}
                onClick={() => recommend.mutate()}
              >
                推荐选中的 {picked.length} 件
              </Button>
              <Typography.Text type="secondary">
                推荐后由上级重新审查和评审；上级审查前可以撤回。
              </Typography.Text>
            </Space>
          )}
        </Card>
      )}
      {data.received.length > 0 && <ReceivedCard received={data.received} />}
    </Space>
  );
}

function ReceivedCard({ received }: { received: CallRecommendations['received'] }) {
  return (
    <Card size="small" title="下级推荐来的作品">
      <Space direction="vertical" style={{ width: '100%' }}>
        {received.map((r) => (
          <div key={r.callId}>
            <Typography.Title level={5} style={{ margin: '8px 0' }}>
              {r.unitName} · {r.callTitle}
              <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400, marginLeft: 12 }}>
                名额 {r.quota} 件，已推荐 {r.used} 件
              </Typography.Text>
            </Typography.Title>
            <Table<Received>
              rowKey="entryId"
              size="small"
              pagination={false}
              dataSource={r.entries}
              locale={{ emptyText: '尚未推荐作品' }}
              columns={[
                { title: '本级编号', dataIndex: 'label', width: 100 },
                { title: '作品', dataIndex: 'title', width: 200, ellipsis: true },
                {
                  title: '本级状态',
                  dataIndex: 'status',
                  width: 100,
                  render: (s: keyof typeof ENTRY_STATUSES) => ENTRY_STATUSES[s] ?? s,
                },
                {
                  title: '各级得分与奖项',
                  render: (_, e) => (
                    <Space direction="vertical" size={0}>
                      {e.chain.slice(0, -1).map((s) => (
                        <span key={s.callTitle}>
                          {s.unitName}：{score(s.finalScore)} 分{s.awardLabel ? `，${s.awardLabel}` : ''}
                          {s.recommendedByName && (
                            <Typography.Text type="secondary">
                              （{s.recommendedByName} 推荐{s.recommendNote ? `：${s.recommendNote}` : ''}）
                            </Typography.Text>
                          )}
                        </span>
                      ))}
                    </Space>
                  ),
                },
                { title: '推荐时间', dataIndex: 'recommendedAt', width: 150, render: time },
              ]}
            />
          </div>
        ))}
      </Space>
    </Card>
  );
}
