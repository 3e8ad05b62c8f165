import { useCallback, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { YouthListItem } from '../../../../common/contracts/youth';
import {
  batchMoveYouth,
  batchProposeStage,
  batchRequestTransfer,
  batchYouthTags,
  YOUTH_BATCH_MAX,
  type YouthBatchResult,
} from '../../../../common/contracts/youth-batch';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { UnitLookup } from '../../components/UnitLookup';
import { UnitPicker } from '../../components/UnitPicker';

export type BatchKind = 'stage' | 'tag' | 'untag' | 'unit' | 'transfer';
type Values = { reason?: string; tag?: string; unitId?: number };
/** Settles with `false` when cancelled, a summary for the list's message once done. */
type Pending = { kind: BatchKind; rows: YouthListItem[]; settle: (result: false | string) => void };

const TITLES: Record<BatchKind, string> = {
  stage: '批量申请转为重点培养对象',
  tag: '批量添加标签',
  untag: '批量移除标签',
  unit: '批量调整所在单位',
  transfer: '批量转出到其他地区',
};

const HINTS: Record<BatchKind, string> = {
  stage: '已是重点培养对象或已有待审核申请的将跳过；申请提交后由本单位审核人员审核。',
  tag: '已有该标签的将跳过。',
  untag: '没有该标签的将跳过。',
  unit: '只能调整到本单位及下级；转往其他地区的，请用“转出到其他地区”。',
  transfer: '可选择全国任一团组织；对方同意后记录移交对方保管，历史记录保留。已有待处理转接申请的将跳过。',
};

/** One request for the whole selection: the server applies what it can and says why it skipped the rest. */
function runBatch(kind: BatchKind, rows: YouthListItem[], v: Values): Promise<YouthBatchResult> {
  const ids = rows.map((r) => r.id);
  switch (kind) {
    case 'stage':
      return call(batchProposeStage, { body: { ids, toStage: 'key', reason: v.reason! } });
    case 'tag':
    case 'untag':
      return call(batchYouthTags, { body: { ids, action: kind === 'tag' ? 'add' : 'remove', tag: v.tag! } });
    case 'unit':
      return call(batchMoveYouth, { body: { ids, unitId: v.unitId! } });
    case 'transfer':
      return call(batchRequestTransfer, { body: { ids, toUnitId: v.unitId!, reason: v.reason! } });
  }
}

const summary = (kind: BatchKind, r: YouthBatchResult) =>
  `${TITLES[kind].replace('批量', '')}：已处理 ${r.applied} 人` +
  (r.skipped.length ? `，${r.skipped.length} 人未处理` : '');

/** After the request: how many were done and, row by row, why the others were not. */
function BatchOutcome({
  kind,
  result,
  onClose,
}: {
  kind: BatchKind;
  result: YouthBatchResult;
  onClose: () => void;
}) {
  return (
    <Modal
      open
      title={`${TITLES[kind]}：结果`}
      width={560}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose}>
          知道了
        </Button>
      }
    >
      <Alert
        type={result.skipped.length ? 'warning' : 'success'}
        showIcon
        style={{ marginBottom: 12 }}
        title={`已处理 ${result.applied} 人${result.skipped.length ? `，${result.skipped.length} 人未处理` : ''}`}
      />
      {result.skipped.length > 0 && (
        <Table
          size="small"
          rowKey="id"
          pagination={result.skipped.length > 8 ? { pageSize: 8, size: 'small' } : false}
          dataSource={result.skipped}
          columns={[
            { key: 'name', title: '姓名', dataIndex: 'name', width: 120 },
            { key: 'reason', title: '未处理原因', dataIndex: 'reason' },
          ]}
        />
      )}
    </Modal>
  );
}

function BatchDialog({ kind, rows, settle }: Pending) {
  const [result, setResult] = useState<YouthBatchResult | null>(null);
  const run = useMutation({
    mutationFn: (v: Values) => runBatch(kind, rows, { ...v, tag: v.tag?.trim(), reason: v.reason?.trim() }),
    onSuccess: (r) => {
      // Everything done: the list's own message says so. Otherwise show who was skipped and why.
      if (r.skipped.length === 0) settle(summary(kind, r));
      else setResult(r);
    },
  });
  if (result)
    return <BatchOutcome kind={kind} result={result} onClose={() => settle(summary(kind, result))} />;
  const tooMany = rows.length > YOUTH_BATCH_MAX;
  return (
    <FormModal<Values>
      name="youth-batch"
      title={TITLES[kind]}
      width={520}
      loading={run.isPending}
      okText={kind === 'transfer' ? '提交转出申请' : undefined}
      onSubmit={(v) => run.mutate(v)}
      onCancel={() => settle(false)}
    >
      <Typography.Paragraph type="secondary">
        已选择 {rows.length} 人。{HINTS[kind]}
      </Typography.Paragraph>
      {tooMany && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`每次最多处理 ${YOUTH_BATCH_MAX} 人，请减少所选人数`}
        />
      )}
      {(kind === 'tag' || kind === 'untag') && (
        <Form.Item
          name="tag"
          label="标签"
          rules={[{ required: true, whitespace: true, max: 30, message: '请填写 1–30 字的标签' }]}
        >
          <Input autoFocus placeholder="如：重点关注" />
        </Form.Item>
      )}
      {kind === 'unit' && (
        <Form.Item name="unitId" label="所在单位" rules={[{ required: true, message: '请选择单位' }]}>
          <UnitPicker placeholder="输入名称或拼音查找" />
        </Form.Item>
      )}
      {kind === 'transfer' && (
        <Form.Item
          name="unitId"
          label="接收单位"
          extra="全国范围查找，如“杭州”“hangzhou”“xhq”"
          rules={[{ required: true, message: '请选择接收单位' }]}
        >
          <UnitLookup />
        </Form.Item>
      )}
      {(kind === 'stage' || kind === 'transfer') && (
        <Form.Item
          name="reason"
          label={kind === 'transfer' ? '转接原因' : '理由'}
          rules={[{ required: true, whitespace: true, min: 4, message: '请填写理由（至少 4 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      )}
    </FormModal>
  );
}

/**
 * A batch action that needs input first: `ask` opens the dialog and settles when it closes —
 * `false` when cancelled (the list then says nothing), else a summary such as “已处理 3 人，1 人未处理”.
 * A refusal of the whole request (not in scope, a unit outside it…) stays in the dialog as an error.
 */
export function useBatchDialog() {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback(
    (kind: BatchKind, rows: YouthListItem[]) =>
      new Promise<false | string>((resolve) =>
        setPending({
          kind,
          rows,
          settle: (result) => {
            setPending(null);
            resolve(result);
          },
        }),
      ),
    [],
  );
  return { ask, dialog: pending && <BatchDialog {...pending} /> };
}
