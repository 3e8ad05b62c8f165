import { useState } from 'react';
import { PublicApiError, publicApi, solvedChallenge, type SignupStatus } from '../api';
import { CheckField } from '../ui/fields';

type Props = { code: string; status: SignupStatus; onDone: (s: SignupStatus) => void; onCancel: () => void };

/** Says plainly what a withdrawal does before doing it; the person confirms with a tick and a button. */
export function WithdrawConsent({ code, status, onDone, onCancel }: Props) {
  const [sure, setSure] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const pending = status.status === 'pending';

  const confirm = async () => {
    if (!sure) return setError('请先勾选确认');
    setBusy(true);
    setError(undefined);
    try {
      await publicApi.withdraw({ receiptCode: code, ...(await solvedChallenge()) });
      // A withdrawn pending sign-up may be gone by now: say what is known rather than fail.
      const after = await publicApi.status(code).catch((): SignupStatus => ({
        ...status,
        status: pending ? 'withdrawn' : status.status,
        consentWithdrawn: true,
        editable: false,
      }));
      onDone(after);
    } catch (err) {
      setError(err instanceof PublicApiError ? err.message : '撤回没有成功，请稍后再试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="pm-panel pm-panel-danger">
      <h2>撤回同意后会怎样</h2>
      {pending ? (
        <ul>
          <li>您的报名将被撤回，{status.unitName}不会再审核。</li>
          <li>报名中填写的个人信息（姓名、手机号、身份证号等）将被删除，只保留您同意和撤回的时间记录。</li>
          <li>撤回后不能恢复。如果以后还想参加，需要重新报名。</li>
        </ul>
      ) : (
        <ul>
          <li>您的同意记录将标记为“已撤回”，{status.unitName}会收到通知。</li>
          <li>团组织将停止基于您的同意处理个人信息，并按个人信息处理规则删除或停止使用相关信息。</li>
          <li>撤回不影响撤回前已经进行的处理。撤回后不能恢复。</li>
        </ul>
      )}
      <CheckField
        id="withdraw-sure"
        checked={sure}
        error={error}
        onChange={(v) => {
          setSure(v);
          setError(undefined);
        }}
      >
        我已了解上述后果，确认撤回同意
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
