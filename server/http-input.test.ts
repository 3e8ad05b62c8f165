import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { createTestContext, createUser, login, type Agent, type TestContext } from './test/harness';

/** Cookie and CSRF headers of a signed-in operator (one step: operators need no second factor). */
async function sessionHeaders(user: { username: string; password: string }) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: user });
  expect(res.json().stage).toBe('full');
  return {
    cookie: `zm_sid=${res.cookies.find((c) => c.name === 'zm_sid')!.value}`,
    'x-csrf-token': res.json().csrfToken as string,
  };
}

/** Issue 13 §10 and §13: byte-exact input, one origin for writes, the API's map behind sign-in, one answer for out-of-scope ids. */
let t: TestContext;
let nanchang: Agent;
let nanchangHeaders: { cookie: string; 'x-csrf-token': string };

beforeAll(async () => {
  t = await createTestContext();
  const user = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
  nanchang = await login(t, user);
  nanchangHeaders = await sessionHeaders(user);
});
afterAll(async () => {
  await t?.close();
});

const chinese = /^[^A-Za-z]*[\u4e00-\u9fff][^A-Za-z]*$/;

describe('encodings', () => {
  it('refuses a JSON body that is not valid UTF-8 instead of storing "�"', async () => {
    const payload = Buffer.concat([Buffer.from('{"name":"张'), Buffer.from([0xe4, 0xb8]), Buffer.from('"}')]);
    const res = await nanchang.request({
      method: 'POST',
      url: '/api/youth',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toEqual({
      code: 'bad_encoding',
      message: '提交的内容含有无效的字符编码（须为 UTF-8）',
    });
    const found = await nanchang.post('/api/youth/search', { q: '张' });
    expect(found.json().total).toBe(0);
  });

  it('still takes rare characters, a BOM and the usual JSON', async () => {
    const name = '𠮷野家';
    const res = await nanchang.request({
      method: 'POST',
      url: '/api/youth',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ name }))]),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().youth.name).toBe(name);
  });

  it('refuses prototype poisoning in a body as before', async () => {
    const res = await nanchang.request({
      method: 'POST',
      url: '/api/youth/search',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"admin":true}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(chinese);
  });

  it('refuses a path that is not valid percent-encoded UTF-8 with 400 in Chinese and our headers', async () => {
    for (const url of ['/api/youth/%E0%A4%A', '/api/youth/%FF', '/%C0%AF']) {
      const res = await nanchang.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toEqual({ code: 'bad_url', message: '请求地址的编码有误' });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    }
  });
});

describe('numbers past their column', () => {
  it('refuse an id or a filter beyond a PostgreSQL integer with 400 in Chinese, not a 500', async () => {
    const byId = await nanchang.get('/api/youth/2147483648');
    expect(byId.statusCode).toBe(400);
    expect(byId.json().message).toMatch(chinese);
    const byFilter = await nanchang.get('/api/training/classes?unitId=2147483648');
    expect(byFilter.statusCode).toBe(400);
    expect(byFilter.json()).toEqual({ code: 'out_of_range', message: '数值超出允许的范围' });
  });
});

describe('origin of writes', () => {
  const write = (agent: Agent, headers: Record<string, string>) =>
    agent.request({ method: 'POST', url: '/api/youth/search', payload: {}, headers });

  it('refuses a write whose Origin is another site, or null, with 403 in Chinese', async () => {
    for (const origin of [
      'https://evil.example',
      'http://localhost.evil.example',
      'null',
      'http://localhost:8080',
    ]) {
      const res = await write(nanchang, { origin });
      expect(res.statusCode, origin).toBe(403);
      expect(res.json(), origin).toEqual({ code: 'csrf', message: '拒绝跨站请求' });
    }
  });

  it("accepts the server's own origin, with or without the default port, and no Origin at all", async () => {
    expect((await write(nanchang, { origin: 'http://localhost' })).statusCode).toBe(200);
    expect((await write(nanchang, { origin: 'http://LOCALHOST:80', host: 'localhost' })).statusCode).toBe(
      200,
    );
    expect((await write(nanchang, {})).statusCode).toBe(200);
    // Reads are not writes: a cross-origin GET is the browser's business (no CORS headers are sent).
    expect(
      (
        await nanchang.request({
          method: 'GET',
          url: '/api/auth/me',
          headers: { origin: 'https://evil.example' },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('behind a trusted proxy, judges by X-Forwarded-Proto and X-Forwarded-Host; untrusted, ignores them', async () => {
    const forwarded = {
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'zm.example.cn',
      origin: 'https://zm.example.cn',
    };
    const proxied = await buildApp({ config: { ...t.config, trustProxy: true }, db: t.db, keys: t.keys });
    await proxied.ready();
    try {
      const viaProxy = (origin: string) =>
        proxied.inject({
          method: 'POST',
          url: '/api/youth/search',
          payload: {},
          headers: { ...forwarded, origin, ...nanchangHeaders },
        });
      expect((await viaProxy('https://zm.example.cn')).statusCode).toBe(200);
      expect((await viaProxy('http://zm.example.cn')).statusCode).toBe(403);
    } finally {
      await proxied.close();
    }
    expect((await write(nanchang, forwarded)).statusCode).toBe(403);
  });
});

describe("the API's map", () => {
  it('is served to signed-in users only', async () => {
    for (const url of ['/api/openapi.json', '/api/docs', '/api/docs/json', '/api/docs/static/index.html']) {
      const anonymous = await t.app.inject({ url });
      expect(anonymous.statusCode, url).toBe(401);
      expect(anonymous.json().message, url).toMatch(chinese);
      expect((await nanchang.get(url)).statusCode, url).toBeLessThan(400);
    }
    expect((await nanchang.get('/api/openapi.json')).json().info.title).toBe('筑梦 API');
  });
});

describe('selected ids outside the scope', () => {
  it('refuse an export exactly as they refuse a batch action: 404, nothing written', async () => {
    const other = await login(t, await createUser(t, { role: 'operator', unitCode: '330100', totp: false }));
    const theirs = (await other.post('/api/youth', { name: '杭州青年' })).json().youth.id as number;
    const mine = (await nanchang.post('/api/youth', { name: '南昌青年' })).json().youth.id as number;
    const batch = await nanchang.post('/api/youth-batch/tags', {
      ids: [mine, theirs],
      action: 'add',
      tag: '试',
    });
    const exported = await nanchang.post('/api/youth/export', { ids: [mine, theirs] });
    expect(batch.statusCode).toBe(404);
    expect(exported.statusCode).toBe(404);
    expect(exported.json()).toEqual(batch.json());
    expect(exported.body).not.toContain('杭州');
    const own = await nanchang.post('/api/youth/export', { ids: [mine, mine] });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toContain('spreadsheetml');
  });
});
