import { forwardRef, type MouseEvent } from 'react';
import type { FieldErrors } from './person';

/**
 * A form's error keys in the order its fields come (a key also covers the keys under it: `worksLinks`
 * covers `worksLinks.0.url`), and the control each key belongs to.
 */
export type FormFields = { order: readonly string[]; elementId: (key: string) => string };

function ordered(errors: FieldErrors, fields: FormFields) {
  const rank = (key: string) => {
    const i = fields.order.findIndex((o) => key === o || key.startsWith(`${o}.`));
    return i < 0 ? fields.order.length : i;
  };
  return Object.entries(errors)
    .filter((e): e is [string, string] => Boolean(e[1]))
    .sort((a, b) => rank(a[0]) - rank(b[0]));
}

/** Moves to the first wrong field, in form order. */
export function focusField(errors: FieldErrors, fields: FormFields) {
  const first = ordered(errors, fields)[0];
  const el = first && document.getElementById(fields.elementId(first[0]));
  if (el) {
    el.focus();
    el.scrollIntoView({ block: 'center' });
  }
}

type Props = { errors: FieldErrors; message: string | null; fields: FormFields };

/** Everything that stops the form, at its top: the server's message and each field's, linked to the field. */
export const ErrorSummary = forwardRef<HTMLDivElement, Props>(function ErrorSummary(
  { errors, message, fields },
  ref,
) {
  const list = ordered(errors, fields);
  const go = (event: MouseEvent, key: string) => {
    event.preventDefault();
    document.getElementById(fields.elementId(key))?.focus();
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
                  <a href={`#${fields.elementId(key)}`} onClick={(e) => go(e, key)}>
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
});
