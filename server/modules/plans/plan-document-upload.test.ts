import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../../platform/files/test-files';
import {
  createTestContext,
  createUser,
  login,
  unitIdByCode,
  type Agent,
  type TestContext,
} from '../../test/harness';
import { deepNesting, smallRuns, writeDocx } from './fixtures/hostile-docx';

// Hostile .docx files through the real upload route: each is refused (or read within its limits) with a
// Chinese message, the server keeps answering, and its memory grows by a bounded amount.

const MB = 1024 * 1024;
let t: TestContext;
let op: Agent;
let unitId: number;
let dir: string;

beforeAll(async () => {
  t = await createTestContext();
  unitId = await unitIdByCode(t.db, '360100');
  op = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  dir = await mkdtemp(join(tmpdir(), 'zhumeng-plan-upload-'));
});

afterAll(async () => {
  await t?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const rssMb = () => process.memoryUsage().rss / MB;

async function uploadHostile(name: string, body: Iterable<string>) {
  const path = join(dir, name);
  const sizes = await writeDocx(path, body);
  const content = readFileSync(path);
  const before = rssMb();
  // The parsing runs in a worker, so this thread is free to sample the process's memory meanwhile.
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 20);
  const started = Date.now();
  const res = await op.request({
    method: 'POST',
    url: '/api/plans/drafts/document',
    ...multipart({ unitId: String(unitId) }, { name, content }),
  });
  clearInterval(sampler);
  const figures = {
    file: `${(sizes.fileBytes / 1024).toFixed(0)} KB`,
    documentXml: `${(sizes.documentBytes / MB).toFixed(1)} MB`,
    ms: Date.now() - started,
    peakGrowthMb: Math.round(Math.max(peak, rssMb()) - before),
    rssBeforeMb: Math.round(before),
    rssAfterMb: Math.round(rssMb()),
  };
  console.warn(name, res.statusCode, figures);
  return { res, figures };
}

async function expectAlive() {
  const health = await t.app.inject({ method: 'GET', url: '/healthz' });
  expect(health.statusCode).toBe(200);
}

describe('hostile .docx uploads to the plan import', () => {
  it('refuses 128 MB of document.xml in a file of under 1 MB, quickly and without inflating it', async () => {
    const { res, figures } = await uploadHostile('炸弹.docx', smallRuns(128 * MB));
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^该 Word 文档解压后的内容过大或压缩比异常.*疑似压缩炸弹，已拒绝读取/);
    expect(figures.peakGrowthMb).toBeLessThan(200);
    expect(figures.ms).toBeLessThan(10_000);
    await expectAlive();
  });

  it('refuses a document of more small runs than mammoth may read, and one nested too deep', async () => {
    const runs = await uploadHostile('碎片.docx', smallRuns(3 * MB, true));
    expect(runs.res.statusCode).toBe(400);
    expect(runs.res.json().message).toMatch(/结构过于复杂（超过 100,000 个排版元素）/);
    expect(runs.figures.peakGrowthMb).toBeLessThan(200);
    const deep = await uploadHostile('嵌套.docx', deepNesting(5_000));
    expect(deep.res.statusCode).toBe(400);
    expect(deep.res.json().message).toMatch(/结构过于复杂（嵌套超过 128 层）/);
    await expectAlive();
  });

  it('reads a document just within the limits in a worker while the server keeps answering', async () => {
    const upload = uploadHostile('临界.docx', smallRuns(1.0 * MB, true));
    // Health checks during the read: the worker does the parsing, this thread stays free.
    const latencies: number[] = [];
    let done = false;
    void upload.finally(() => (done = true));
    while (!done) {
      const started = Date.now();
      await expectAlive();
      latencies.push(Date.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { res, figures } = await upload;
    console.warn('healthz during the read (ms):', latencies.join(' '));
    // Read, and found to hold no plan: the draft says so rather than the server failing.
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().problems[0].message).toMatch(/^未找到章节/);
    expect(figures.peakGrowthMb).toBeLessThan(768);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  });
});
