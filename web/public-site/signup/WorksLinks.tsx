import type { FieldErrors } from '../ui/person';
import { MAX_WORKS_LINKS } from './form-model';

type Link = { title: string; url: string };

/** Up to ten links to the person's works (a video, an article, a shop page…). */
export function WorksLinks(p: { value: Link[]; onChange: (value: Link[]) => void; errors: FieldErrors }) {
  const set = (i: number, patch: Partial<Link>) =>
    p.onChange(p.value.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset className="pm-fieldset pm-group">
      <legend className="pm-label">作品链接</legend>
      <p className="pm-hint" id="works-hint">
        可填写作品、账号主页等链接，最多 {MAX_WORKS_LINKS} 个
      </p>
      {p.value.map((link, i) => {
        const urlError = p.errors[`worksLinks.${i}.url`];
        const titleError = p.errors[`worksLinks.${i}.title`];
        return (
          <div className="pm-link-row" key={i}>
            <div className="pm-field">
              <label className="pm-label pm-label-sub" htmlFor={`works-${i}-title`}>
                第 {i + 1} 个作品名称
              </label>
              <input
                id={`works-${i}-title`}
                value={link.title}
                maxLength={100}
                autoComplete="off"
                aria-invalid={titleError ? true : undefined}
                aria-describedby={titleError ? `works-${i}-title-error` : undefined}
                onChange={(e) => set(i, { title: e.target.value })}
              />
              {titleError ? (
                <p className="pm-error" id={`works-${i}-title-error`}>
                  {titleError}
                </p>
              ) : null}
            </div>
            <div className="pm-field">
              <label className="pm-label pm-label-sub" htmlFor={`works-${i}-url`}>
                第 {i + 1} 个作品链接
              </label>
              <input
                id={`works-${i}-url`}
                type="url"
                inputMode="url"
                value={link.url}
                maxLength={500}
                autoComplete="off"
                placeholder="https://"
                aria-invalid={urlError ? true : undefined}
                aria-describedby={urlError ? `works-${i}-url-error` : undefined}
                onChange={(e) => set(i, { url: e.target.value })}
              />
              {urlError ? (
                <p className="pm-error" id={`works-${i}-url-error`}>
                  {urlError}
                </p>
              ) : null}
            </div>
            <button
              type="button"
              className="pm-button pm-button-plain"
              onClick={() => p.onChange(p.value.filter((_, j) => j !== i))}
            >
              删除第 {i + 1} 个链接
            </button>
          </div>
        );
      })}
      {p.value.length < MAX_WORKS_LINKS ? (
        <button
          type="button"
          className="pm-button pm-button-secondary"
          aria-describedby="works-hint"
          onClick={() => p.onChange([...p.value, { title: '', url: '' }])}
        >
          ＋ 添加作品链接
        </button>
      ) : null}
    </fieldset>
  );
}
