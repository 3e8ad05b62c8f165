import { useState } from 'react';
import { App, Button, Form, Input, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  acceptTransfer,
  cancelTransfer,
  rejectTransfer,
  requestTransfer,
  type transfer,
} from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { UnitLookup } from '../../components/UnitLookup';

export type Transfer = z.infer<typeof transfer>;
type Action = 'accept' | 'reject' | 'cancel';

const ACTIONS = {
  accept: { label: '同意', contract: acceptTransfer, done: '已同意，记录改由接收单位保管' },
  reject: { label: '拒绝', contract: rejectTransfer, done: '已拒绝转接申请' },
  cancel: { label: '撤回', contract: cancelTransfer, done: '已撤回转接申请' },
} as const;

/** What the viewer may do with a pending transfer, as the server says (canDecide / canCancel). */
export function TransferActions({ transfer: t, onDone }: { transfer: Transfer; onDone: () => void }) {
  const { message } = App.useApp();
  const [action, setAction] = useState<Action | null>(null);
  const run = useMutation({
    mutationFn: (v: { note?: string }) =>
      call(ACTIONS[action!].contract, { params: { id: t.id }, body: { note: v.note?.trim() || undefined } }),
    onSuccess: () => {
      message.success(ACTIONS[action!].done);
      setAction(null);
      onDone();
    },
  });
  if (t.status !== 'pending' || (!t.canDecide && !t.canCancel)) return null;
  return (
    <>
      <Space size={4}>
        {t.canDecide && (
          <>
            <Button size="small" type="primary" onClick={() => setAction('accept')}>
              同意
            </Button>
            <Button size="small" danger onClick={() => setAction('reject')}>
              拒绝
            </Button>
          </>
        )}
        {t.canCancel && (
          <Button size="small" onClick={() => setAction('cancel')}>
            撤回
          </Button>
        )}
      </Space>
      {action && (
        <FormModal<{ note?: string }>
          name="transfer-decision"
          title={`${ACTIONS[action].label}转接：${t.fromUnit.name} → ${t.toUnit.name}`}
          width={480}
          okText={ACTIONS[action].label}
          loading={run.isPending}
          onSubmit={(v) => run.mutate(v)}
          onCancel={() => setAction(null)}
        >
          <Form.Item name="note" label="说明">
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="可不填" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}

type PushValues = { toUnitId: number; reason: string };

/**
 * 转出: the keeping side pushes the record to a unit anywhere in the country outside its own
 * subtree (found with the country-wide lookup); that unit accepts or rejects.
 */
export function TransferOutButton({ youthId, onDone }: { youthId: number; onDone: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const push = useMutation({
    mutationFn: (v: PushValues) =>
      call(requestTransfer, { body: { youthId, toUnitId: v.toUnitId, reason: v.reason.trim() } }),
    onSuccess: (t) => {
      message.success(`已向“${t.toUnit.name}”提出转接申请，待对方同意`);
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['youth-transfers'] });
      onDone();
    },
  });
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        转出到其他地区
      </Button>
      {open && (
        <FormModal<PushValues>
          name="transfer-out"
          title="转出到其他地区"
          width={520}
          okText="提交转出申请"
          loading={push.isPending}
          onSubmit={(v) => push.mutate(v)}
          onCancel={() => setOpen(false)}
        >
          <Form.Item
            name="toUnitId"
            label="接收单位"
            extra="全国范围查找，如“杭州”“hangzhou”“xhq”；本单位及下级之间请直接修改所在单位"
            rules={[{ required: true, message: '请选择接收单位' }]}
          >
            <UnitLookup />
          </Form.Item>
          <Form.Item
            name="reason"
            label="转接原因"
            rules={[{ required: true, whitespace: true, min: 4, message: '请填写转接原因（至少 4 个字）' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：本人已迁居杭州工作" />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
