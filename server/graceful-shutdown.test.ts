import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { DRAIN_IDLE_MS } from './platform/http/graceful-shutdown';
import { createTestContext, type TestContext } from './test/harness';

/**
 * Issue 13 §14, in one process: draining stops new connections, answers what is in flight and
 * what still arrives on open connections (each told to close), then ends. The load test with a
 * real SIGTERM is shutdown-under-load.test.ts.
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

type Served = { app: FastifyInstance; port: number; release: () => void; entered: Promise<void> };

/** The app on a loopback port with a route that waits until released, to hold a request in flight. */
async function serve(): Promise<Served> {
  const app = await buildApp({ config: t.config, db: t.db, keys: t.keys });
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let entered!: () => void;
  const inHandler = new Promise<void>((r) => (entered = r));
  app.get('/api/test-slow', { config: { access: 'public' } }, async () => {
    entered();
    await gate;
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, port: (app.server.address() as AddressInfo).port, release, entered: inHandler };
}

type Answer = { status: number; connection?: string; reused: boolean; body: string };

function get(port: number, path: string, agent: http.Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          connection: res.headers.connection,
          reused: req.reusedSocket,
          body,
        }),
      );
    });
    req.on('error', reject);
  });
}

const refused = (port: number) =>
  new Promise<string>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.on('connect', () => {
      s.destroy();
      resolve('accepted');
    });
    s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });

describe('draining', () => {
  it('refuses new connections, answers in-flight and arriving requests with Connection: close, then ends', async () => {
    const s = await serve();
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    try {
      // Two keep-alive connections: one will hold the slow request, the other stays open and idle.
      const opened = await Promise.all([get(s.port, '/healthz', agent), get(s.port, '/healthz', agent)]);
      expect(opened.map((a) => a.status)).toEqual([200, 200]);
      const slow = get(s.port, '/api/test-slow', agent);
      await s.entered;
      let drained = false;
      const drain = s.app.zmDrain().then(() => (drained = true));

      expect(await refused(s.port)).toBe('ECONNREFUSED');
      const onOpenConnection = await get(s.port, '/healthz', agent);
      expect(onOpenConnection).toMatchObject({ status: 200, connection: 'close', reused: true });
      expect(drained).toBe(false);
      s.release();
      expect(await slow).toMatchObject({ status: 200, connection: 'close', body: '{"ok":true}' });
      const started = Date.now();
      await drain;
      // Both connections were closed by the client on the answers' word, not reaped as idle.
      expect(Date.now() - started).toBeLessThan(DRAIN_IDLE_MS);
    } finally {
      agent.destroy();
      await s.app.close();
    }
  });

  it('closes a connection left idle, so the drain ends without waiting for the keep-alive timeout', async () => {
    const s = await serve();
    const agent = new http.Agent({ keepAlive: true });
    try {
      expect((await get(s.port, '/healthz', agent)).status).toBe(200);
      const started = Date.now();
      await s.app.zmDrain();
      expect(Date.now() - started).toBeGreaterThanOrEqual(DRAIN_IDLE_MS - 100);
      expect(Date.now() - started).toBeLessThan(DRAIN_IDLE_MS + 1000);
    } finally {
      agent.destroy();
      await s.app.close();
    }
  });

  it('answers a request that still arrives while the app closes with a Chinese 503 and our headers', async () => {
    const s = await serve();
    const socket = net.connect(s.port, '127.0.0.1');
    let data = '';
    socket.on('data', (d) => (data += d));
    const ended = new Promise((r) => socket.on('close', r));
    socket.write('GET /api/test-slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await s.entered;
    const closing = s.app.close();
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50));
    s.release();
    await ended;
    await closing;
    const second = data.slice(data.indexOf('HTTP/1.1', 10));
    expect(second).toMatch(/^HTTP\/1.1 503/);
    expect(second.toLowerCase()).toContain('connection: close');
    expect(second.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(second).toContain('{"code":"shutting_down","message":"服务正在重启，请稍后重试"}');
  });
});
