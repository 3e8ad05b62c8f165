import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, createUser, login, type Agent, type TestContext } from './test/harness';
import { DEFAULT_BODY_LIMIT, PUBLIC_BODY_LIMIT } from './platform/http/route';

/**
 * Issue 13 §2: bodies are bounded per route, refused on their declared length before they are
 * read, and a session that has only passed the password step reaches nothing but the sign-in steps.
 */
let t: TestContext;
let port: number;
let operator: Agent;
let operatorSession: Session;
let halfSignedIn: Session;

type Session = { cookie: string; csrf: string; stage: string };

/** The password step only: the session as it stands after it. */
async function passwordStep(user: { username: string; password: string }): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: user.username, password: user.password },
  });
  expect(res.statusCode, res.body).toBe(200);
  const token = res.cookies.find((c) => c.name === 'zm_sid')!.value;
  return { cookie: `zm_sid=${token}`, csrf: res.json().csrfToken, stage: res.json().stage };
}

beforeAll(async () => {
  t = await createTestContext();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
  const op = await createUser(t, { role: 'operator', unitCode: '360100', totp: false });
  operator = await login(t, op);
  operatorSession = await passwordStep(op);
  expect(operatorSession.stage).toBe('full');
  halfSignedIn = await passwordStep(await createUser(t, { role: 'unit_admin', unitCode: '360100' }));
  expect(halfSignedIn.stage).toBe('totp');
});
afterAll(async () => {
  await t?.close();
});

type Raw = { status: number; headers: string; body: string };

/**
 * Sends the head of a request and only `sent` bytes of its body, then waits: a server that reads
 * before refusing never answers, one that refuses on the declared length answers at once.
 */
function rawRequest(head: string[], sent: Buffer | string, waitMs = 3000): Promise<Raw | 'no answer'> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve('no answer');
    }, waitMs);
    socket.on('data', (d) => {
      data += d.toString('utf8');
      const end = data.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(data)?.[1];
      if (end < 0 || length === undefined || Buffer.byteLength(data.slice(end + 4)) < Number(length)) return;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: Number(data.slice(9, 12)), headers: data.slice(0, end), body: data.slice(end + 4) });
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      if (data) resolve({ status: Number(data.slice(9, 12)), headers: data, body: '' });
      else reject(err);
    });
    socket.write([...head, '', ''].join('\r\n'));
    socket.write(sent);
  });
}

const jsonHead = (url: string, length: number, session: Session) => [
  `POST ${url} HTTP/1.1`,
  'Host: 127.0.0.1',
  'Content-Type: application/json',
  `Content-Length: ${length}`,
  `Cookie: ${session.cookie}`,
  `X-CSRF-Token: ${session.csrf}`,
];

describe('request bodies', () => {
  it('refuses a JSON body over about 1 MB on a signed-in route on its declared length, unread, in Chinese', async () => {
    const res = await rawRequest(jsonHead('/api/youth/search', 30 * 1024 * 1024, operatorSession), '{"q":"');
    expect(res).not.toBe('no answer');
    const r = res as Raw;
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ code: 'too_large', message: '提交的内容过大' });
    expect(r.headers.toLowerCase()).toContain('connection: close');
    expect(r.headers.toLowerCase()).toContain('x-content-type-options: nosniff');
  });

  it('caps a body sent without a length while it streams', async () => {
    const head = jsonHead('/api/youth/search', 0, operatorSession)
      .filter((h) => !h.startsWith('Content-Length'))
      .concat('Transfer-Encoding: chunked');
    const chunk = Buffer.from(`{"q":"${'x'.repeat(DEFAULT_BODY_LIMIT + 10)}`);
    const res = await rawRequest(
      head,
      Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]),
    );
    expect((res as Raw).status).toBe(413);
    expect(JSON.parse((res as Raw).body).message).toBe('提交的内容过大');
  });

  it('lets a route that needs more declare it in its contract', async () => {
    const big = '章'.repeat(600_000); // 1.8 MB of UTF-8: over the default, under the plan's 4 MB
    const res = await operator.post('/api/plans', {
      unitId: operator.user.unitId,
      source: 'manual',
      preamble: big,
    });
    // Read, parsed and judged on its content: the plan has no title.
    expect(res.statusCode, res.body.slice(0, 200)).toBe(400);
    expect(res.json().details).toEqual(
      expect.arrayContaining([expect.objectContaining({ message: '请填写标题' })]),
    );
  });

  it('a session past the password step only: the sign-in steps take a few kilobytes, the rest nothing', async () => {
    const toVerify = await rawRequest(
      jsonHead('/api/auth/totp/verify', PUBLIC_BODY_LIMIT + 1, halfSignedIn),
      '{',
    );
    expect((toVerify as Raw).status).toBe(413);
    const elsewhere = await rawRequest(jsonHead('/api/youth/search', 200, halfSignedIn), '{');
    expect((elsewhere as Raw).status).toBe(403);
    expect(JSON.parse((elsewhere as Raw).body).message).toBe('请先完成登录验证');
    const anonymous = await rawRequest(
      [
        'POST /api/auth/login HTTP/1.1',
        'Host: 127.0.0.1',
        'Content-Type: application/json',
        `Content-Length: ${PUBLIC_BODY_LIMIT + 1}`,
      ],
      '{',
    );
    expect((anonymous as Raw).status).toBe(413);
  });
});
