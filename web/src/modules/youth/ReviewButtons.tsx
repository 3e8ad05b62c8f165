import { useState } from 'react';
import { App, Button, Form, Input, Space } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { reviewStageProposal } from '../../../../common/contracts/youth-workflow';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';

type Decision = 'approve' | 'reject';

/** 通过 / 驳回 a stage proposal, with a comment (required to reject). */
export function ReviewButtons({ proposalId, onDone }: { proposalId: number; onDone: () => void }) {
  const { message } = App.useApp();
  const [decision, setDecision] = useState<Decision | null>(null);
  const review = useMutation({
    mutationFn: (v: { comment?: string }) =>
      call(reviewStageProposal, {
        params: { id: proposalId },
        body: { decision: decision!, comment: v.comment?.trim() || undefined },
      }),
    onSuccess: (p) => {
      message.success(p.status === 'approved' ? '已通过，培养阶段已调整' : '已驳回');
      setDecision(null);
      onDone();
    },
  });
  return (
    <>
      <Space size={4}>
        <Button size="small" type="primary" onClick={() => setDecision('approve')}>
          通过
        </Button>
        <Button size="small" danger onClick={() => setDecision('reject')}>
          驳回
        </Button>
      </Space>
      {decision && (
        <FormModal<{ comment?: string }>
          name="stage-review"
          title={decision === 'approve' ? '通过申请' : '驳回申请'}
          width={480}
          okText={decision === 'approve' ? '通过' : '驳回'}
          loading={review.isPending}
          onSubmit={(v) => review.mutate(v)}
          onCancel={() => setDecision(null)}
        >
          <Form.Item
            name="comment"
            label="审核意见"
            rules={
              decision === 'reject'
                ? [{ required: true, whitespace: true, min: 2, message: '驳回须填写意见（至少 2 个字）' }]
                : []
            }
          >
            <Input.TextArea
              rows={3}
              maxLength={500}
              showCount
              placeholder={decision === 'approve' ? '可不填' : undefined}
            />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
