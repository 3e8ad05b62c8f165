import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  AWARD_PHASES,
  OBJECTION_STATUSES,
  answerObjection,
  confirmAwards,
  getCallAwards,
  getCertificates,
  listCallObjections,
  saveCallAwards,
  startPublicity,
  type AwardEntry,
  type CallAwards,
  type CallObjection,
} from '../../../../../common/contracts/awards';
import { call } from '../../../api/client';
import { useCan } from '../../../app/session';
import { FormModal } from '../../../components/FormModal';
import { saveBlob } from '../../../components/share/canvas-draw';
import { useReasonPrompt } from '../../../components/useReasonPrompt';
import { certificatesPdf } from './certificate';

type Levels = Record<number, string | null>;

const awardsKey = (callId: number) => ['calls', callId, 'awards'];
const objectionsKey = (callId: number) => ['calls', callId, 'objections'];
const time = (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '');

const PHASE_COLORS = {
  proposing: 'default',
  publicity: 'processing',
  publicity_ended: 'warning',
  final: 'success',
};
const OBJECTION_COLORS = { open: 'orange', upheld: 'red', dismissed: 'default' };

/** 评奖与公示: the ranking with proposed levels, the organiser's choice, 公示 and its objections, 确认结果, certificates. */
export function AwardsTab({ callId }: { callId: number }) {
  const can = useCan();
  const manage = can('calls.manage');
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const { ask, dialog } = useReasonPrompt();
  const awards = useQuery({
    queryKey: awardsKey(callId),
    queryFn: () => call(getCallAwards, { params: { id: callId } }),
  });
  // The organiser's choices, for the data they were made on: fresh data starts from what is saved.
  const [edits, setEdits] = useState<{ on: CallAwards; levels: Levels } | null>(null);
  const [answering, setAnswering] = useState<CallObjection | null>(null);
  const data = awards.data;

  const refresh = (next: CallAwards) => {
    queryClient.setQueryData(awardsKey(callId), next);
    void queryClient.invalidateQueries({ queryKey: objectionsKey(callId) });
  };
  const save = useMutation({
    mutationFn: (reason?: string) =>
      call(saveCallAwards, {
        params: { id: callId },
        body: {
          awards: Object.entries(levels).flatMap(([entryId, levelKey]) =>
            levelKey ? [{ entryId: Number(entryId), levelKey }] : [],
          ),
          reason,
        },
      }),
    onSuccess: (next) => {
      refresh(next);
      message.success(
        next.phase === 'publicity' && data?.phase !== 'proposing' ? '奖项已调整，公示重新开始' : '奖项已保存',
      );
    },
  });
  const publicity = useMutation({
    mutationFn: () => call(startPublicity, { params: { id: callId } }),
    onSuccess: (next) => {
      refresh(next);
      message.success('已开始公示');
    },
  });
  const confirm = useMutation({
    mutationFn: () => call(confirmAwards, { params: { id: callId } }),
    onSuccess: (next) => {
      refresh(next);
      message.success('结果已确认，证书编号已生成');
    },
  });
  const [printing, setPrinting] = useState<number | 'all' | null>(null);

  if (!data) return <Card loading={awards.isLoading} />;
  const levels: Levels =
    edits?.on === data
      ? edits.levels
      : Object.fromEntries(data.entries.map((e) => [e.entryId, e.awardLevelKey]));
  const setLevels = (next: Levels) => setEdits({ on: data, levels: next });
  const editable = manage && data.changeAllowed;
  const link = new URL(data.resultsPath, window.location.origin).toString();

  const over = data.levels
    .map((l) => ({ ...l, given: Object.values(levels).filter((k) => k === l.key).length }))
    .filter((l) => l.given > l.count);

  async function onSave() {
    if (over.length === 0) return save.mutate(undefined);
    const reason = await ask('超出奖项名额', {
      label: '理由',
      okText: '保存',
      hint: over.map((l) => `「${l.label}」名额 ${l.count} 个，已评 ${l.given} 个`).join('；'),
      placeholder: '如：并列同分，经评审委员会研究决定',
    });
    if (reason) save.mutate(reason);
  }

  function onPublicity() {
    modal.confirm({
      title: '开始公示',
      content: `获奖名单将在公开页面公示 ${data!.publicityDays} 天，期间任何人可提出异议。公示期间只有异议成立后才能调整奖项。`,
      okText: '开始公示',
      onOk: () => publicity.mutateAsync(),
    });
  }

  async function download(entryId?: number) {
    setPrinting(entryId ?? 'all');
    try {
      const certs = await call(getCertificates, { params: { id: callId }, query: { entryId } });
      const sheets = certs.items.map((c) => ({
        ...c,
        unitName: certs.unitName,
        callTitle: certs.callTitle,
        issuedAt: certs.issuedAt,
      }));
      const blob = await certificatesPdf(sheets);
      saveBlob(
        blob,
        entryId ? `获奖证书-${sheets[0]?.workTitle ?? ''}.pdf` : `获奖证书-${certs.callTitle}.pdf`,
      );
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setPrinting(null);
    }
  }

  const levelOptions = [
    { value: '', label: '不获奖' },
    ...data.levels.map((l) => ({ value: l.key, label: l.label })),
  ];
  const levelLabel = (key: string | null) => data.levels.find((l) => l.key === key)?.label ?? '';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={
          <Space>
            评奖与公示
            <Tag color={PHASE_COLORS[data.phase]}>{AWARD_PHASES[data.phase]}</Tag>
          </Space>
        }
        extra={
          manage && (
            <Space wrap>
              {editable && (
                <Button
                  onClick={() =>
                    setLevels(Object.fromEntries(data.entries.map((e) => [e.entryId, e.proposedLevelKey])))
                  }
                >
                  按排名填入建议
                </Button>
              )}
              {editable && (
                <Button type="primary" loading={save.isPending} onClick={() => void onSave()}>
                  保存奖项
                </Button>
              )}
              {data.phase === 'proposing' && (
                <Button loading={publicity.isPending} onClick={onPublicity}>
                  开始公示
                </Button>
              )}
              {data.phase === 'publicity_ended' && (
                <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()}>
                  确认结果
                </Button>
              )}
              {data.phase === 'final' && (
                <Button type="primary" loading={printing === 'all'} onClick={() => void download()}>
                  下载全部证书
                </Button>
              )}
            </Space>
          )
        }
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            奖项名额：{data.levels.map((l) => `${l.label} ${l.count} 个`).join('、')}；公示{' '}
            {data.publicityDays} 天。
            建议按最终得分从高到低依次填满各奖项，同分的作品标为“并列”，由主办方决定。
          </Typography.Text>
          {data.phase !== 'proposing' && (
            <Alert
              type={data.phase === 'final' ? 'success' : 'info'}
              showIcon
              message={
                data.phase === 'final'
                  ? `结果已于 ${time(data.awardsFinalAt)} 确认，可下载证书`
                  : `公示期：${time(data.publicityStartsAt)} 至 ${time(data.publicityEndsAt)}`
              }
              description={
                <Space direction="vertical" size={2}>
                  <span>
                    公示页面：
                    <Typography.Link href={link} target="_blank" copyable>
                      {link}
                    </Typography.Link>
                  </span>
                  {data.phase !== 'final' && data.openObjections > 0 && (
                    <span>有 {data.openObjections} 条异议待答复，答复后才能确认结果。</span>
                  )}
                  {data.changeAllowed && data.phase !== 'final' && (
                    <span>有异议经答复成立，可调整奖项；保存后重新公示。</span>
                  )}
                </Space>
              }
            />
          )}
        </Space>
        <Table<AwardEntry>
          style={{ marginTop: 12 }}
          rowKey="entryId"
          size="small"
          pagination={false}
          dataSource={data.entries}
          locale={{ emptyText: '还没有形式审查通过且有最终得分的作品（评审轮次关闭后产生最终得分）' }}
          columns={[
            {
              title: '名次',
              dataIndex: 'rank',
              width: 80,
              render: (rank: number, e) => (
                <Space size={4}>
                  {rank}
                  {e.tied && <Tag color="gold">并列</Tag>}
                </Space>
              ),
            },
            { title: '编号', dataIndex: 'label', width: 100 },
            { title: '作品', dataIndex: 'title', ellipsis: true },
            { title: '类别', dataIndex: 'categoryLabel', width: 100 },
            {
              title: '最终得分',
              dataIndex: 'finalScore',
              width: 100,
              align: 'right',
              render: (v: number) => v.toFixed(2),
            },
            {
              title: '建议',
              dataIndex: 'proposedLevelKey',
              width: 100,
              render: (k: string | null) => levelLabel(k) || '—',
            },
            {
              title: '奖项',
              width: 140,
              render: (_, e) =>
                editable ? (
                  <Select
                    aria-label={`${e.label} 的奖项`}
                    size="small"
                    style={{ width: 120 }}
                    value={levels[e.entryId] ?? ''}
                    options={levelOptions}
                    onChange={(v: string) => setLevels({ ...levels, [e.entryId]: v || null })}
                  />
                ) : (
                  levelLabel(e.awardLevelKey) || '—'
                ),
            },
            ...(data.phase === 'final'
              ? [
                  {
                    title: '证书',
                    width: 200,
                    render: (_: unknown, e: AwardEntry) =>
                      e.certificateCode && (
                        <Space size={4}>
                          <Typography.Text code>{e.certificateCode}</Typography.Text>
                          <Button
                            size="small"
                            type="link"
                            loading={printing === e.entryId}
                            onClick={() => void download(e.entryId)}
                          >
                            下载
                          </Button>
                        </Space>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {data.phase !== 'proposing' && manage && (
        <Objections callId={callId} final={data.phase === 'final'} onAnswer={setAnswering} />
      )}
      {answering && (
        <AnswerDialog
          callId={callId}
          objection={answering}
          onClose={() => setAnswering(null)}
          onDone={() => {
            setAnswering(null);
            void queryClient.invalidateQueries({ queryKey: awardsKey(callId) });
            void queryClient.invalidateQueries({ queryKey: objectionsKey(callId) });
          }}
        />
      )}
      {dialog}
    </Space>
  );
}

function Objections({
  callId,
  final,
  onAnswer,
}: {
  callId: number;
  final: boolean;
  onAnswer: (o: CallObjection) => void;
}) {
  const list = useQuery({
    queryKey: objectionsKey(callId),
    queryFn: () => call(listCallObjections, { params: { id: callId } }),
  });
  return (
    <Card size="small" title="公示异议（不公开）">
      <Table<CallObjection>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        pagination={false}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: '公示期间尚未收到异议' }}
        columns={[
          { title: '收到时间', dataIndex: 'createdAt', width: 150, render: time },
          {
            title: '针对作品',
            dataIndex: 'entryLabel',
            width: 100,
            render: (v: string | null) => v ?? '整体结果',
          },
          { title: '异议内容', dataIndex: 'content' },
          {
            title: '联系人',
            width: 150,
            render: (_, o) => (
              <span>
                {o.contactName}
                <br />
                <Typography.Text type="secondary">{o.contactPhone}</Typography.Text>
              </span>
            ),
          },
          {
            title: '处理',
            width: 260,
            render: (_, o) =>
              o.status === 'open' ? (
                final ? (
                  <Tag color="orange">待答复</Tag>
                ) : (
                  <Button size="small" onClick={() => onAnswer(o)}>
                    答复
                  </Button>
                )
              ) : (
                <span>
                  <Tag color={OBJECTION_COLORS[o.status]}>{OBJECTION_STATUSES[o.status]}</Tag>
                  {o.response}
                  <br />
                  <Typography.Text type="secondary">
                    {o.handledByName} {time(o.handledAt)}
                  </Typography.Text>
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}

type Answer = { decision: 'upheld' | 'dismissed'; response: string };

function AnswerDialog({
  callId,
  objection,
  onClose,
  onDone,
}: {
  callId: number;
  objection: CallObjection;
  onClose: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const answer = useMutation({
    mutationFn: (v: Answer) =>
      call(answerObjection, { params: { id: callId, objectionId: objection.id }, body: v }),
    onSuccess: (o) => {
      message.success(
        o.status === 'upheld' ? '已答复：异议成立，可调整奖项后重新公示' : '已答复：异议不成立',
      );
      onDone();
    },
  });
  return (
    <FormModal<Answer>
      name="objection-answer"
      title="答复异议"
      okText="提交答复"
      width={560}
      initialValues={{ decision: 'dismissed' }}
      loading={answer.isPending}
      onCancel={onClose}
      onSubmit={(v) => answer.mutate(v)}
    >
      <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
        {objection.entryLabel ? `针对 ${objection.entryLabel}：` : ''}
        {objection.content}
      </Typography.Paragraph>
      <Form.Item name="decision" label="结论" rules={[{ required: true }]}>
        <Radio.Group
          options={[
            { value: 'dismissed', label: OBJECTION_STATUSES.dismissed },
            { value: 'upheld', label: `${OBJECTION_STATUSES.upheld}（可调整奖项，调整后重新公示）` },
          ]}
        />
      </Form.Item>
      <Form.Item
        name="response"
        label="答复意见"
        rules={[{ required: true, min: 2, message: '请填写答复意见' }]}
      >
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder="核实的情况和处理结果" />
      </Form.Item>
    </FormModal>
  );
}
