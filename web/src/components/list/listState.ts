import { useCallback, useMemo, useState } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import type { Filters, FilterValue, QueryField } from './types';

export type ListState = { filters: Filters; page: number; pageSize: number; sort?: string };

const RANGE_FORMAT = 'YYYY-MM-DDTHH:mm:ss';

export function emptyFilters(fields: QueryField[]): Filters {
  const filters: Filters = {};
  for (const f of fields) {
    filters[f.name] = f.type === 'custom' ? f.initialValue : undefined;
    if (f.type === 'unit' && f.descendantsName) filters[f.descendantsName] = true;
  }
  return filters;
}

/** Trimmed text, and empty text as no filter at all. */
export function normalizeFilters(values: Filters): Filters {
  const out: Filters = {};
  for (const [key, value] of Object.entries(values)) {
    const v = typeof value === 'string' ? value.trim() : value;
    out[key] = v === '' || v === null ? undefined : v;
  }
  return out;
}

function encode(value: FilterValue): string | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return `${value[0].format(RANGE_FORMAT)}~${value[1].format(RANGE_FORMAT)}`;
  return String(value);
}

function decode(field: QueryField, raw: string): FilterValue {
  switch (field.type) {
    case 'dateRange': {
      const [a, b] = raw.split('~').map((s) => dayjs(s));
      return a?.isValid() && b?.isValid() ? [a, b] : undefined;
    }
    case 'unit':
      return Number(raw) > 0 ? Number(raw) : undefined;
    case 'select': {
      const option = field.options.find((o) => String(o.value) === raw);
      return option?.value;
    }
    default:
      return raw === 'true' ? true : raw === 'false' ? false : raw;
  }
}

const privateNames = (fields: QueryField[]) =>
  fields.filter((f) => f.type === 'input' && f.private).map((f) => f.name);

function privateFilters(state: unknown): Filters {
  const held = (state as { listPrivate?: Filters } | null)?.listPrivate;
  return held && typeof held === 'object' ? held : {};
}

function readUrl(
  search: URLSearchParams,
  fields: QueryField[],
  initial: ListState,
  held: Filters,
): ListState {
  const filters = { ...initial.filters };
  for (const name of privateNames(fields)) if (typeof held[name] === 'string') filters[name] = held[name];
  for (const f of fields) {
    const raw = f.type === 'input' && f.private ? null : search.get(f.name);
    if (raw !== null) filters[f.name] = decode(f, raw);
    if (f.type === 'unit' && f.descendantsName && search.get(f.descendantsName) === 'false') {
      filters[f.descendantsName] = false;
    }
  }
  const page = Number(search.get('page'));
  const size = Number(search.get('size'));
  return {
    filters,
    page: page > 0 ? page : initial.page,
    pageSize: size > 0 ? size : initial.pageSize,
    sort: search.get('sort') ?? initial.sort,
  };
}

function writeUrl(state: ListState, initial: ListState, hidden: string[]): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(state.filters)) {
    if (hidden.includes(key)) continue;
    const text = encode(value);
    if (text !== undefined && text !== encode(initial.filters[key])) search.set(key, text);
  }
  if (state.page !== 1) search.set('page', String(state.page));
  if (state.pageSize !== initial.pageSize) search.set('size', String(state.pageSize));
  if (state.sort && state.sort !== initial.sort) search.set('sort', state.sort);
  return search;
}

/** The list's applied query: in component state, or in the address bar when `syncUrl`. */
export function useListState(fields: QueryField[], initial: ListState, syncUrl: boolean) {
  const [local, setLocal] = useState(initial);
  const [search, setSearch] = useSearchParams();
  const { state: historyState } = useLocation();
  const fromUrl = useMemo(
    () => readUrl(search, fields, initial, privateFilters(historyState)),
    [search, fields, initial, historyState],
  );
  const state = syncUrl ? fromUrl : local;
  const setState = useCallback(
    (next: ListState) => {
      if (!syncUrl) return setLocal(next);
      const hidden = privateNames(fields);
      const listPrivate = Object.fromEntries(hidden.map((name) => [name, next.filters[name]]));
      setSearch(writeUrl(next, initial, hidden), { state: { listPrivate } });
    },
    [syncUrl, setSearch, initial, fields],
  );
  return [state, setState] as const;
}
