const MB = 1024 * 1024;

const gc = (globalThis as { gc?: () => void }).gc;
export const gcAvailable = Boolean(gc);
const collect = () => {
  gc?.();
  gc?.();
};

type Mem = { rss: number; heapUsed: number; arrayBuffers: number; wasm: number };

/** PGlite's WebAssembly memory (it only ever grows), when the bench runs on PGlite. */
let wasmBytes: () => number = () => 0;
export function watchWasm(read: () => number) {
  wasmBytes = read;
}

const memNow = (): Mem => {
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, wasm: wasmBytes() };
};

/** A moment of a run: the memory then and the peak rss since the previous mark. */
export type MemMark = { label: string; now: Mem; peakRss: number };

/**
 * process.memoryUsage() every 100 ms (and at start and stop), after a forced collection at start.
 * rss includes PGlite's WebAssembly memory and in-memory files, and the reading worker's heap.
 * `mark` notes where a run is, so the report shows which step made rss grow.
 */
export class MemorySampler {
  readonly start: Mem;
  readonly peak: Mem;
  readonly marks: MemMark[] = [];
  private sincePeak = 0;
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
    this.peak.wasm = Math.max(this.peak.wasm, m.wasm);
    this.sincePeak = Math.max(this.sincePeak, m.rss);
    return m;
  }
  mark(label: string) {
    const now = this.sample();
    this.marks.push({ label, now, peakRss: this.sincePeak });
    this.sincePeak = now.rss;
  }
  stop() {
    this.sample();
    clearInterval(this.timer);
    return { start: this.start, peak: this.peak, marks: this.marks };
  }
}
export type MemReport = ReturnType<MemorySampler['stop']>;

export const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;

export const describeMark = (m: MemMark) =>
  `${m.label}: rss ${mb(m.now.rss)} (peak before ${mb(m.peakRss)}), heap ${mb(m.now.heapUsed)}, ` +
  `array buffers ${mb(m.now.arrayBuffers)}${m.now.wasm ? `, PGlite wasm ${mb(m.now.wasm)}` : ''}`;
