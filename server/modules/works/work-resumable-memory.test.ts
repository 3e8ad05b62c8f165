import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness';
import { PUBLIC_TEST_CONFIG } from '../signup/signup-test-fixtures';
import { createUpload, locationOf, TUS } from './work-resumable-test-fixtures';
import { insertOpenCall, mp4Head } from './works-test-fixtures';

/**
 * A film of 200 MB sent as one PATCH over a real socket, in 1 MB chunks: the bytes go to disk as they
 * come, so the process grows by a small fraction of the file, and the server keeps answering meanwhile.
 */

const MB = 1024 * 1024;
const SIZE = 200 * MB;

let t: TestContext;
let base: string;

beforeAll(async () => {
  t = await createTestContext(PUBLIC_TEST_CONFIG);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await t?.close();
});

function healthz(): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/healthz`, (res) => {
        res.resume();
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, ms: Math.round(performance.now() - started) }),
        );
      })
      .on('error', reject);
  });
}

describe('resumable upload memory', () => {
  it('streams 200 MB to disk with bounded memory, and /healthz answers during it', async () => {
    const call = await insertOpenCall(t, {
      categories: [{ key: 'film', label: '微电影', kinds: ['video'], maxFiles: 1, maxMb: 300 }],
    });
    const location = locationOf(await createUpload(t, { slug: call.slug, categoryKey: 'film', size: SIZE }));
    const chunk = Buffer.alloc(MB, 7);
    mp4Head().copy(chunk);

    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const health: { status: number; ms: number }[] = [];

    const answer = await new Promise<{ status: number; offset: string | undefined }>((resolve, reject) => {
      const req = http.request(`${base}${location}`, {
        method: 'PATCH',
        headers: {
          ...TUS,
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(SIZE),
        },
      });
      req.on('response', (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            offset: res.headers['upload-offset'] as string | undefined,
          }),
        );
      });
      req.on('error', reject);
      void (async () => {
        for (let i = 0; i < SIZE / MB; i++) {
          if (i % 50 === 25) health.push(await healthz());
          if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        }
        req.end();
      })();
    });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMb = Math.round((peak - baseline) / MB);
    console.warn(
      `200 MB resumable PATCH: RSS growth ${growthMb} MB; /healthz ms:`,
      health.map((h) => h.ms),
    );

    expect(answer).toEqual({ status: 204, offset: String(SIZE) });
    expect(health.length).toBe(4);
    for (const h of health) expect(h.status).toBe(200);
    // Well below the file's size: it was never held in memory.
    expect(growthMb).toBeLessThan(64);
    await t.app.inject({ method: 'DELETE', url: location, headers: TUS });
  }, 120_000);
});
