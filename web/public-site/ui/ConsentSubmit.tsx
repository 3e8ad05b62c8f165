import type { Notice } from '../api';
import { CheckField } from './fields';
import { NoticePanel } from './NoticePanel';

type ConsentProps = { notice: Notice; checked: boolean; error?: string; onChange: (v: boolean) => void };

/** The privacy notice in full and the tick that agrees to that exact version. */
export function NoticeConsent({ notice, checked, error, onChange }: ConsentProps) {
  return (
    <>
      <NoticePanel notice={notice} />
      <CheckField id="consent" required checked={checked} error={error} onChange={onChange}>
        我已阅读并同意《{notice.title}》（第 {notice.version} 版）
      </CheckField>
    </>
  );
}

type SubmitProps = { label: string; busy: boolean; website: string; onWebsite: (v: string) => void };

/**
 * The end of a public form: the hidden field only bots fill in, and the submit button, which stays busy
 * while the proof-of-work is solved and the form sent.
 */
export function FormSubmit({ label, busy, website, onWebsite }: SubmitProps) {
  return (
    <>
      <div className="pm-hp" aria-hidden="true">
        <label htmlFor="website">网站</label>
        <input
          id="website"
          name="website"
          tabIndex={-1}
          autoComplete="off"
          value={website}
          onChange={(e) => onWebsite(e.target.value)}
        />
      </div>

      <button type="submit" className="pm-button pm-button-primary pm-submit" disabled={busy}>
        {busy ? '正在提交…' : label}
      </button>
      <p className="pm-status" role="status" aria-live="polite">
        {busy ? '正在提交…请不要关闭页面' : ''}
      </p>
    </>
  );
}
