import { useCallback } from 'react';
import { publicApi, type ShowcaseWorkDetail } from '../api';
import { Facts } from '../ui/Facts';
import { usePageLoad } from '../ui/usePageLoad';
import { BackLink, byline } from './parts';
import './unit.css';

const MISSING = {
  title: '作品未展示',
  text: '这件作品没有在单位主页展示，或已经撤下。',
};

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** One file as the phone shows it: pictures inline, sound and film in the browser's own players, the rest to download. */
function WorkFile({ file, n }: { file: ShowcaseWorkDetail['files'][number]; n: number }) {
  if (file.kind === 'image') {
    return (
      <figure className="pm-work-figure">
        <img
          className="pm-work-image"
          src={file.path}
          alt={`作品图片 ${n}`}
          loading={n > 1 ? 'lazy' : 'eager'}
        />
      </figure>
    );
  }
  if (file.kind === 'video') {
    return (
      <video className="pm-work-video" src={file.path} controls preload="metadata" playsInline>
        <a href={file.path}>下载视频</a>
      </video>
    );
  }
  if (file.kind === 'audio') {
    return (
      <audio className="pm-work-audio" src={file.path} controls preload="metadata">
        <a href={file.path}>下载音频</a>
      </audio>
    );
  }
  return (
    <a className="pm-button pm-button-secondary pm-work-download" href={file.path}>
      下载 {file.label}（{size(file.size)}）
    </a>
  );
}

/** /m/u/<code>/w/<entry>: a showcased work with its files. */
export function WorkPage({ code, entryId }: { code: string; entryId: number }) {
  const fetch = useCallback((c: string) => publicApi.unitWork(c, entryId), [entryId]);
  const { data, fallback } = usePageLoad(fetch, code, MISSING);
  if (!data) return fallback;
  return (
    <>
      <BackLink code={code} unitName={data.unitName} />
      <article className="pm-card pm-work">
        <p className="pm-unit">{data.callTitle}</p>
        <h1>{data.title}</h1>
        {data.awardLabel && <p className="pm-award pm-award-large">{data.awardLabel}</p>}
        <Facts
          rows={[
            ['作者', byline({ ...data, place: null })],
            !!data.place && ['所在地', data.place],
            ['作品类别', data.categoryLabel],
          ]}
        />
        {data.note && (
          <blockquote className="pm-work-note">
            <span className="pm-work-note-label">推荐语</span>
            {data.note}
          </blockquote>
        )}
        {data.description && <p className="pm-work-description">{data.description}</p>}
        <div className="pm-work-files">
          {data.files.map((f, i) => (
            <WorkFile key={f.id} file={f} n={i + 1} />
          ))}
        </div>
      </article>
    </>
  );
}
