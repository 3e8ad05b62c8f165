import { useEffect, useRef, useState, type ReactNode } from 'react';

type Props = {
  title: string;
  code: string;
  /** What the code lets the person do later, said in the reminder to keep it. */
  uses: string;
  status: { href: string; label: string };
  /** What was submitted to whom, and any note about it. */
  children: ReactNode;
};

/** The only time a receipt code is shown: large, copyable, with a nudge to keep it. */
export function Receipt({ title, code, uses, status, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('已复制回执码');
    } catch {
      setCopied('无法自动复制，请长按回执码手动复制，或截图保存');
    }
  };

  return (
    <section className="pm-card pm-receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
      <p className="pm-receipt-label" id="receipt-label">
        您的回执码
      </p>
      <p className="pm-receipt-code" aria-describedby="receipt-label" data-testid="receipt-code">
        {code}
      </p>
      <button type="button" className="pm-button pm-button-primary" onClick={() => void copy()}>
        复制回执码
      </button>
      <p className="pm-status" role="status" aria-live="polite">
        {copied ?? ''}
      </p>
      <div className="pm-callout">
        <p>
          <strong>请截图保存此页。</strong>
          回执码只显示这一次，凭它可以{uses}。回执码丢失后无法找回。
        </p>
      </div>
      <a className="pm-button pm-button-secondary" href={status.href}>
        {status.label}
      </a>
    </section>
  );
}
