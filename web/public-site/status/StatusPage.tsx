import { useEffect, useRef, useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, type SignupStatus } from '../api';
import { TextField } from '../ui/fields';
import { Message } from '../ui/Shell';
import { normaliseReceipt } from './labels';
import { StatusCard } from './StatusCard';

/** /m/r: the receipt code in, the sign-up's progress out, and from there edits or a withdrawal. */
export function StatusPage() {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [found, setFound] = useState<{ code: string; status: SignupStatus } | null>(null);
  const input = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = '查询报名进度';
  }, []);

  const lookUp = async (event: FormEvent) => {
    event.preventDefault();
    const code = normaliseReceipt(typed);
    if (!code) {
      setError('回执码格式不对，应为 12 位字母和数字，例如 7K3M-Q9PX-2HND');
      input.current?.querySelector('input')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      setFound({ code, status: await publicApi.status(code) });
    } catch (err) {
      setError(
        err instanceof PublicApiError && err.status === 404
          ? '没有找到这个回执码对应的报名，请核对后重新输入'
          : err instanceof Error
            ? err.message
            : '查询失败，请稍后再试',
      );
      input.current?.querySelector('input')?.focus();
    } finally {
      setBusy(false);
    }
  };

  if (found) {
    return (
      <StatusCard
        code={found.code}
        status={found.status}
        onChange={(status) => setFound({ code: found.code, status })}
        onBack={() => {
          setFound(null);
          setTyped('');
        }}
      />
    );
  }
  return (
    <Message title="查询报名进度">
      <p>输入报名成功后得到的回执码，可以查看审核进度、修改报名信息或撤回同意。</p>
      <form className="pm-form" noValidate onSubmit={lookUp} aria-busy={busy}>
        <div ref={input}>
          <TextField
            id="receiptCode"
            label="回执码"
            required
            value={typed}
            maxLength={30}
            autoComplete="off"
            hint="12 位字母和数字，短横线可以不输入"
            error={error}
            onChange={setTyped}
          />
        </div>
        <button type="submit" className="pm-button pm-button-primary pm-submit" disabled={busy}>
          {busy ? '正在查询…' : '查询'}
        </button>
      </form>
    </Message>
  );
}
