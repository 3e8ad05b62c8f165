import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { runUntrusted, streamUntrusted, task, UntrustedTaskError } from './untrusted';

const ref = (name: string) => task(import.meta.url, './test-tasks.ts', name);

async function failureOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the task to fail');
}

describe('untrusted tasks in a worker thread', () => {
  it('runs a TypeScript task and returns its structured-cloned result', async () => {
    const out = await runUntrusted<{ n: number; year: number; map: Map<number, string> }>(ref('double'), {
      n: 21,
      at: new Date(Date.UTC(1998, 2, 12)),
    });
    expect(out).toEqual({ n: 42, year: 1998, map: new Map([[1, 'a']]) });
  });

  it('streams in batches, never running more than a batch ahead of a slow caller', async () => {
    const produced = new SharedArrayBuffer(4);
    const seen = new Int32Array(produced);
    let consumed = 0;
    let furthestAhead = 0;
    for await (const item of streamUntrusted<{ i: number }>(
      ref('count'),
      { n: 2_000, produced },
      { batchSize: 100 },
    )) {
      expect(item.i).toBe(consumed);
      consumed += 1;
      if (consumed % 100 === 0) await new Promise((r) => setTimeout(r, 5));
      furthestAhead = Math.max(furthestAhead, Atomics.load(seen, 0) - consumed);
    }
    expect(consumed).toBe(2_000);
    // One batch handed over, one being read: never the whole input.
    expect(furthestAhead).toBeLessThanOrEqual(200);
  });

  it("passes the task's own refusal through as the same user-facing error", async () => {
    const items: number[] = [];
    const err = await failureOf(
      (async () => {
        for await (const i of streamUntrusted<number>(ref('refuseAfter'), { n: 5 }, { batchSize: 2 }))
          items.push(i);
      })(),
    );
    expect(items).toEqual([0, 1, 2, 3, 4]);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 400, code: 'import_format', message: '第 3 行：测试用的拒绝' });
  });

  it('ends a task that exhausts its heap; this process carries on', async () => {
    const err = await failureOf(runUntrusted(ref('hog'), null, { maxHeapMb: 32 }));
    expect(err).toBeInstanceOf(UntrustedTaskError);
    expect(err).toMatchObject({ reason: 'memory', status: 422 });
    expect((err as Error).message).toContain('超出内存上限');
    expect(await runUntrusted(ref('double'), { n: 1, at: new Date() })).toMatchObject({ n: 2 });
  });

  it('reports a worker that exits or loops forever', async () => {
    expect(await failureOf(runUntrusted(ref('exitHard'), null))).toMatchObject({ reason: 'crash' });
    const started = Date.now();
    const err = await failureOf(runUntrusted(ref('spin'), null, { timeoutMs: 300 }));
    expect(err).toMatchObject({ reason: 'timeout' });
    expect((err as Error).message).toContain('超时');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
