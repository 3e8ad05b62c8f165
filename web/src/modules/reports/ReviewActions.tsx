import { useState } from 'react';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  acceptSubmission,
  returnSubmission,
  type SubmissionDetail,
} from '../../../../common/contracts/reports-submissions';
import { call } from '../../api/client';
import { FormModal } from '../../components/FormModal';

type Decision = 'accept' | 'return';

/** 通过 (the report locks) or 退回 with the changes wanted; both recorded in the report's history. */
export function ReviewActions({
  d,
  onDone,
}: {
  d: SubmissionDetail;
  onDone: (next: SubmissionDetail) => void;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<Decision | null>(null);
  const run = useMutation({
    mutationFn: ({ decision, comment }: { decision: Decision; comment?: string }) =>
      decision === 'accept'
        ? call(acceptSubmission, {
            params: { id: d.id },
            body: { version: d.version, comment: comment?.trim() || undefined },
          })
        : call(returnSubmission, {
            params: { id: d.id },
            body: { version: d.version, comment: (comment ?? '').trim() },
          }),
    onSuccess: (next, { decision }) => {
      message.success(decision === 'accept' ? `已通过${d.unit.name}的报送` : `已退回${d.unit.name}修改`);
      setOpen(null);
      onDone(next);
    },
  });
  return (
    <Space>
      <Button type="primary" icon={<CheckOutlined />} onClick={() => setOpen('accept')}>
        通过
      </Button>
      <Button danger icon={<RollbackOutlined />} onClick={() => setOpen('return')}>
        退回
      </Button>
      {open && (
        <FormModal<{ comment?: string }>
          name="review"
          title={open === 'accept' ? `通过${d.unit.name}的报送` : `退回${d.unit.name}的报送`}
          okText={open === 'accept' ? '通过' : '退回'}
          width={520}
          loading={run.isPending}
          onSubmit={(v) => run.mutate({ decision: open, comment: v.comment })}
          onCancel={() => setOpen(null)}
        >
          <Typography.Paragraph type="secondary">
            {open === 'accept'
              ? '通过后报告锁定，报送单位不能再修改；可在本单位的报告中汇总上报。'
              : '退回后报送单位按意见修改，再重新报送。请写明需要修改或补充的内容。'}
          </Typography.Paragraph>
          <Form.Item
            name="comment"
            label={open === 'accept' ? '审核意见（选填）' : '退回意见'}
            rules={
              open === 'return'
                ? [
                    { required: true, whitespace: true, message: '请填写退回意见' },
                    { min: 2, message: '退回意见至少 2 个字' },
                  ]
                : []
            }
          >
            <Input.TextArea rows={4} maxLength={1000} showCount autoFocus />
          </Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
