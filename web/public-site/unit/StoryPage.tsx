import { useCallback } from 'react';
import { publicApi } from '../api';
import { usePageLoad } from '../ui/usePageLoad';
import { BackLink, formatDay } from './parts';
import './unit.css';

const MISSING = { title: '故事不存在', text: '这篇青年故事不存在，或已经撤下。' };

/** /m/u/<code>/s/<id>: a published story, its paragraphs as plain text. */
export function StoryPage({ code, id }: { code: string; id: number }) {
  const fetch = useCallback((c: string) => publicApi.unitStory(c, id), [id]);
  const { data, fallback } = usePageLoad(fetch, code, MISSING);
  if (!data) return fallback;
  return (
    <>
      <BackLink code={code} unitName={data.unitName} />
      <article className="pm-card pm-story">
        {data.coverPath && <img className="pm-story-hero" src={data.coverPath} alt="" />}
        <p className="pm-unit">青年故事 · {formatDay(data.publishedAt)}</p>
        <h1>{data.title}</h1>
        {data.summary && <p className="pm-story-lead">{data.summary}</p>}
        {data.paragraphs.map((p, i) => (
          <p key={i}>{p}</p>
        ))}
        {data.workPath && (
          <a className="pm-button pm-button-secondary" href={data.workPath}>
            查看作品
          </a>
        )}
      </article>
    </>
  );
}
