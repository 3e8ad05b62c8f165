import { useCallback, useRef, useState } from 'react';
import { Form, Input, Typography } from 'antd';
import { FormModal } from '../../components/FormModal';

/**
 * Asks for a reason from inside an async action (a batch action's run): `ask` resolves with the
 * reason, or null when the dialog is closed.
 */
export function useReasonPrompt() {
  const [title, setTitle] = useState<string | null>(null);
  const resolver = useRef<((reason: string | null) => void) | null>(null);
  const finish = useCallback((reason: string | null) => {
    resolver.current?.(reason);
    resolver.current = null;
    setTitle(null);
  }, []);
  const ask = useCallback(
    (t: string) =>
      new Promise<string | null>((resolve) => {
        resolver.current = resolve;
        setTitle(t);
      }),
    [],
  );
  const dialog = title && (
    <FormModal<{ reason: string }>
      name="decline-reason"
      title={title}
      width={480}
      okText="不通过"
      onSubmit={(v) => finish(v.reason.trim())}
      onCancel={() => finish(null)}
    >
      <Typography.Paragraph type="secondary">
        本人凭回执码查询时可以看到这个原因，请写清楚。
      </Typography.Paragraph>
      <Form.Item
        name="reason"
        label="不通过原因"
        rules={[
          { required: true, whitespace: true, message: '请填写不通过原因' },
          { min: 2, message: '原因至少 2 个字' },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={200}
          showCount
          autoFocus
          placeholder="如：不在本地区工作生活，建议向所在地团组织报名"
        />
      </Form.Item>
    </FormModal>
  );
  return { ask, dialog };
}
