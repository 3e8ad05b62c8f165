import { useCallback, useEffect, useState } from 'react';
import { PublicApiError, publicApi, type SignupPageData, type SignupReceipt } from '../api';
import { formatTime, Message } from '../ui/Shell';
import { Receipt } from './Receipt';
import { SignupForm } from './SignupForm';

type Load =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; page: SignupPageData };

/** ?ch=… tags where the link was shared; a malformed tag is dropped rather than refused. */
function channelFromUrl(): string | undefined {
  const ch = new URLSearchParams(window.location.search).get('ch')?.trim();
  return ch && /^[\p{L}\p{N}_-]{1,40}$/u.test(ch) ? ch : undefined;
}

export function SignupPage({ slug }: { slug: string }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [receipt, setReceipt] = useState<SignupReceipt | null>(null);
  const [channel] = useState(channelFromUrl);

  const fetchPage = useCallback(
    () =>
      publicApi.signupPage(slug).then(
        (page) => {
          setLoad({ kind: 'ready', page });
          document.title = `${page.title} · ${page.unitName}`;
          return page;
        },
        (err: unknown) => {
          if (err instanceof PublicApiError && (err.status === 404 || err.status === 400))
            setLoad({ kind: 'missing' });
          else setLoad({ kind: 'error', message: err instanceof Error ? err.message : '页面加载失败' });
          return null;
        },
      ),
    [slug],
  );

  useEffect(() => {
    void fetchPage();
  }, [fetchPage]);

  if (load.kind === 'loading') {
    return (
      <section className="pm-card pm-loading" aria-busy="true">
        <p role="status">正在加载…</p>
      </section>
    );
  }
  if (load.kind === 'missing') {
    return (
      <Message title="页面不存在">
        <p>这个报名页面不存在或已下线，请核对链接，或联系分享链接给您的团组织。</p>
      </Message>
    );
  }
  if (load.kind === 'error') {
    return (
      <Message title="页面暂时打不开">
        <p>{load.message}</p>
        <button type="button" className="pm-button pm-button-primary" onClick={() => void fetchPage()}>
          重新加载
        </button>
      </Message>
    );
  }
  const { page } = load;
  if (receipt) return <Receipt receipt={receipt} page={page} />;
  return (
    <>
      <section className="pm-card pm-intro" aria-labelledby="page-title">
        <h1 id="page-title">{page.title}</h1>
        <p className="pm-unit">发布单位：{page.unitName}</p>
        {page.intro
          .split(/\n+/)
          .filter(Boolean)
          .map((para, i) => (
            <p key={i}>{para}</p>
          ))}
        {page.closesAt && page.state === 'open' ? (
          <p className="pm-deadline">报名截止：{formatTime(page.closesAt)}</p>
        ) : null}
      </section>
      {page.state === 'open' ? (
        <div className="pm-card">
          <SignupForm page={page} channel={channel} onConflict={fetchPage} onDone={setReceipt} />
        </div>
      ) : page.state === 'not_yet' ? (
        <Message title="报名尚未开始">
          <p>
            {page.opensAt
              ? `报名将于 ${formatTime(page.opensAt)} 开始，请届时再来。`
              : '报名尚未开始，请稍后再来。'}
          </p>
        </Message>
      ) : (
        <Message title="报名已结束">
          <p>本次招募已经结束，感谢关注。已经报名的，可以凭回执码查询进度。</p>
          <a className="pm-button pm-button-secondary" href="/m/r">
            查询报名进度
          </a>
        </Message>
      )}
    </>
  );
}
