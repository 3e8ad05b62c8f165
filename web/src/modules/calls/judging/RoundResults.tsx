import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  Progress,
  Segmented,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { WarningFilled } from '@ant-design/icons';
import type { z } from 'zod';
import type { rankingRow } from '../../../../../common/contracts/judging';
import {
  closeRound,
  RANKING_FILTERS,
  requestRescore,
  SHEET_STATUSES,
  type RankingFilter,
  type Round,
} from '../../../../../common/contracts/judging';
import { call } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useDebounced } from '../../../components/useDebounced';
import { useRanking, useReloadRound, useRoundData } from './judgingQueries';

type Row = z.infer<typeof rankingRow>;
type RescoreValues = { judgeUserIds: number[]; note: string };

const SHEET_COLORS = {
  assigned: 'default',
  submitted: 'success',
  abstained: 'warning',
  rescore: 'processing',
} as const;
const fmt = (n: number | null) => (n === null ? '—' : n.toFixed(2));

/**
 * Progress per judge, the ranking (a page at a time, filtered and searched on the server) with every
 * judge's total and the spread, rescore requests, closing.
 */
export function RoundResults({ callId, round }: { callId: number; round: Round }) {
  const { message, modal } = App.useApp();
  const reload = useReloadRound(callId, round.id);
  const { progress } = useRoundData(round.id);
  const [filter, setFilter] = useState<RankingFilter>('all');
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const ranking = useRanking(round.id, { ...paging, filter, q });
  const [rescoring, setRescoring] = useState<Row | null>(null);
  const [busy, setBusy] = useState(false);
  const scoring = round.status === 'scoring';
  const rows = ranking.data?.items ?? [];
  const counts = ranking.data?.counts;
  const filterCount: Record<RankingFilter, number | undefined> = {
    all: counts?.entries,
    spread: counts?.spreadFlagged,
    tied: counts?.tied,
    advanced: counts?.advanced,
    unscored: counts && counts.entries - counts.scored,
  };
  // A new filter or search starts again from the first page.
  const firstPage = () => setPaging((p) => ({ ...p, page: 1 }));
  const loads = progress.data?.loads ?? [];
  const left = loads.reduce((s, l) => s + l.left, 0);

  const close = () =>
    modal.confirm({
      title: `结束“${round.name}”？`,
      content: left
        ? `还有 ${left} 份评分未完成，结束后评委不能再评分或修改，未评的不计入。`
        : '结束后评委不能再修改评分；系统按汇总分排名，并按晋级规则确定晋级作品。',
      okText: '结束本轮',
      okButtonProps: { danger: left > 0 },
      onOk: async () => {
        try {
          await call(closeRound, { params: { roundId: round.id }, body: { version: round.version } });
          message.success('本轮已结束，名次和晋级作品已确定');
          reload();
        } catch (e) {
          message.error((e as Error).message);
        }
      },
    });

  const rescore = async (v: RescoreValues) => {
    if (!rescoring) return;
    setBusy(true);
    try {
      await call(requestRescore, {
        params: { roundId: round.id },
        body: { entryId: rescoring.entryId, ...v },
      });
      message.success('已请评委复评');
      setRescoring(null);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card
        size="small"
        title="评分进度"
        extra={
          scoring && (
            <Button danger={left > 0} type="primary" onClick={close}>
              结束本轮
            </Button>
          )
        }
      >
        <Flex gap={24} wrap>
          {loads.map((l) => (
            <Flex key={l.userId} vertical style={{ width: 280 }}>
              <Typography.Text>{l.name}</Typography.Text>
              <Progress
                percent={l.assigned ? Math.round(((l.submitted + l.abstained) / l.assigned) * 100) : 0}
                size="small"
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                分配 {l.assigned} · 已评 {l.submitted} · 弃权 {l.abstained} · 复评 {l.rescore} · 待评 {l.left}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Card>
      <Card size="small" title={ranking.data?.closed ? '排名（已结束）' : '排名（实时）'}>
        {(counts?.fellBackToMean ?? 0) > 0 && (
          <Alert
            style={{ marginBottom: 12 }}
            type="info"
            showIcon
            message={`${counts!.fellBackToMean} 件作品评分人数不足以去掉最高最低分，已按平均分计算（标“均”）。`}
          />
        )}
        <Flex gap={12} wrap justify="space-between" align="center" style={{ marginBottom: 12 }}>
          <Segmented<RankingFilter>
            value={filter}
            onChange={(v) => {
              setFilter(v);
              firstPage();
            }}
            options={(Object.keys(RANKING_FILTERS) as RankingFilter[]).map((k) => ({
              value: k,
              label: `${RANKING_FILTERS[k]}${filterCount[k] === undefined ? '' : ` ${filterCount[k]}`}`,
            }))}
          />
          <Input.Search
            allowClear
            style={{ width: 260 }}
            placeholder="作品编号或标题"
            maxLength={50}
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              firstPage();
            }}
          />
        </Flex>
        <Table<Row>
          size="small"
          rowKey="entryId"
          loading={ranking.isFetching}
          dataSource={rows}
          locale={{ emptyText: q || filter !== 'all' ? '没有符合条件的作品' : '本轮暂无作品' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: ranking.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (n) => `共 ${n} 件`,
            onChange: (page, pageSize) =>
              setPaging((p) => ({ page: pageSize === p.pageSize ? page : 1, pageSize })),
          }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: '名次',
              width: 70,
              render: (_, r) =>
                r.rank === null ? (
                  '—'
                ) : (
                  <>
                    {r.rank}
                    {r.tied && <Tag style={{ marginLeft: 4 }}>并列</Tag>}
                  </>
                ),
            },
            {
              title: '作品',
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <span>{r.entryLabel}</span>
                  <Typography.Text type="secondary">{r.title}</Typography.Text>
                </Space>
              ),
            },
            { title: '类别', dataIndex: 'categoryLabel' },
            {
              title: '各评委总分',
              render: (_, r) => (
                <Flex gap={4} wrap style={{ maxWidth: 420 }}>
                  {r.sheets.map((s) => (
                    <Tooltip
                      key={s.judgeUserId}
                      title={[
                        s.judgeName,
                        SHEET_STATUSES[s.status],
                        s.comment && `评语：${s.comment}`,
                        s.abstainReason && `弃权：${s.abstainReason}`,
                        s.rescoreNote && `复评说明：${s.rescoreNote}`,
                      ]
                        .filter(Boolean)
                        .join('；')}
                    >
                      <Tag color={SHEET_COLORS[s.status]}>
                        {s.judgeLabel} {s.judgeName} {s.status === 'abstained' ? '弃权' : fmt(s.total)}
                      </Tag>
                    </Tooltip>
                  ))}
                </Flex>
              ),
            },
            {
              title: '汇总分',
              align: 'right',
              render: (_, r) => (
                <strong>
                  {fmt(r.score)}
                  {r.fellBackToMean && <Tag style={{ marginLeft: 4 }}>均</Tag>}
                </strong>
              ),
            },
            {
              title: '分差',
              align: 'right',
              render: (_, r) =>
                r.spreadFlag ? (
                  <Tooltip title={`超过阈值 ${round.spreadThreshold} 分`}>
                    <Typography.Text type="danger">
                      <WarningFilled /> {fmt(r.spread)}
                    </Typography.Text>
                  </Tooltip>
                ) : (
                  fmt(r.spread)
                ),
            },
            { title: '晋级', render: (_, r) => (r.advanced ? <Tag color="green">晋级</Tag> : null) },
            ...(scoring
              ? [
                  {
                    title: '操作',
                    render: (_: unknown, r: Row) => (
                      <Button
                        size="small"
                        type={r.spreadFlag ? 'primary' : 'link'}
                        ghost={r.spreadFlag}
                        disabled={!r.sheets.some((s) => s.status === 'submitted')}
                        onClick={() => setRescoring(r)}
                      >
                        请求复评
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {rescoring && (
        <FormModal<RescoreValues>
          name="rescore"
          title={`请求复评：${rescoring.entryLabel}`}
          loading={busy}
          initialValues={{
            note: rescoring.spreadFlag
              ? `各评委分差 ${fmt(rescoring.spread)} 分，超过阈值，请再审阅一次。`
              : '',
          }}
          onSubmit={(v) => void rescore(v)}
          onCancel={() => setRescoring(null)}
        >
          <Form.Item
            name="judgeUserIds"
            label="请以下评委复评"
            rules={[{ required: true, message: '请选择评委' }]}
          >
            <Checkbox.Group
              options={rescoring.sheets
                .filter((s) => s.status === 'submitted')
                .map((s) => ({
                  value: s.judgeUserId,
                  label: `${s.judgeLabel} ${s.judgeName}（${fmt(s.total)}）`,
                }))}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label="说明（评委可见）"
            rules={[{ required: true, message: '请填写复评说明' }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
