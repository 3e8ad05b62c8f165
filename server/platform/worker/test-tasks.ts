import { AppError } from '../http/errors';

/** Tasks the worker tests run: well-behaved ones and the runaways a hostile file can cause. */

export async function double(input: { n: number; at: Date }) {
  return { n: input.n * 2, year: input.at.getUTCFullYear(), map: new Map([[1, 'a']]) };
}

/** Counts how many items it has produced into shared memory, so the caller can see how far ahead it runs. */
export async function* count(input: { n: number; produced: SharedArrayBuffer }) {
  const produced = new Int32Array(input.produced);
  for (let i = 0; i < input.n; i += 1) {
    Atomics.store(produced, 0, i + 1);
    yield { i };
  }
}

export async function* refuseAfter(input: { n: number }) {
  for (let i = 0; i < input.n; i += 1) yield i;
  throw new AppError(400, 'import_format', '第 3 行：测试用的拒绝');
}

export async function hog() {
  const keep: string[][] = [];
  for (;;) keep.push(Array.from({ length: 10_000 }, (_, i) => `${i}-${keep.length}-占用内存`));
}

export async function exitHard() {
  process.exit(3);
}

export async function spin() {
  for (;;) Math.sqrt(Math.random());
}
