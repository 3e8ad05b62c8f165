import type { ReactNode } from 'react';

/** One label-value row; a row whose value is absent is left out. */
export type Fact = readonly [label: string, value: ReactNode] | null | false;

/** The label-value list at the top of a status card. */
export function Facts({ rows }: { rows: readonly Fact[] }) {
  return (
    <dl className="pm-facts">
      {rows.map((row) =>
        row ? (
          <div key={row[0]}>
            <dt>{row[0]}</dt>
            <dd>{row[1]}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}
