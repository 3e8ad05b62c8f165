import fs from 'node:fs';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { SORT_KEYS, type Contract } from '../common/contract';
import { createTestContext, createUser, login, type Agent, type TestContext } from './test/harness';

/**
 * Every list route, found from the contracts (GET with a query that pages or sorts, POST whose body
 * does), fed hostile sort, filter and page values: a 400 in Chinese or a 200, never a 500.
 */
const CONTRACTS_DIR = path.join(import.meta.dirname, '../common/contracts');
const LIST_KEYS = ['sort', 'page', 'pageSize'];
const HOSTILE_SORTS = [
  '__proto__',
  '-__proto__',
  'constructor',
  '-constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
];
/** Query strings: prototype keys, numbers out of range, huge, repeated (an array). */
const HOSTILE_QUERY: (string | string[])[] = [
  '__proto__',
  'constructor',
  'toString',
  '-1',
  '1e309',
  'NaN',
  '9'.repeat(400),
  // Past a PostgreSQL integer column, yet a safe integer for JavaScript.
  '2147483648',
  'x'.repeat(5000),
  ['1', '2'],
  ['__proto__', 'x'],
];
/** JSON bodies: the same, and the types JSON adds (1e309 goes out as the literal, parsed to Infinity). */
const HOSTILE_JSON: unknown[] = [
  '__proto__',
  'constructor',
  '-1',
  'x'.repeat(5000),
  '1e309',
  -1,
  2147483648,
  Number.MAX_SAFE_INTEGER + 2,
  0.5,
  true,
  null,
  [],
  ['__proto__'],
  {},
  { constructor: { prototype: { polluted: true } } },
];

type Shape = Record<string, z.ZodType>;
type Def = { type: string; shape?: Shape; innerType?: z.ZodType; in?: z.ZodType };

/** The object behind optional / default / pipe wrappers, or nothing when the schema is not one. */
function shapeOf(schema: z.ZodType | undefined): Shape | undefined {
  let s = schema;
  for (let i = 0; s && i < 5; i++) {
    const def = (s as unknown as { _zod: { def: Def } })._zod.def;
    if (def.type === 'object') return def.shape;
    s = def.innerType ?? def.in;
  }
  return undefined;
}

async function listContracts(): Promise<Contract[]> {
  const found: Contract[] = [];
  for (const file of fs.readdirSync(CONTRACTS_DIR).filter((f) => f.endsWith('.ts'))) {
    const mod = (await import(path.join(CONTRACTS_DIR, file))) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      if (typeof v === 'object' && v !== null && 'access' in v && 'method' in v && 'path' in v) {
        found.push(v as Contract);
      }
    }
  }
  const isList = (c: Contract) => {
    const keys = Object.keys(shapeOf(c.method === 'GET' ? c.query : c.body) ?? {});
    return (
      (c.method === 'GET' || c.method === 'POST') && !c.upload && keys.some((k) => LIST_KEYS.includes(k))
    );
  };
  return found.filter(isList);
}

let t: TestContext;
let admin: Agent;
let lists: Contract[];

beforeAll(async () => {
  t = await createTestContext();
  admin = await login(t, await createUser(t, { role: 'system_admin', unitCode: '000000' }));
  lists = await listContracts();
});
afterAll(async () => {
  await t?.close();
});

const urlOf = (c: Contract) => c.path.replace(/:[A-Za-z]+/g, '1');

function send(c: Contract, key: string, value: unknown, nestedIn?: string): Promise<LightMyRequestResponse> {
  if (c.method === 'GET') {
    const values = Array.isArray(value) ? value : [value];
    const query = values.map((v) => `${key}=${encodeURIComponent(String(v))}`).join('&');
    return admin.get(`${urlOf(c)}?${query}`);
  }
  const field = `"${key}":${value === '1e309' ? '1e309' : JSON.stringify(value)}`;
  const payload = nestedIn ? `{"${nestedIn}":{${field}}}` : `{${field}}`;
  return admin.request({
    method: 'POST',
    url: urlOf(c),
    headers: { 'content-type': 'application/json' },
    payload,
  });
}

function expectRefusedInChineseOrFine(res: LightMyRequestResponse, what: string) {
  expect(res.statusCode, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const message = String(res.json().message);
    expect(message, what).toMatch(/[\u4e00-\u9fff]/);
    // The refusal names the problem, it does not echo what was sent.
    for (const echoed of ['__proto__', 'constructor', 'xxxxxxxx', '99999999'])
      expect(message, what).not.toContain(echoed);
  }
}

describe('list routes under hostile query values', () => {
  it('leaves no prototype polluted', () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('finds the list routes of every module', () => {
    const paths = lists.map((c) => `${c.method} ${c.path}`);
    expect(paths).toEqual(
      expect.arrayContaining(['GET /api/accounts', 'POST /api/youth/search', 'POST /api/youth/export']),
    );
    expect(lists.length).toBeGreaterThan(30);
  });

  it("refuses a sort key that is not one of the route's own with 400 in Chinese", async () => {
    const failures: string[] = [];
    for (const c of lists) {
      const shape = shapeOf(c.method === 'GET' ? c.query : c.body) ?? {};
      if (!('sort' in shape)) continue;
      for (const sort of [...HOSTILE_SORTS, 'x'.repeat(5000), 'name;drop table youth']) {
        const res = await send(c, 'sort', sort);
        const what = `${c.method} ${c.path} sort=${sort.slice(0, 20)}`;
        if (res.statusCode !== 400 || !/排序/.test(res.json().message))
          failures.push(`${what} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('sorts by every key its contract lists, both ways, without a 500 or a refused sort', async () => {
    const failures: string[] = [];
    for (const c of lists) {
      const sort = (shapeOf(c.method === 'GET' ? c.query : c.body) ?? {}).sort;
      for (const key of (sort && SORT_KEYS.get(sort)) ?? []) {
        for (const value of [key, `-${key}`]) {
          const res = await send(c, 'sort', value);
          const refusedSort = res.statusCode === 400 && /排序/.test(res.body);
          if (res.statusCode >= 500 || refusedSort)
            failures.push(`${c.method} ${c.path} sort=${value} → ${res.statusCode}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it(
    'answers hostile filter and page values with 400 in Chinese or 200, never a 500',
    { timeout: 300_000 },
    async () => {
      for (const c of lists) {
        const shape = shapeOf(c.method === 'GET' ? c.query : c.body) ?? {};
        for (const key of Object.keys(shape)) {
          const values = c.method === 'GET' ? HOSTILE_QUERY : HOSTILE_JSON;
          for (const value of values) {
            const res = await send(c, key, value);
            expectRefusedInChineseOrFine(
              res,
              `${c.method} ${c.path} ${key}=${JSON.stringify(value)?.slice(0, 30)}`,
            );
          }
          // One level down: the export's `filter` object carries the list's filters.
          const inner = c.method === 'POST' ? shapeOf(shape[key]) : undefined;
          for (const sub of Object.keys(inner ?? {})) {
            for (const value of HOSTILE_JSON) {
              const res = await send(c, sub, value, key);
              expectRefusedInChineseOrFine(
                res,
                `${c.method} ${c.path} ${key}.${sub}=${JSON.stringify(value)?.slice(0, 30)}`,
              );
            }
          }
        }
      }
    },
  );
});
