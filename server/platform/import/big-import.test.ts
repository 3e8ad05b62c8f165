import { stat } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBigRoster } from './fixtures/big-xlsx';
import { makeTempDir, TEST_COLUMNS } from './fixtures/messy-files';
import { readRecords } from './row-reader';
import { openSpreadsheet } from './sheet-source';

const ROWS = 100_000;
const MB = 1024 * 1024;

// A forced collection makes "memory still held" measurable: without it, heapUsed is mostly garbage
// that V8 has not yet bothered to collect.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let dir: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  dir = await makeTempDir();
  await writeBigRoster(dir.path('big.xlsx'), ROWS);
});
afterAll(() => dir.cleanup());

describe('a 100,000-row workbook', () => {
  it('is read row by row without holding the file in memory', async () => {
    const { size } = await stat(dir.path('big.xlsx'));
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let retained = 0;
    let count = 0;
    let last = 0;
    const started = performance.now();
    const source = await openSpreadsheet(dir.path('big.xlsx'), 'big.xlsx');
    for await (const record of readRecords(source, TEST_COLUMNS)) {
      count += 1;
      last = record.rowNumber;
      if (count % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      if (count % 25_000 === 0) {
        gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed - before);
      }
      if (count === 1)
        expect(record.values.idNumber).toEqual({ value: '110105198101010001', numeric: false });
    }
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `[import] ${ROWS} rows, ${(size / MB).toFixed(1)} MB .xlsx read in ${seconds.toFixed(1)} s; heap growth: ` +
        `peak ${(peak / MB).toFixed(1)} MB sampled, ${(retained / MB).toFixed(1)} MB still held after GC\n`,
    );
    expect(count).toBe(ROWS);
    expect(last).toBe(ROWS + 3);
    expect(peak).toBeLessThan(150 * MB);
    expect(retained).toBeLessThan(50 * MB);
  });
});
