import { useCallback, useRef, useState } from 'react';
import { Form, Input, Typography } from 'antd';
import { FormModal } from './FormModal';

/** How the dialog words its one question (不通过原因, 材料不全的原因…). */
export type ReasonCopy = {
  label: string;
  okText: string;
  /** Above the field: who will read the reason. */
  hint?: string;
  placeholder?: string;
};

type Asked = { title: string; copy: ReasonCopy };

/**
 * Asks for a reason from inside an async action (a batch action's run): `ask` resolves with the
 * reason, or null when the dialog is closed.
 */
export function useReasonPrompt() {
  const [asked, setAsked] = useState<Asked | null>(null);
  const resolver = useRef<((reason: string | null) => void) | null>(null);
  const finish = useCallback((reason: string | null) => {
    resolver.current?.(reason);
    resolver.current = null;
    setAsked(null);
  }, []);
  const ask = useCallback(
    (title: string, copy: ReasonCopy) =>
      new Promise<string | null>((resolve) => {
        resolver.current = resolve;
        setAsked({ title, copy });
      }),
    [],
  );
  const dialog = asked && (
    <FormModal<{ reason: string }>
      name="reason-prompt"
      title={asked.title}
      width={480}
      okText={asked.copy.okText}
      onSubmit={(v) => finish(v.reason.trim())}
      onCancel={() => finish(null)}
    >
      {asked.copy.hint && <Typography.Paragraph type="secondary">{asked.copy.hint}</Typography.Paragraph>}
      <Form.Item
        name="reason"
        label={asked.copy.label}
        rules={[
          { required: true, whitespace: true, message: `请填写${asked.copy.label}` },
          { min: 2, message: '原因至少 2 个字' },
        ]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount autoFocus placeholder={asked.copy.placeholder} />
      </Form.Item>
    </FormModal>
  );
  return { ask, dialog };
}
