import type { Key, ReactNode } from 'react';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';

export type DateRange = [Dayjs, Dayjs];
export type FilterValue = string | number | boolean | DateRange | undefined;
export type Filters = Record<string, FilterValue>;

type FieldBase = { name: string; label: string };
export type SelectOption = { label: string; value: string | number };

/** One control of a list's query form. Values reach `fetch` as typed FilterValues. */
export type QueryField =
  /** `private`: with `syncUrl`, kept in the history entry instead of the address bar (ID numbers, phones). */
  | (FieldBase & { type: 'input'; placeholder?: string; private?: boolean })
  | (FieldBase & { type: 'select'; options: SelectOption[]; placeholder?: string; showSearch?: boolean })
  | (FieldBase & { type: 'dateRange'; showTime?: boolean })
  /** A unit; with `descendantsName`, a 含下级 checkbox (default on) whose value goes under that name. */
  | (FieldBase & { type: 'unit'; descendantsName?: string })
  /** `render` returns one control element: the form item passes it `value`, `onChange` and `id`. */
  | (FieldBase & { type: 'custom'; render: () => ReactNode; initialValue?: FilterValue });

export type ListParams = { page: number; pageSize: number; sort?: string; filters: Filters };
/** `totalIsEstimate`: the server stopped counting at `total`; the list shows “共 N+ 条”. */
export type ListResult<T> = { items: T[]; total: number; totalIsEstimate?: boolean };

export type BatchAction<T> = {
  key: string;
  label: string;
  danger?: boolean;
  /** When set, asked before running (the text of the confirm dialog). */
  confirm?: string;
  /**
   * Resolving to `false` means the user cancelled (e.g. closed the action's own dialog): nothing is said.
   * A string is the message to show instead of “已处理 N 项” (e.g. when some rows were skipped).
   */
  run: (keys: Key[], rows: T[], ctx: { shownColumns: string[] }) => Promise<unknown>;
};

/** `shownColumns`: the keys of the columns the user has not hidden, in order (exports follow them). */
export type ToolbarContext = { params: ListParams; reload: () => void; shownColumns: string[] };

export type ListPageProps<T extends object> = {
  /** Names the list: React Query cache key and where column settings are kept. */
  listKey: string;
  title: string;
  fields?: QueryField[];
  fetch: (params: ListParams) => Promise<ListResult<T>>;
  /** Every column needs a `key`: column settings and sorting go by it. */
  columns: ColumnsType<T>;
  rowKey: (row: T) => Key;
  toolbar?: (ctx: ToolbarContext) => ReactNode;
  batchActions?: BatchAction<T>[];
  defaultPageSize?: number;
  defaultSort?: string;
  /** Keep filters, page and sort in the address bar (back button, shared links). */
  syncUrl?: boolean;
};

export function textFilter(filters: Filters, name: string): string | undefined {
  const v = filters[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function numberFilter(filters: Filters, name: string): number | undefined {
  const v = filters[name];
  return typeof v === 'number' ? v : undefined;
}

export function boolFilter(filters: Filters, name: string): boolean | undefined {
  const v = filters[name];
  return typeof v === 'boolean' ? v : undefined;
}

export function rangeFilter(filters: Filters, name: string): DateRange | undefined {
  const v = filters[name];
  return Array.isArray(v) ? v : undefined;
}
