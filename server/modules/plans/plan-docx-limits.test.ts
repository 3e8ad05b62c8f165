import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipStored } from '../../platform/import/fixtures/zip-writer';
import { deepNesting, paragraphs, smallRuns, wordParagraphs, writeDocx } from './fixtures/hostile-docx';
import { readPlanDocument } from './plan-docx';
import { assertDocxWithinLimits, DOCX_LIMITS, XmlShape } from './plan-docx-limits';

const SEED_002 = readFileSync(join(import.meta.dirname, 'fixtures', '002_5c95f390a569039a.txt'), 'utf8');
const MB = 1024 * 1024;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhumeng-plan-limits-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function docx(name: string, body: Iterable<string>) {
  const path = join(dir, name);
  const { fileBytes, documentBytes } = await writeDocx(path, body);
  return { path, size: fileBytes, documentBytes };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error & { status?: number; code?: string },
  );
  expect(error, 'expected a refusal').toBeDefined();
  return error!;
}

describe('XmlShape', () => {
  it('counts elements and depth across chunk boundaries, quotes and self-closing tags', () => {
    const shape = new XmlShape({ maxElements: 100, maxDepth: 10 });
    const xml = Buffer.from('<?xml v="1"?><a x="a/>b>"><b/><c><!-- > --><d>文</d></c></a>');
    for (let i = 0; i < xml.length; i += 3) shape.feed(xml.subarray(i, i + 3));
    expect(shape.elements).toBe(4);
    expect(shape.depth).toBe(0);
  });

  it('refuses past the depth and element caps, and any DOCTYPE', () => {
    expect(() => new XmlShape({ maxElements: 100, maxDepth: 3 }).feed(Buffer.from('<a><b><c><d>'))).toThrow(
      /嵌套超过 3 层/,
    );
    expect(() => new XmlShape({ maxElements: 2, maxDepth: 9 }).feed(Buffer.from('<a/><b/><c/>'))).toThrow(
      /超过 2 个排版元素/,
    );
    expect(() =>
      new XmlShape({ maxElements: 9, maxDepth: 9 }).feed(Buffer.from('<!DOCTYPE a [<!ENTITY x "y">]><a/>')),
    ).toThrow(/文档类型定义/);
  });
});

describe('assertDocxWithinLimits', () => {
  it('admits a 100-page plan as Word saves it, with room to spare', async () => {
    const text = Array.from({ length: 9 }, () => SEED_002).join('\n');
    const file = await docx('100-pages.docx', wordParagraphs(text, 4));
    const { elements } = await assertDocxWithinLimits(file.path, file.size);
    console.warn(
      `100-page plan: ${text.length} chars, document.xml ${(file.documentBytes / MB).toFixed(1)} MB, ${elements} elements`,
    );
    expect(elements * 4).toBeLessThan(DOCX_LIMITS.maxElements);
    expect(file.documentBytes * 4).toBeLessThan(DOCX_LIMITS.maxPartBytes);
  });

  it('refuses 128 MB of document.xml in a file of under 1 MB on its first megabytes', async () => {
    const file = await docx('bomb.docx', smallRuns(128 * MB));
    expect(file.size).toBeLessThan(MB);
    expect(file.documentBytes).toBeGreaterThanOrEqual(128 * MB);
    const started = Date.now();
    const error = await refusal(assertDocxWithinLimits(file.path, file.size));
    expect(error.message).toMatch(
      /^该 Word 文档解压后的内容过大或压缩比异常（每个部分的上限为 16 MB），疑似压缩炸弹/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a document of too many small runs and one nested too deep', async () => {
    const runs = await docx('runs.docx', smallRuns(4 * MB, true));
    expect(
      (await refusal(assertDocxWithinLimits(runs.path, runs.size, { ...DOCX_LIMITS, maxRatio: 1e6 })))
        .message,
    ).toMatch(/结构过于复杂（超过 100,000 个排版元素）/);
    const deep = await docx('deep.docx', deepNesting(5_000));
    expect((await refusal(assertDocxWithinLimits(deep.path, deep.size))).message).toMatch(/嵌套超过 128 层/);
  });
});

describe('assertDocxWithinLimits on parts not named .xml', () => {
  it('holds markup to the XML limits whatever its name, and lets images through', async () => {
    const deep = Buffer.from(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`);
    const photo = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(2 * MB, 0x3c)]);
    const path = join(dir, 'renamed.docx');
    await writeFile(
      path,
      zipStored([
        ['word/media/image1.png', photo],
        ['word/document.bin', deep, { deflate: true }],
      ]),
    );
    const error = await refusal(assertDocxWithinLimits(path, readFileSync(path).length));
    expect(error.message).toMatch(/嵌套超过 128 层/);
    await writeFile(path, zipStored([['word/media/image1.png', photo]]));
    expect(await assertDocxWithinLimits(path, readFileSync(path).length)).toEqual({ elements: 0 });
  });
});

describe('readPlanDocument', () => {
  it('refuses a text longer than one import takes, stating the cap', async () => {
    const text = Array.from({ length: 26 }, () => SEED_002).join('\n');
    const file = await docx('long.docx', paragraphs(text));
    const error = await refusal(readPlanDocument(file));
    expect(error.message).toMatch(/^方案全文共 [\d,]+ 字，超过一次导入的上限 200,000 字/);
  });

  it('ends a read that outgrows its worker, in words about Word, and reads the next file', async () => {
    const file = await docx('heavy.docx', smallRuns(1 * MB, true));
    const error = await refusal(readPlanDocument(file, { worker: { maxHeapMb: 16 } }));
    expect(error).toMatchObject({ status: 422, code: 'untrusted_memory' });
    expect(error.message).toMatch(/^该 Word 文档内容过多或结构异常，读取时超出内存上限/);
    const ok = await docx('ok-after.docx', paragraphs('一、任务\n1. 开展学习。'));
    expect(await readPlanDocument(ok)).toContain('开展学习');
  });

  it('says a damaged file is damaged, in words about Word', async () => {
    const file = await docx('ok.docx', paragraphs('一、任务'));
    await writeFile(file.path, readFileSync(file.path).subarray(0, 200));
    const error = await refusal(readPlanDocument({ path: file.path, size: 200 }));
    expect(error.message).toMatch(/^无法读取该 Word 文档，文件可能已损坏/);
  });
});
