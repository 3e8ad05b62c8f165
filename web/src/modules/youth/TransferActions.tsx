import { useState } from 'react';
import { App, Button, Form, Input, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import type { z } from 'zod';
import {
  acceptTransfer,
  cancelTransfer,
  rejectTransfer,
  type transfer,
} from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';

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
