import { z } from 'zod';
import type { Access } from './access';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One endpoint: the server validates and documents with it, the web client calls through it.
 * `access` is mandatory, so no route exists without a named permission.
 */
export type Contract<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  method: HttpMethod;
  path: string;
  access: Access;
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** Responses that are files (exports): the response schema describes nothing; the body is binary. */
  binary?: boolean;
  /**
   * The request is multipart/form-data with one file in the field `file`; `body` then describes the
   * other (text) fields. The server streams the file to a temporary path, never into memory.
   */
  upload?: { maxBytes: number };
  /**
   * The most a JSON body may weigh, in bytes, when the app-wide default (about 1 MB) is not enough.
   * Checked against Content-Length before the body is read, and while it streams.
   */
  bodyLimit?: number;
};

export function defineContract<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodType,
>(c: Contract<P, Q, B, R>): Contract<P, Q, B, R> {
  return c;
}

type Defined<T> = Exclude<T, undefined>;
type Part<S, K extends string, Required extends boolean> =
  Defined<S> extends z.ZodUndefined
    ? object
    : Defined<S> extends z.ZodType
      ? Required extends true
        ? { [P in K]: z.input<Defined<S>> }
        : { [P in K]?: z.input<Defined<S>> }
      : object;

/** What a call needs, read from the contract: params and body required when the contract has them. */
export type ContractInput<C extends Contract> = Part<C['params'], 'params', true> &
  Part<C['query'], 'query', false> &
  Part<C['body'], 'body', true>;

export type ContractOutput<C extends Contract> = z.output<C['response']>;

/** Ids are PostgreSQL integers: a larger number names nothing and is refused before any query. */
export const ID_MAX = 2_147_483_647;
export const idParams = z.object({ id: z.coerce.number().int().positive().max(ID_MAX) });

export const okResponse = z.object({ ok: z.literal(true) });

/**
 * `field` or `-field`, one of `keys`, else 400. Server code looks sort keys up in plain objects,
 * where `__proto__` or `constructor` would find something: only the keys listed here get that far.
 */
export function sortParam(keys: readonly string[]) {
  const allowed = new Set(keys.flatMap((k) => [k, `-${k}`]));
  const schema = z
    .string()
    .max(64)
    .refine((v) => allowed.has(v), { error: keys.length ? '不支持按该字段排序' : '该列表不支持排序' })
    .optional();
  SORT_KEYS.set(schema, keys);
  return schema;
}

/** The keys each sortParam allows, for the test that tries every one of them against its route. */
export const SORT_KEYS = new WeakMap<z.ZodType, readonly string[]>();

/** List conventions shared by every list endpoint: page, pageSize; a list that sorts uses sortedPageQuery. */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: sortParam([]),
});

/** A paged list sorted by one of `keys` (as `key` or `-key`). */
export const sortedPageQuery = (keys: readonly string[]) => pageQuery.extend({ sort: sortParam(keys) });

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const errorBody = z.object({
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Optimistic concurrency: every update carries the version it was read at. */
export const versioned = z.object({ version: z.number().int().positive() });

/** Exports of personal data: unmasked only with a reason of at least four characters, which the server logs. */
export function unmaskReasonRequired<S extends z.ZodType<{ unmasked: boolean; reason?: string }>>(schema: S) {
  return schema.refine((b) => !b.unmasked || (b.reason ?? '').length >= 4, {
    message: '导出未脱敏数据须填写原因（至少 4 个字）',
    path: ['reason'],
  });
}
