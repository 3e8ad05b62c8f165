const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
export const gcAvailable = Boolean(gc);
const collect = () => {
  gc?.();
  gc?.();
};

type Mem = { rss: number; heapUsed: number };
const memNow = (): Mem => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed };
};

/**
 * process.memoryUsage() every 100 ms (and at start and stop), after a forced collection at start.
 * rss includes PGlite's WebAssembly memory (the whole in-memory database) and the reading worker's heap.
 */
export class MemorySampler {
  readonly start: Mem;
  readonly peak: Mem;
  private timer: NodeJS.Timeout;
  constructor() {
    collect();
    this.start = memNow();
    this.peak = { ...this.start };
    this.timer = setInterval(() => this.sample(), 100);
  }
  private sample() {
    const m = memNow();
    this.peak.rss = Math.max(this.peak.rss, m.rss);
    this.peak.heapUsed = Math.max(this.peak.heapUsed, m.heapUsed);
  }
  stop() {
    this.sample();
    clearInterval(this.timer);
    return { start: this.start, peak: this.peak };
  }
}
export type MemReport = ReturnType<MemorySampler['stop']>;

export const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
