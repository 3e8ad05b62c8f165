import { useEffect, useState, type FormEvent } from 'react';
import { PublicApiError, publicApi, type VerifiedCertificate } from '../api';
import { TextField } from '../ui/fields';
import { formatTime, Message } from '../ui/Shell';
import './awards.css';

const notFoundText = (err: Error) =>
  err instanceof PublicApiError && err.status === 404 ? '未查到该证书编号，请核对后重新输入' : err.message;

/** /m/v/<code> (from a certificate's QR code) and /m/v (typed in): is this certificate real? */
export function VerifyPage({ code }: { code?: string }) {
  const [typed, setTyped] = useState(code ?? '');
  const [found, setFound] = useState<VerifiedCertificate | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(Boolean(code));

  const look = async (value: string) => {
    setBusy(true);
    setError(undefined);
    setFound(null);
    try {
      setFound(await publicApi.verifyCertificate(value.trim()));
    } catch (err) {
      setError(notFoundText(err as Error));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    document.title = '证书核验';
    if (!code) return;
    publicApi
      .verifyCertificate(code)
      .then(setFound)
      .catch((err: Error) => setError(notFoundText(err)))
      .finally(() => setBusy(false));
  }, [code]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!typed.trim()) return setError('请输入证书编号');
    void look(typed);
  };

  return (
    <>
      {found && (
        <section className="pm-card pm-verified" role="status" aria-labelledby="verified-title">
          <h1 id="verified-title">✓ 证书真实有效</h1>
          <dl className="pm-verified-list">
            <dt>证书编号</dt>
            <dd>{found.code}</dd>
            <dt>征集活动</dt>
            <dd>{found.callTitle}</dd>
            <dt>颁发单位</dt>
            <dd>{found.unitName}</dd>
            <dt>获奖等级</dt>
            <dd>{found.levelLabel}</dd>
            <dt>获奖作品</dt>
            <dd>{found.workTitle}</dd>
            <dt>获奖者</dt>
            <dd>{found.names.join('、')}</dd>
            <dt>颁发日期</dt>
            <dd>{formatTime(found.issuedAt)}</dd>
          </dl>
        </section>
      )}
      <Message title="证书核验">
        <p>输入获奖证书上的证书编号，核验证书是否由平台颁发。</p>
        <form className="pm-form" noValidate onSubmit={submit} aria-busy={busy}>
          <TextField
            id="certificateCode"
            label="证书编号"
            required
            value={typed}
            maxLength={30}
            autoComplete="off"
            hint="12 位字母和数字，短横线可以不输入"
            error={error}
            onChange={setTyped}
          />
          <button type="submit" className="pm-button pm-button-primary pm-submit" disabled={busy}>
            {busy ? '正在查询…' : '核验'}
          </button>
        </form>
      </Message>
    </>
  );
}
