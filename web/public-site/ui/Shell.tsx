import type { ReactNode } from 'react';

/** The frame of every public page: a restrained League-red band, then one column of content. */
export function Shell({ children }: { children: ReactNode }) {
  return (
    <>
      <header className="pm-top">
        <div className="pm-top-inner">
          <span className="pm-emblem" aria-hidden="true">
            团
          </span>
          <span className="pm-brand">筑梦 · 新兴青年服务</span>
        </div>
      </header>
      <main className="pm-main" id="main">
        {children}
      </main>
      <footer className="pm-footer">
        <a href="/m/r">查询报名进度</a>
        <span aria-hidden="true"> · </span>
        <a href="/m/w">查询作品状态</a>
        <span aria-hidden="true"> · </span>
        <span>共青团新兴青年群体工作平台</span>
      </footer>
    </>
  );
}

/** A page that is not a form: unknown link, not open yet, closed, failed to load. */
export function Message({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="pm-card pm-message" aria-labelledby="msg-title">
      <h1 id="msg-title">{title}</h1>
      {children}
    </section>
  );
}

/** Server dates are ISO instants; people here read Beijing time. */
export function formatTime(iso: string | null): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
