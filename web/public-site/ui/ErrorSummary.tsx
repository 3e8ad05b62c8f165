import { forwardRef, type MouseEvent } from 'react';
import type { FieldErrors } from '../signup/form-model';

// Form order, so the summary and the focus follow the page from top to bottom.
const ORDER = [
  'name',
  'gender',
  'birthDate',
  'idNumber',
  'guardianName',
  'guardianRelation',
  'guardianConsent',
  'phone',
  'placeUnitId',
  'categoryId',
  'field',
  'platformOrg',
  'worksLinks',
  'needs',
  'needsText',
  'dream',
  'consent',
  'noticeId',
];

const rank = (key: string) => {
  const i = ORDER.indexOf(key.split('.')[0]);
  return i < 0 ? ORDER.length : i;
};

/** The control an error belongs to. */
export function fieldElementId(key: string): string {
  const link = /^worksLinks\.(\d+)\.(url|title)$/.exec(key);
  if (link) return `works-${link[1]}-${link[2]}`;
  if (key === 'placeUnitId') return 'place-0';
  if (key === 'gender') return 'gender-male';
  if (key === 'noticeId') return 'consent';
  return key;
}

function ordered(errors: FieldErrors) {
  return Object.entries(errors)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .sort((a, b) => rank(a[0]) - rank(b[0]));
}

export function focusField(errors: FieldErrors) {
  const first = ordered(errors)[0];
  const el = first && document.getElementById(fieldElementId(first[0]));
  if (el) {
    el.focus();
    el.scrollIntoView({ block: 'center' });
  }
}

/** Everything that stops the form, at its top: the server's message and each field's, linked to the field. */
export const ErrorSummary = forwardRef<HTMLDivElement, { errors: FieldErrors; message: string | null }>(
  function ErrorSummary({ errors, message }, ref) {
    const list = ordered(errors);
    const go = (event: MouseEvent, key: string) => {
      event.preventDefault();
      document.getElementById(fieldElementId(key))?.focus();
    };
    return (
      <div ref={ref} tabIndex={-1} className={message || list.length ? 'pm-summary' : 'pm-summary-empty'}>
        {message || list.length ? (
          <>
            {/* Announced when the server refuses; the page's own findings are read at each field, which gets the focus. */}
            <p className="pm-summary-title" role={message ? 'alert' : undefined}>
              {message ?? `还有 ${list.length} 处需要填写或修改：`}
            </p>
            {list.length ? (
              <ul>
                {list.map(([key, text]) => (
                  <li key={key}>
                    <a href={`#${fieldElementId(key)}`} onClick={(e) => go(e, key)}>
                      {text}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>
    );
  },
);
