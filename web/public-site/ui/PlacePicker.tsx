import { useEffect, useState } from 'react';
import { publicApi, type Place } from '../api';
import { SelectField } from './fields';

const LEVELS = [
  { label: '省份', placeholder: '请选择省份' },
  { label: '城市', placeholder: '请选择城市' },
  { label: '区县', placeholder: '请选择区县（可不选）' },
];

/**
 * 所在地 as 省 → 市 → 县, each list fetched only when the one above is chosen (the unit tree is too big
 * to ship with the page). `value` holds the chosen ids from the top; `id` names the controls (`<id>-0` is
 * the first list, `<id>-error` the error).
 */
export function PlacePicker(p: {
  id: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
}) {
  const [lists, setLists] = useState<(Place[] | null)[]>([null, null, null]);
  const [failed, setFailed] = useState(false);

  const load = (level: number, parent?: number) => {
    publicApi
      .places(parent)
      .then((r) => setLists((old) => old.map((l, i) => (i === level ? r.items : i > level ? null : l))))
      .catch(() => setFailed(true));
  };

  useEffect(() => {
    publicApi
      .places()
      .then((r) => setLists((old) => [r.items, ...old.slice(1)]))
      .catch(() => setFailed(true));
  }, []);

  const choose = (level: number, id: string) => {
    const next = [...p.value.slice(0, level), id].filter(Boolean);
    p.onChange(next);
    setLists((old) => old.map((l, i) => (i > level ? null : l)));
    const place = lists[level]?.find((x) => String(x.id) === id);
    if (place?.hasChildren && level < LEVELS.length - 1) load(level + 1, place.id);
  };

  return (
    <fieldset className="pm-fieldset pm-group" aria-describedby={p.error ? `${p.id}-error` : undefined}>
      <legend className="pm-label">所在地</legend>
      {failed ? (
        <p className="pm-error" role="alert">
          地区列表加载失败，请刷新页面重试
        </p>
      ) : null}
      {LEVELS.map((level, i) =>
        i === 0 || lists[i] ? (
          <SelectField
            key={level.label}
            id={`${p.id}-${i}`}
            label={level.label}
            placeholder={lists[i] ? level.placeholder : '加载中…'}
            disabled={!lists[i]}
            value={p.value[i] ?? ''}
            options={(lists[i] ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
            onChange={(id) => choose(i, id)}
          />
        ) : null,
      )}
      {p.error ? (
        <p className="pm-error" id={`${p.id}-error`}>
          {p.error}
        </p>
      ) : null}
    </fieldset>
  );
}
