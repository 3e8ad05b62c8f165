import type { ShowcaseWork } from '../api';

/** 2026年5月4日: a day, in Beijing time for instants, as written for a plain date. */
export function formatDay(value: string): string {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${Number(plain[1])}年${Number(plain[2])}月${Number(plain[3])}日`;
  return new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).format(new Date(value));
}

export const unitHome = (code: string) => `/m/u/${code}`;

/** 王** · 南昌市东湖区: the masked people (or the group) and the place, as on the results page. */
export function byline(w: Pick<ShowcaseWork, 'names' | 'groupName' | 'place'>): string {
  const people = w.groupName ? `${w.groupName}（${w.names.join('、')}）` : w.names.join('、');
  return [people, w.place].filter(Boolean).join(' · ');
}

/** One showcased work in the unit page's grid: its picture (or its category), title, award and people. */
export function WorkTile({ code, work }: { code: string; work: ShowcaseWork }) {
  return (
    <li className="pm-tile">
      <a className="pm-tile-link" href={`${unitHome(code)}/w/${work.entryId}`}>
        {work.thumbnailPath ? (
          <img className="pm-tile-image" src={work.thumbnailPath} alt="" loading="lazy" decoding="async" />
        ) : (
          <span className="pm-tile-image pm-tile-placeholder" aria-hidden="true">
            {work.categoryLabel}
          </span>
        )}
        <span className="pm-tile-body">
          {work.awardLabel && <span className="pm-award">{work.awardLabel}</span>}
          <strong className="pm-tile-title">{work.title}</strong>
          <span className="pm-tile-meta">{byline(work)}</span>
        </span>
      </a>
      {work.note && <p className="pm-tile-note">“{work.note}”</p>}
    </li>
  );
}

/** Back to the unit's page, at the top of a work or a story. */
export function BackLink({ code, unitName }: { code: string; unitName: string }) {
  return (
    <p className="pm-back">
      <a href={unitHome(code)}>‹ 返回{unitName}主页</a>
    </p>
  );
}
