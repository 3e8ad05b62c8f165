import { useState, type ReactNode } from 'react';
import { PublicApiError } from '../api';
import { CheckField } from './fields';

type Props = {
  heading: string;
  /** What the ticked box says the person understands. */
  sureLabel: string;
  /** Does the withdrawal; a thrown PublicApiError's message is shown under the box. */
  onConfirm: () => Promise<void>;
  onCancel: () => void;
  /** The consequences, in plain words. */
  children: ReactNode;
};

/** Says plainly what a withdrawal does before doing it; the person confirms with a tick and a button. */
export function WithdrawConfirm({ heading, sureLabel, onConfirm, onCancel, children }: Props) {
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (!sure) return setError('请先勾选确认');
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (err) {
      setError(err instanceof PublicApiError ? err.message : '撤回没有成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pm-panel pm-panel-danger">
      <h2>{heading}</h2>
      {children}
      <CheckField
        id="withdraw-sure"
        checked={sure}
        error={error}
        onChange={(v) => {
          setSure(v);
          setError(undefined);
        }}
      >
        {sureLabel}
      </CheckField>
      <div className="pm-actions">
        <button
          type="button"
          className="pm-button pm-button-danger"
          disabled={busy}
          onClick={() => void confirm()}
        >
          {busy ? '正在提交…' : '确认撤回'}
        </button>
        <button type="button" className="pm-button pm-button-plain" disabled={busy} onClick={onCancel}>
          不撤回，返回
        </button>
      </div>
    </div>
  );
}
