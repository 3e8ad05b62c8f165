import type { ReactNode } from 'react';
import { Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { FormModal } from '../../components/FormModal';

type Props = {
  title: string;
  intro?: ReactNode;
  label?: string;
  okText?: string;
  /** Resolves when done; the dialog closes itself only then. A failure keeps it open. */
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
};

/** Asks why before something that is logged: revealing or exporting personal data. */
export function ReasonModal({ title, intro, label = '原因', okText, onSubmit, onClose }: Props) {
  const run = useMutation({ mutationFn: (reason: string) => onSubmit(reason), onSuccess: onClose });
  return (
    <FormModal<{ reason: string }>
      name="reason"
      title={title}
      width={480}
      okText={okText}
      loading={run.isPending}
      onSubmit={(v) => run.mutate(v.reason.trim())}
      onCancel={onClose}
    >
      {intro && <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>}
      <Form.Item
        name="reason"
        label={label}
        rules={[
          { required: true, whitespace: true, message: `请填写${label}` },
          { min: 4, message: `${label}至少 4 个字` },
        ]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount autoFocus />
      </Form.Item>
    </FormModal>
  );
}
