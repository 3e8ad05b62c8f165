import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Issue 13 §14: a rolling restart, seen by a load generator. The real CLI on a fresh data directory
 * takes keep-alive load on loopback; SIGTERM arrives mid-load. Behind a proxy, a connection the
 * stopped process no longer accepts goes to the other process: here that is a refused connect on a
 * fresh socket, counted apart. Anything else — a reset, a hang-up, a 5xx that is not our Chinese
 * 503 — is an error the proxy would pass on.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-shutdown-'));
const port = 3900 + Math.floor(Math.random() * 500);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  SHUTDOWN_GRACE_SECONDS: '10',
};
delete env.DATABASE_URL;

const WORKERS = 8;
const MAX_REQUESTS = 20_000;
const MAX_LOAD_MS = 15_000;
const PATHS = ['/healthz', '/readyz'];

let proc: ChildProcess | undefined;
afterAll(() => {
  proc?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Outcome =
  | { kind: 'ok'; closeAsked: boolean; afterSignal: boolean }
  | { kind: 'chinese-503' }
  | { kind: 'failover' }
  | { kind: 'error'; what: string };

function request(agent: http.Agent, urlPath: string, signalled: () => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('error', (err) => resolve({ kind: 'error', what: `response ${err.message}` }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          resolve({ kind: 'ok', closeAsked: res.headers.connection === 'close', afterSignal: signalled() });
        } else if (
          status === 503 &&
          /[\u4e00-\u9fff]/.test(body) &&
          res.headers['x-content-type-options'] === 'nosniff' &&
          !/Service Unavailable/.test(body)
        ) {
          resolve({ kind: 'chinese-503' });
        } else {
          resolve({ kind: 'error', what: `${status} ${body.slice(0, 100)}` });
        }
      });
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      // Refused before anything was sent, on a new connection: the proxy's next upstream takes it.
      if (err.code === 'ECONNREFUSED' && !req.reusedSocket) resolve({ kind: 'failover' });
      else
        resolve({
          kind: 'error',
          what: `${err.code ?? ''} ${err.message} (reused socket: ${req.reusedSocket})`,
        });
    });
  });
}

async function waitReady(ms = 120_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/readyz', agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

describe('SIGTERM under keep-alive load', () => {
  it('drops no request and resets no connection', async () => {
    proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'start'], { env });
    let output = '';
    proc.stdout!.on('data', (d) => (output += d));
    proc.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => proc!.once('exit', (code) => r(code)));
    await waitReady();

    const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
    let signalled = false;
    let sent = 0;
    const outcomes: Outcome[] = [];
    const started = Date.now();
    const worker = async (n: number) => {
      while (sent < MAX_REQUESTS && Date.now() - started < MAX_LOAD_MS) {
        sent += 1;
        const outcome = await request(agent, PATHS[(sent + n) % PATHS.length], () => signalled);
        outcomes.push(outcome);
        // This process is gone for this worker: its next requests would go to the other one.
        if (outcome.kind === 'failover') return;
      }
    };
    const load = Promise.all(Array.from({ length: WORKERS }, (_, n) => worker(n)));
    await new Promise((r) => setTimeout(r, 1500));
    signalled = true;
    proc.kill('SIGTERM');
    await load;
    agent.destroy();
    const code = await exited;

    const errors = outcomes.filter((o) => o.kind === 'error');
    const served = outcomes.filter((o) => o.kind === 'ok');
    const afterSignal = served.filter((o) => o.kind === 'ok' && o.afterSignal);
    expect(errors, output).toEqual([]);
    expect(code, output).toBe(0);
    expect(served.length).toBeGreaterThan(100);
    // Requests on open connections after the signal were answered, each asking its client to close.
    expect(afterSignal.length).toBeGreaterThan(0);
    expect(afterSignal.some((o) => o.kind === 'ok' && o.closeAsked)).toBe(true);
  });
});
