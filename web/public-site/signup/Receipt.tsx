import { useEffect, useRef, useState } from 'react';
import type { SignupPageData, SignupReceipt } from '../api';

/** The only time the receipt code is shown: large, copyable, with a nudge to keep it. */
export function Receipt({ receipt, page }: { receipt: SignupReceipt; page: SignupPageData }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    heading.current?.focus();
    window.scrollTo(0, 0);
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(receipt.receiptCode);
      setCopied('已复制回执码');
    } catch {
      setCopied('无法自动复制，请长按回执码手动复制，或截图保存');
    }
  };

  return (
    <section className="pm-card pm-receipt" aria-labelledby="receipt-title">
      <h1 id="receipt-title" ref={heading} tabIndex={-1}>
        报名已提交
      </h1>
      <p>
        您已报名「{page.title}」，{page.unitName}会尽快审核。
      </p>
      <p className="pm-receipt-label" id="receipt-label">
        您的回执码
      </p>
      <p className="pm-receipt-code" aria-describedby="receipt-label" data-testid="receipt-code">
        {receipt.receiptCode}
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
          回执码只显示这一次，凭它可以查询审核进度、修改报名信息或撤回同意。回执码丢失后无法找回。
        </p>
      </div>
      {receipt.ageBand === 'child' ? (
        <p className="pm-note">报名人不满 14 周岁，已记录监护人的同意。</p>
      ) : null}
      <a className="pm-button pm-button-secondary" href="/m/r">
        查询报名进度
      </a>
    </section>
  );
}
