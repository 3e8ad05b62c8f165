import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DrizzleQueryError } from 'drizzle-orm';
import type { Contract } from '../common/contract';
import * as accounts from '../common/contracts/accounts';
import * as audit from '../common/contracts/audit';
import * as auth from '../common/contracts/auth';
import * as dictionaries from '../common/contracts/dictionaries';
import * as home from '../common/contracts/home';
import * as system from '../common/contracts/system';
import * as units from '../common/contracts/units';
import { buildApp } from './app';
import { FIELD_NAMES } from './platform/http/error-handler';
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
    const modules = [accounts, audit, auth, dictionaries, home, system, units];
    const contracts = modules
      .flatMap((m) => Object.values(m))
      .filter((c): c is Contract => {
        return typeof c === 'object' && c !== null && 'access' in c && 'method' in c;
      });
    const fields = new Set<string>();
    for (const c of contracts) {
      for (const part of [c.params, c.query, c.body]) {
        if (part instanceof z.ZodObject) for (const key of Object.keys(part.shape)) fields.add(key);
      }
    }
    expect([...fields].filter((f) => !FIELD_NAMES[f])).toEqual([]);

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
