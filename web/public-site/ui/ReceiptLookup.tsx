import { useEffect, useRef, useState, type ComponentType, type FormEvent, type ReactNode } from 'react';
import { PublicApiError } from '../api';
import { TextField } from './fields';
import { Message } from './Shell';

const RECEIPT_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** As the server reads it: case, spaces and missing dashes are forgiven; null when it cannot be a code. */
export function normaliseReceipt(typed: string): string | null {
  const v = typed.trim().toUpperCase().replace(/[\s-]/g, '');
  const code = v.length === 12 ? `${v.slice(0, 4)}-${v.slice(4, 8)}-${v.slice(8)}` : v;
  return RECEIPT_PATTERN.test(code) ? code : null;
}

type Props<T> = {
  title: string;
  intro: ReactNode;
  /** Said when the server knows no such code. */
  notFound: string;
  lookUp: (code: string) => Promise<T>;
  onFound: (code: string, found: T) => void;
};

/** A receipt code typed in (as people type it), looked up, and what it found handed on. */
export function ReceiptLookup<T>({ title, intro, notFound, lookUp, onFound }: Props<T>) {
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLDivElement>(null);

  const submit = async (event: FormEvent) => {
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
      onFound(code, await lookUp(code));
    } catch (err) {
      setError(
        err instanceof PublicApiError && err.status === 404
          ? notFound
          : err instanceof Error
            ? err.message
            : '查询失败，请稍后再试',
      );
      input.current?.querySelector('input')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Message title={title}>
      {intro}
      <form className="pm-form" noValidate onSubmit={submit} aria-busy={busy}>
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

export type StatusCardProps<T> = {
  code: string;
  status: T;
  onChange: (status: T) => void;
  onBack: () => void;
};

/** A status page: the receipt code in, then the card that shows what it found, until the person goes back. */
export function StatusLookupPage<T>({
  card: Card,
  ...lookup
}: Omit<Props<T>, 'onFound'> & { card: ComponentType<StatusCardProps<T>> }) {
  const [found, setFound] = useState<{ code: string; status: T } | null>(null);

  useEffect(() => {
    document.title = lookup.title;
  }, [lookup.title]);

  if (found) {
    return (
      <Card
        code={found.code}
        status={found.status}
        onChange={(status) => setFound({ code: found.code, status })}
        onBack={() => setFound(null)}
      />
    );
  }
  return <ReceiptLookup {...lookup} onFound={(code, status) => setFound({ code, status })} />;
}
