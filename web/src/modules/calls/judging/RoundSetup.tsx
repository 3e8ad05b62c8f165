import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import {
  addConflict,
  assignRound,
  CONFLICT_SOURCES,
  listJudgeCandidates,
  openRound,
  setRoundJudges,
  type Round,
} from '../../../../../common/contracts/judging';
import { call } from '../../../api/client';
import { FormModal } from '../../../components/FormModal';
import { useDebounced } from '../../../components/useDebounced';
import { useCallDetail } from '../callQueries';
import { useEntryOptions, useReloadRound, useRoundData } from './judgingQueries';

type PanelValues = { judges: { userId: number; categoryKeys: string[] }[] };
type ConflictValues = { judgeUserId: number; entryId: number; reason: string };

/** One of the round's entries, found by number or title on the server (a round may hold thousands). */
function EntryPicker({
  roundId,
  value,
  onChange,
}: {
  roundId: number;
  value?: number;
  onChange?: (v: number) => void;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useEntryOptions(roundId, q);
  // The chosen entry keeps its label while a later search lists others.
  const [chosen, setChosen] = useState<{ value: number; label: string } | null>(null);
  const options = (found.data?.items ?? []).map((e) => ({
    value: e.entryId,
    label: `${e.entryLabel} ${e.title}（${e.categoryLabel}）`,
  }));
  if (chosen && !options.some((o) => o.value === chosen.value)) options.unshift(chosen);
  return (
    <Select
      value={value}
      onChange={(v: number) => {
        setChosen(options.find((o) => o.value === v) ?? null);
        onChange?.(v);
      }}
      showSearch={{ searchValue: text, onSearch: setText, filterOption: false }}
      placeholder="输入作品编号或标题"
      loading={found.isFetching}
      notFoundContent={found.isFetching ? '加载中…' : '没有匹配的作品'}
      options={options}
    />
  );
}

/** 评委组, 回避 and 分配 of one round: set while the round is being prepared, then shown read-only. */
export function RoundSetup({ callId, round }: { callId: number; round: Round }) {
  const { message, modal } = App.useApp();
  const reload = useReloadRound(callId, round.id);
  const { progress, conflicts } = useRoundData(round.id);
  const categories = useCallDetail(callId).data?.categories ?? [];
  const catLabel = new Map(categories.map((c) => [c.key, c.label]));
  const [dialog, setDialog] = useState<'panel' | 'conflict' | null>(null);
  const [busy, setBusy] = useState(false);
  const candidates = useQuery({
    queryKey: ['judge-candidates', callId],
    queryFn: () => call(listJudgeCandidates, { params: { id: callId } }),
    enabled: dialog === 'panel',
  });
  const setup = round.status === 'setup';

  const run = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await what();
      message.success(done);
      setDialog(null);
      reload();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const assign = () =>
    run(async () => {
      const r = await call(assignRound, { params: { roundId: round.id }, body: {} });
      if (r.short.length)
        modal.warning({
          title: `${r.short.length} 件作品评委不足`,
          content: r.short.map((s) => `${s.entryLabel}：已分配 ${s.assigned} 位，${s.reason}`).join('；'),
        });
    }, '已完成分配');

  const open = () =>
    modal.confirm({
      title: `开始“${round.name}”的评分？`,
      content: '开始后评委即可看到分配给本人的作品，评委组和分配不能再更改。',
      okText: '开始评分',
      onOk: () =>
        run(
          () => call(openRound, { params: { roundId: round.id }, body: { version: round.version } }),
          '已开始评分',
        ),
    });

  const loads = progress.data?.loads ?? [];
  const short = progress.data?.short ?? [];

  return (
    <Flex gap={16} align="start" wrap>
      <Card
        size="small"
        title={`评委组（${round.judges.length} 人）`}
        style={{ flex: '1 1 420px' }}
        extra={setup && <Button onClick={() => setDialog('panel')}>设定评委</Button>}
      >
        <Table
          size="small"
          rowKey="userId"
          pagination={false}
          dataSource={round.judges.map((j) => ({ ...j, load: loads.find((l) => l.userId === j.userId) }))}
          locale={{ emptyText: '尚未设定评委' }}
          columns={[
            { title: '评委', dataIndex: 'name' },
            { title: '单位', dataIndex: 'unitName' },
            {
              title: '负责类别',
              render: (_: unknown, j) =>
                j.categoryKeys.length
                  ? j.categoryKeys.map((k) => <Tag key={k}>{catLabel.get(k) ?? k}</Tag>)
                  : '全部类别',
            },
            { title: '分配作品', align: 'right' as const, render: (_: unknown, j) => j.load?.assigned ?? 0 },
          ]}
        />
        {setup && (
          <Flex gap={8} style={{ marginTop: 12 }} align="center" wrap>
            <Button
              type="primary"
              loading={busy}
              disabled={!round.judges.length}
              onClick={() => void assign()}
            >
              {round.sheetCount ? '重新分配' : '自动分配'}
            </Button>
            <Button disabled={!round.sheetCount} loading={busy} onClick={open}>
              开始评分
            </Button>
            <Typography.Text type="secondary">
              分配前自动识别回避（导师结对、同一单位），每位评委的作品数尽量均衡。
            </Typography.Text>
          </Flex>
        )}
        {short.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            message={`${short.length} 件作品评委不足`}
            description={short.map((s) => `${s.entryLabel}：已分配 ${s.assigned} 位，${s.reason}`).join('；')}
          />
        )}
      </Card>
      <Card
        size="small"
        title={`回避（${conflicts.data?.items.length ?? 0}）`}
        style={{ flex: '1 1 420px' }}
        extra={
          round.status !== 'closed' && (
            <Button onClick={() => setDialog('conflict')} disabled={!round.judges.length}>
              添加回避
            </Button>
          )
        }
      >
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 8, hideOnSinglePage: true }}
          dataSource={conflicts.data?.items ?? []}
          locale={{ emptyText: '暂无回避' }}
          columns={[
            { title: '评委', dataIndex: 'judgeName' },
            { title: '作品', render: (_: unknown, c) => `${c.entryLabel} ${c.title}` },
            { title: '来源', render: (_: unknown, c) => <Tag>{CONFLICT_SOURCES[c.source]}</Tag> },
            { title: '原因', dataIndex: 'reason', ellipsis: true },
          ]}
        />
      </Card>
      {dialog === 'panel' && (
        <FormModal<PanelValues>
          name="round-panel"
          title="设定评委组"
          width={640}
          loading={busy}
          initialValues={{
            judges: round.judges.map((j) => ({ userId: j.userId, categoryKeys: j.categoryKeys })),
          }}
          onSubmit={(v) =>
            void run(
              () => call(setRoundJudges, { params: { roundId: round.id }, body: { judges: v.judges ?? [] } }),
              '评委组已保存',
            )
          }
          onCancel={() => setDialog(null)}
        >
          <Typography.Paragraph type="secondary">
            可选本单位及下级的评委账号。负责类别留空表示评审全部类别。
          </Typography.Paragraph>
          <Form.List name="judges">
            {(fields, { add, remove }) => (
              <Flex vertical gap={4}>
                {fields.map((f) => (
                  <Space key={f.key} align="start">
                    <Form.Item name={[f.name, 'userId']} rules={[{ required: true, message: '请选择评委' }]}>
                      <Select
                        style={{ width: 240 }}
                        placeholder="评委"
                        showSearch
                        optionFilterProp="label"
                        loading={candidates.isLoading}
                        options={(candidates.data?.items ?? []).map((c) => ({
                          value: c.userId,
                          label: `${c.name}（${c.unitName}）`,
                        }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'categoryKeys']} initialValue={[]}>
                      <Select
                        mode="multiple"
                        style={{ width: 240 }}
                        placeholder="全部类别"
                        options={categories.map((c) => ({ value: c.key, label: c.label }))}
                      />
                    </Form.Item>
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      移除
                    </Button>
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add({ categoryKeys: [] })}>
                  添加评委
                </Button>
              </Flex>
            )}
          </Form.List>
        </FormModal>
      )}
      {dialog === 'conflict' && (
        <FormModal<ConflictValues>
          name="round-conflict"
          title="添加回避"
          loading={busy}
          onSubmit={(v) =>
            void run(() => call(addConflict, { params: { roundId: round.id }, body: v }), '已设定回避')
          }
          onCancel={() => setDialog(null)}
        >
          <Form.Item name="judgeUserId" label="评委" rules={[{ required: true, message: '请选择评委' }]}>
            <Select options={round.judges.map((j) => ({ value: j.userId, label: j.name }))} />
          </Form.Item>
          <Form.Item name="entryId" label="作品" rules={[{ required: true, message: '请选择作品' }]}>
            <EntryPicker roundId={round.id} />
          </Form.Item>
          <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写回避原因' }]}>
            <Input.TextArea maxLength={200} rows={2} />
          </Form.Item>
        </FormModal>
      )}
    </Flex>
  );
}
