import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DrizzleQueryError } from 'drizzle-orm';
import type { Contract } from '../common/contract';
import { buildApp } from './app';
import { fieldLabel, fieldName } from './platform/http/field-names';
import { createTestContext, createUser, login, type TestContext } from './test/harness';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('answers at the edges', () => {
  it('answers an unknown API address with 404 {code, message}, for any method', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res = await t.app.inject({ method, url: '/api/nowhere?x=1' });
      expect(res.statusCode, method).toBe(404);
      expect(res.json()).toEqual({ code: 'not_found', message: `接口不存在：${method} /api/nowhere` });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('names every field of every contract in Chinese when it is invalid', async () => {
    const dir = path.join(import.meta.dirname, '../common/contracts');
    const contracts: Contract[] = [];
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
      const exported: Record<string, unknown> = await import(path.join(dir, file));
      contracts.push(...Object.values(exported).filter(isContract));
    }
    expect(contracts.length).toBeGreaterThan(200);
    const unnamed = new Set<string>();
    for (const c of contracts) {
      for (const part of [c.params, c.query, c.body]) {
        if (!part) continue;
        for (const { key, parent } of keysOf(part)) {
          if (!/[\u4e00-\u9fff]/.test(fieldName(c.path, key, parent) ?? '')) {
            unnamed.add(`${c.method} ${c.path}: ${parent ? parent + '.' : ''}${key}`);
          }
        }
      }
    }
    expect([...unnamed]).toEqual([]);

    expect(fieldLabel('/api/youth-batch/tags', ['tags', '2'])).toBe('标签第 3 项');
    expect(fieldLabel('/api/plans', ['sections', '0', 'tasks', '1', 'milestones', '0', 'title'])).toBe(
      '推进节点',
    );
    expect(fieldLabel('/api/report-submissions/:id', ['content', '活动场次'])).toBe('填报内容');
    expect(fieldLabel('/api/report-submissions/:id', ['content', 'constructor'])).toBe('填报内容');
    expect(fieldName('/api/youth/search', 'toString')).toBeUndefined();
    expect(fieldLabel('/api/mentors/:id', ['title'])).toBe('职务职称');
    expect(fieldLabel('/api/events/:id', ['title'])).toBe('活动名称');

    const root = await login(t, await createUser(t, { role: 'system_admin', unitCode: '000000' }));
    const res = await root.get('/api/audit?from=yesterday&pageSize=1000');
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toBe('每页条数：长度或数值过大；开始时间：日期时间格式不正确');
  });

  it('sends the security headers with the web app, its files and its fallbacks', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>筑梦</title>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const app = await buildApp({ config: t.config, db: t.db, keys: t.keys, webDir: dir });
    await app.ready();
    try {
      for (const url of ['/', '/assets/app.js', '/units/12', '/assets/missing.js', '/api/nowhere']) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBeLessThan(500);
        expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
        expect(res.headers['content-security-policy'], url).not.toMatch(/https?:\/\//);
        expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      }
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('logs', () => {
  it('carry neither query strings nor the values bound into a failed query', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = await buildApp({ config: t.config, db: t.db, keys: t.keys, logStream: stream });
    app.get('/api/boom', { config: { access: 'public' } }, async () => {
      const cause = Object.assign(new Error('duplicate key value violates unique constraint'), {
        code: '23505',
      });
      throw new DrizzleQueryError(
        'insert into youth (name, id_number) values ($1, $2)',
        ['张三', '36010219900101123X'],
        cause,
      );
    });
    await app.ready();
    try {
      const res = await app.inject({ url: '/api/boom?phone=13800138000' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ code: 'internal', message: '服务器内部错误，请稍后重试' });
      const log = lines.join('');
      expect(log).toContain('/api/boom');
      expect(log).toContain('23505');
      for (const secret of ['13800138000', '张三', '36010219900101123X']) expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});

describe('readiness', () => {
  it('turns not ready when the database goes away after having answered', async () => {
    const own = await createTestContext();
    expect((await own.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    await own.database.close();
    const res = await own.app.inject({ url: '/readyz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'not_ready', database: '无法连接' });
    await own.app.close();
  });
});

function isContract(c: unknown): c is Contract {
  return typeof c === 'object' && c !== null && 'access' in c && 'method' in c && 'path' in c;
}

/** Every object key at every depth of a request schema, with the key of the object holding it. */
function keysOf(schema: z.core.$ZodType, parent?: string, seen = new Set<unknown>()) {
  const found: { key: string; parent?: string }[] = [];
  if (seen.has(schema)) return found;
  seen.add(schema);
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const inner = (s: unknown, p = parent) => found.push(...keysOf(s as z.core.$ZodType, p, seen));
  switch (def.type) {
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, z.core.$ZodType>)) {
        found.push({ key, parent });
        inner(value, key);
      }
      if (def.catchall) inner(def.catchall);
      break;
    case 'array':
      inner(def.element);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      inner(def.innerType);
      break;
    case 'union':
      for (const option of def.options as unknown[]) inner(option);
      break;
    case 'intersection':
      inner(def.left);
      inner(def.right);
      break;
    case 'record':
      inner(def.valueType);
      break;
    case 'tuple':
      for (const item of def.items as unknown[]) inner(item);
      break;
    case 'pipe':
      inner(def.in);
      inner(def.out);
      break;
    case 'lazy':
      inner((def.getter as () => unknown)());
      break;
  }
  return found;
}
