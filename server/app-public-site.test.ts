import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { createTestContext, type TestContext } from './test/harness';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('the public site (/m/…)', () => {
  it('answers with its own shell, the cadres’ app elsewhere, both with the same headers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-web-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>cadres</title>');
    fs.writeFileSync(path.join(dir, 'm.html'), '<!doctype html><title>public</title>');
    const app = await buildApp({ config: t.config, db: t.db, keys: t.keys, webDir: dir });
    await app.ready();
    try {
      const headers = new Map<string, string | undefined>();
      for (const [url, title] of [
        ['/m', 'public'],
        ['/m/r', 'public'],
        ['/m/s/abc123def?ch=wechat', 'public'],
        ['/', 'cadres'],
        ['/youth', 'cadres'],
        ['/mentors', 'cadres'],
      ]) {
        const res = await app.inject({ url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toContain(`<title>${title}</title>`);
        expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
        for (const name of [
          'content-security-policy',
          'x-content-type-options',
          'x-frame-options',
          'referrer-policy',
        ]) {
          const value = res.headers[name] as string | undefined;
          expect(value, `${url} ${name}`).toBeTruthy();
          if (headers.has(name)) expect(value, `${url} ${name}`).toBe(headers.get(name));
          else headers.set(name, value);
        }
      }
      expect(headers.get('content-security-policy')).toContain("script-src 'self'");
      expect((await app.inject({ url: '/api/m/nowhere' })).statusCode).toBe(404);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
