import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import type { Db } from '../server/db/client';

/** Time spent in db.execute, by statement (its leading SQL text), and how much of it inside the analyser. */
export class DbClock {
  totalMs = 0;
  calls = 0;
  /** db time spent while the analyser's analyse() was running (its look-ups of existing records). */
  inAnalyserMs = 0;
  analyserMs = 0;
  analyserCalls = 0;
  byStatement = new Map<string, { calls: number; ms: number }>();
  private insideAnalyser = 0;

  reset() {
    this.totalMs = 0;
    this.calls = 0;
    this.inAnalyserMs = 0;
    this.analyserMs = 0;
    this.analyserCalls = 0;
    this.byStatement.clear();
  }

  /** Statements issued inside untimed() (the benchmark's own polling) are not counted. */
  private readonly quiet = new AsyncLocalStorage<true>();

  untimed<T>(work: () => Promise<T>): Promise<T> {
    return this.quiet.run(true, work);
  }

  record(label: string, ms: number) {
    if (this.quiet.getStore()) return;
    this.totalMs += ms;
    this.calls += 1;
    if (this.insideAnalyser > 0) this.inAnalyserMs += ms;
    const s = this.byStatement.get(label) ?? { calls: 0, ms: 0 };
    s.calls += 1;
    s.ms += ms;
    this.byStatement.set(label, s);
  }

  async analyser<T>(work: () => Promise<T>): Promise<T> {
    const start = performance.now();
    this.insideAnalyser += 1;
    try {
      return await work();
    } finally {
      this.insideAnalyser -= 1;
      this.analyserMs += performance.now() - start;
      this.analyserCalls += 1;
    }
  }

  /** The slowest statements, by total time. */
  top(n: number) {
    return [...this.byStatement.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, n);
  }
}

type Chunk = { value?: unknown; queryChunks?: Chunk[] };

/** The leading literal text of a drizzle SQL object, whitespace collapsed: enough to name the statement. */
function statementLabel(query: unknown): string {
  let text = '';
  const walk = (chunks: Chunk[] | undefined) => {
    for (const c of chunks ?? []) {
      if (text.length >= 70) return;
      if (Array.isArray(c.value) && c.value.every((v) => typeof v === 'string')) text += c.value.join('');
      else if (c.queryChunks) walk(c.queryChunks);
      else text += '$';
    }
  };
  if (typeof query === 'string') text = query;
  else walk((query as Chunk).queryChunks);
  return text.replace(/\s+/g, ' ').trim().slice(0, 70);
}

/**
 * The same database handle, with db.execute timed (and transactions handing out a timed tx). Everything
 * else goes to the real object, bound to it. The cost is a performance.now() pair per statement.
 */
export function timedDb(db: Db, clock: DbClock): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'execute') {
        return async (query: unknown) => {
          const start = performance.now();
          try {
            return await (target.execute as (q: unknown) => Promise<unknown>)(query);
          } finally {
            clock.record(statementLabel(query), performance.now() - start);
          }
        };
      }
      if (prop === 'transaction') {
        return (work: (tx: Db) => Promise<unknown>, config?: unknown) =>
          (target.transaction as (w: (tx: Db) => Promise<unknown>, c?: unknown) => Promise<unknown>)(
            (tx) => work(timedDb(tx, clock)),
            config,
          );
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
