import { useCallback, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { PublicApiError } from '../api';
import { Message } from './Shell';

type Load<T> =
  { kind: 'loading' } | { kind: 'missing' } | { kind: 'error'; message: string } | { kind: 'ready'; data: T };

type Missing = { title: string; text: ReactNode };

/**
 * Loads a public page by its slug and titles the tab after it. Until the page is there, `fallback` is
 * what to show instead: loading, not found (with the caller's wording) or a retry on failure.
 */
export function usePageLoad<T extends { title: string; unitName: string }>(
  fetch: (slug: string) => Promise<T>,
  slug: string,
  missing: Missing,
): { data: T | null; reload: () => Promise<T | null>; fallback: ReactElement | null } {
  const [load, setLoad] = useState<Load<T>>({ kind: 'loading' });

  const reload = useCallback(
    () =>
      fetch(slug).then(
        (data) => {
          setLoad({ kind: 'ready', data });
          document.title = `${data.title} · ${data.unitName}`;
          return data;
        },
        (err: unknown) => {
          if (err instanceof PublicApiError && (err.status === 404 || err.status === 400))
            setLoad({ kind: 'missing' });
          else setLoad({ kind: 'error', message: err instanceof Error ? err.message : '页面加载失败' });
          return null;
        },
      ),
    [fetch, slug],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  if (load.kind === 'ready') return { data: load.data, reload, fallback: null };
  if (load.kind === 'loading') {
    return {
      data: null,
      reload,
      fallback: (
        <section className="pm-card pm-loading" aria-busy="true">
          <p role="status">正在加载…</p>
        </section>
      ),
    };
  }
  if (load.kind === 'missing') {
    return {
      data: null,
      reload,
      fallback: (
        <Message title={missing.title}>
          <p>{missing.text}</p>
        </Message>
      ),
    };
  }
  return {
    data: null,
    reload,
    fallback: (
      <Message title="页面暂时打不开">
        <p>{load.message}</p>
        <button type="button" className="pm-button pm-button-primary" onClick={() => void reload()}>
          重新加载
        </button>
      </Message>
    ),
  };
}
