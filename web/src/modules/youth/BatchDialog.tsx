import { useCallback, useState } from 'react';
import { Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { updateYouth, type YouthListItem } from '../../../../common/contracts/youth';
import { proposeStage } from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { UnitPicker } from '../../components/UnitPicker';

export type BatchKind = 'stage' | 'tag' | 'unit';
type Values = { reason?: string; tag?: string; unitId?: number };
type Pending = { kind: BatchKind; rows: YouthListItem[]; settle: (result: unknown) => void };

const TITLES: Record<BatchKind, string> = {
  stage: '批量申请转为重点培养对象',
  tag: '批量添加标签',
  unit: '批量调整所在单位',
};

function runOne(kind: BatchKind, row: YouthListItem, v: Values): Promise<unknown> | null {
  if (kind === 'stage') {
    if (row.stage === 'key') return null;
    return call(proposeStage, { params: { id: row.id }, body: { toStage: 'key', reason: v.reason! } });
  }
  if (kind === 'tag') {
    if (row.tags.includes(v.tag!)) return null;
    return call(updateYouth, {
      params: { id: row.id },
      body: { version: row.version, tags: [...row.tags, v.tag!] },
    });
  }
  if (row.unit.id === v.unitId) return null;
  return call(updateYouth, { params: { id: row.id }, body: { version: row.version, unitId: v.unitId } });
}

/** One row at a time, so one refusal does not stop the rest; the refusals are reported by name. */
async function runAll(kind: BatchKind, rows: YouthListItem[], v: Values) {
  const failed: string[] = [];
  for (const row of rows) {
    try {
      await runOne(kind, row, v);
    } catch (e) {
      failed.push(`${row.name}：${e instanceof Error ? e.message : '操作失败'}`);
    }
  }
  if (failed.length) {
    const more = failed.length > 3 ? ` 等 ${failed.length} 项` : '';
    throw new Error(`${failed.length} 项未处理——${failed.slice(0, 3).join('；')}${more}`);
  }
}

function BatchDialog({ kind, rows, settle }: Pending) {
  const run = useMutation({
    mutationFn: (v: Values) => runAll(kind, rows, { ...v, tag: v.tag?.trim() }),
    meta: { silent: true },
    onSettled: (_data, error) => settle(error ?? true),
  });
  return (
    <FormModal<Values>
      name="youth-batch"
      title={TITLES[kind]}
      width={480}
      loading={run.isPending}
      onSubmit={(v) => run.mutate(v)}
      onCancel={() => settle(false)}
    >
      <Typography.Paragraph type="secondary">
        已选择 {rows.length} 人。
        {kind === 'stage' && '已是重点培养对象的将跳过；申请提交后由本单位审核人员审核。'}
        {kind === 'unit' && '只能调整到本单位及下级；转往其他地区的，请由接收单位凭身份证号申请转入。'}
      </Typography.Paragraph>
      {kind === 'tag' && (
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
      {kind === 'stage' && (
        <Form.Item
          name="reason"
          label="理由"
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
 * `false` when cancelled (the list then says nothing), an error listing the rows that were refused.
 */
export function useBatchDialog() {
  const [pending, setPending] = useState<Pending | null>(null);
  const ask = useCallback(
    (kind: BatchKind, rows: YouthListItem[]) =>
      new Promise<unknown>((resolve, reject) =>
        setPending({
          kind,
          rows,
          settle: (result) => {
            setPending(null);
            if (result instanceof Error) reject(result);
            else resolve(result);
          },
        }),
      ),
    [],
  );
  return { ask, dialog: pending && <BatchDialog {...pending} /> };
}
