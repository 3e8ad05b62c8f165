import { useCallback, useState } from 'react';
import { PublicApiError, publicApi, type Paged, type UnitPage as UnitData } from '../api';
import { formatTime } from '../ui/Shell';
import { usePageLoad } from '../ui/usePageLoad';
import { formatDay, unitHome, WorkTile } from './parts';
import './unit.css';

const MISSING = { title: '单位主页不存在', text: '请核对链接是否完整，或向发布的团组织询问正确的地址。' };

/** The next pages of a list that may be long: appended under the first one the page came with. */
function usePaged<T>(first: Paged<T>, more: (page: number) => Promise<Paged<T>>) {
  const [pages, setPages] = useState<Paged<T>[]>([first]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const last = pages[pages.length - 1];
  const items = pages.flatMap((p) => p.items);
  const loadMore = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await more(last.page + 1);
      setPages((p) => [...p, next]);
    } catch (e) {
      setError(e instanceof PublicApiError ? e.message : '加载失败，请重试');
    } finally {
      setBusy(false);
    }
  };
  return { items, total: first.total, hasMore: items.length < last.total, busy, error, loadMore };
}

function MoreButton({ paged, label }: { paged: ReturnType<typeof usePaged<unknown>>; label: string }) {
  if (!paged.hasMore && !paged.error) return null;
  return (
    <div className="pm-more">
      {paged.error && <p className="pm-form-failure">{paged.error}</p>}
      {paged.hasMore && (
        <button
          type="button"
          className="pm-button pm-button-secondary"
          disabled={paged.busy}
          onClick={() => void paged.loadMore()}
        >
          {paged.busy ? '正在加载…' : `${label}（共 ${paged.total} 项）`}
        </button>
      )}
    </div>
  );
}

/** /m/u/<code>: what a unit shows the public — open sign-ups and calls, events, chosen works, stories. */
export function UnitPage({ code }: { code: string }) {
  const fetch = useCallback(
    (c: string) => publicApi.unitPage(c).then((d) => ({ ...d, title: '单位主页' })),
    [],
  );
  const { data, fallback } = usePageLoad(fetch, code, MISSING);
  if (!data) return fallback;
  return <UnitContent data={data} />;
}

function UnitContent({ data }: { data: UnitData }) {
  const { code } = data;
  const works = usePaged(data.works, (p) => publicApi.unitWorks(code, p));
  const stories = usePaged(data.stories, (p) => publicApi.unitStories(code, p));
  const empty =
    !data.signupPages.length && !data.calls.length && !data.events.length && !works.total && !stories.total;
  return (
    <>
      <section className="pm-card pm-unit-head">
        <p className="pm-unit">单位主页</p>
        <h1>{data.orgName}</h1>
        <p className="pm-hint">{data.unitName}团组织发布的青年招募、作品征集、活动和青年作品。</p>
      </section>

      {empty && (
        <section className="pm-card pm-message" aria-labelledby="u-empty">
          <h2 id="u-empty">这里还没有公开的内容</h2>
          <p>团组织发布招募、征集或展示青年作品后，会显示在这里。欢迎稍后再来看看。</p>
          <a className="pm-button pm-button-secondary" href="/m/r">
            查询报名进度
          </a>
        </section>
      )}

      {data.signupPages.length > 0 && (
        <section className="pm-card" aria-labelledby="u-signup">
          <h2 id="u-signup">正在招募</h2>
          <ul className="pm-links">
            {data.signupPages.map((p) => (
              <li key={p.path}>
                <a className="pm-unit-row" href={p.path}>
                  <strong>{p.title}</strong>
                  {p.intro && <span className="pm-clamp">{p.intro}</span>}
                  <span className="pm-link-meta">
                    {p.closesAt ? `报名截止：${formatTime(p.closesAt)}` : '长期开放'}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {data.calls.length > 0 && (
        <section className="pm-card" aria-labelledby="u-calls">
          <h2 id="u-calls">正在征集</h2>
          <ul className="pm-links">
            {data.calls.map((c) => (
              <li key={c.path}>
                <a className="pm-unit-row" href={c.path}>
                  <strong>{c.title}</strong>
                  {c.theme && <span className="pm-clamp">主题：{c.theme}</span>}
                  <span className="pm-link-meta pm-deadline-soon">投稿截止：{formatTime(c.closesAt)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {data.events.length > 0 && (
        <section className="pm-card" aria-labelledby="u-events">
          <h2 id="u-events">巡演巡展与见面会</h2>
          <ul className="pm-events">
            {data.events.map((e) => (
              <li key={e.id}>
                <span className="pm-event-kind">{e.kindLabel}</span>
                <span className="pm-event-body">
                  <strong>{e.title}</strong>
                  <span className="pm-link-meta">
                    {[formatDay(e.date), e.place].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {works.total > 0 && (
        <section className="pm-card" aria-labelledby="u-works">
          <h2 id="u-works">作品展示</h2>
          <p className="pm-hint">经作者同意公开展示的青年作品，作者姓名部分隐去。</p>
          <ul className="pm-tiles">
            {works.items.map((w) => (
              <WorkTile key={w.entryId} code={code} work={w} />
            ))}
          </ul>
          <MoreButton paged={works} label="查看更多作品" />
        </section>
      )}

      {stories.total > 0 && (
        <section className="pm-card" aria-labelledby="u-stories">
          <h2 id="u-stories">青年故事</h2>
          <ul className="pm-stories">
            {stories.items.map((s) => (
              <li key={s.id}>
                <a className="pm-story-row" href={`${unitHome(code)}/s/${s.id}`}>
                  {s.coverPath && (
                    <img
                      className="pm-story-cover"
                      src={s.coverPath}
                      alt=""
                      loading="lazy"
                      decoding="async"
                    />
                  )}
                  <span className="pm-story-body">
                    <strong>{s.title}</strong>
                    {s.summary && <span className="pm-clamp">{s.summary}</span>}
                    <span className="pm-link-meta">{formatDay(s.publishedAt)}</span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
          <MoreButton paged={stories} label="查看更多故事" />
        </section>
      )}
    </>
  );
}
