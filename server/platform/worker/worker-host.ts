import { parentPort, workerData } from 'node:worker_threads';
import type { PullMessage, SerialisedError, TaskStart, WorkerMessage } from './protocol';

const start = workerData as TaskStart;
const port = parentPort!;
const send = (message: WorkerMessage) => port.postMessage(message);

function serialise(err: unknown): SerialisedError {
  if (!(err instanceof Error)) return { message: String(err) };
  const { status, code } = err as { status?: unknown; code?: unknown };
  return {
    message: err.message,
    name: err.name,
    status: typeof status === 'number' ? status : undefined,
    code: typeof code === 'string' ? code : undefined,
  };
}

/** Resolves on the main thread's next 'pull': the stream never runs more than one batch ahead. */
function nextPull(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (m: PullMessage) => {
      if (m.type !== 'pull') return;
      port.off('message', onMessage);
      resolve();
    };
    port.on('message', onMessage);
  });
}

const isAsyncIterable = (v: unknown): v is AsyncIterable<unknown> =>
  typeof v === 'object' && v !== null && Symbol.asyncIterator in v;

async function run() {
  const mod = (await import(start.module)) as Record<string, unknown>;
  const task = mod[start.name];
  if (typeof task !== 'function') throw new Error(`task ${start.name} not found in ${start.module}`);
  const out = (task as (input: unknown) => unknown)(start.input);
  if (!isAsyncIterable(out)) {
    send({ type: 'done', result: await out });
    return;
  }
  await nextPull();
  let batch: unknown[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    send({ type: 'items', items: batch });
    batch = [];
    await nextPull();
  };
  try {
    for await (const item of out) {
      batch.push(item);
      if (batch.length >= start.batchSize) await flush();
    }
  } finally {
    // What was read before a refusal is delivered before it, in order.
    await flush();
  }
  send({ type: 'done', result: undefined });
}

run().then(
  () => port.close(),
  (err: unknown) => {
    send({ type: 'error', error: serialise(err) });
    port.close();
  },
);
