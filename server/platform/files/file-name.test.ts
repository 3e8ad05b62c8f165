import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';
import { contentDisposition } from '../http/download';
import { cleanFileName, isUnsafeInFileName, MAX_FILE_NAME_LENGTH } from './file-name';
import { multipart, SAMPLE_FILES } from './test-files';

const BIDI = [
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];
const length = (s: string) => [...s].length;

describe('cleanFileName', () => {
  it('shortens a long name in its stem, keeping the extension', () => {
    const name = `${'青年作品集'.repeat(60)}.pdf`;
    const cleaned = cleanFileName(name);
    expect(length(cleaned)).toBe(MAX_FILE_NAME_LENGTH);
    expect(cleaned).toBe(`${'青年作品集'.repeat(60).slice(0, MAX_FILE_NAME_LENGTH - 4)}.pdf`);
    // Characters outside the BMP count as one, and are never cut in half.
    const rare = cleanFileName(`${'𠀀'.repeat(250)}.docx`);
    expect(rare).toBe(`${'𠀀'.repeat(MAX_FILE_NAME_LENGTH - 5)}.docx`);
  });

  it('removes bidi and control characters and keeps everything else', () => {
    expect(cleanFileName('报告\u202Efdp.exe')).toBe('报告fdp.exe');
    expect(cleanFileName('a\u0000b\u0007c\u001b[31m\u007f\u0085\u009f.txt')).toBe('abc[31m.txt');
    expect(cleanFileName(`x${BIDI.join('')}y\u061c.pdf`)).toBe('xy.pdf');
    expect(cleanFileName('获奖证书 (扫描件)〔2025〕.pdf')).toBe('获奖证书 (扫描件)〔2025〕.pdf');
    expect(cleanFileName('\u202e\u0001 ')).toBe('未命名文件');
  });

  it('holds for any name: bounded, nothing unsafe, short names kept, a short extension kept', () => {
    const char = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 3 }),
      fc.constantFrom(...BIDI, '\u0000', '\n', '\u0085', '.', ' '),
    );
    const name = fc.array(char, { maxLength: 400 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(name, fc.constantFrom('', '.pdf', '.docx', '.xlsx'), (stem, ext) => {
        const input = stem + ext;
        const cleaned = cleanFileName(input);
        expect([...cleaned].filter(isUnsafeInFileName)).toEqual([]);
        expect(length(cleaned)).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
        const safe = [...input]
          .filter((c) => !isUnsafeInFileName(c))
          .join('')
          .trim();
        if (safe && length(safe) <= MAX_FILE_NAME_LENGTH) expect(cleaned).toBe(safe);
        if (ext && safe.endsWith(ext)) expect(cleaned.endsWith(ext)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('cleans the name put into Content-Disposition, whatever was stored', () => {
    const header = contentDisposition('报告\u202Efdp.exe\r\n');
    expect(header).not.toMatch(/%E2%80%AE|%0D|%0A|[\r\n]/);
    expect(header).toBe(
      `attachment; filename="__fdp.exe"; filename*=UTF-8''${encodeURIComponent('报告')}fdp.exe`,
    );
  });
});

describe('stored files', () => {
  let t: TestContext;
  let operator: Agent;
  let personId: number;

  beforeAll(async () => {
    t = await createTestContext();
    operator = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
    const res = await operator.post('/api/youth', { name: '附件青年' });
    personId = (res.json() as { youth: { id: number } }).youth.id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const upload = (name: string) =>
    operator.request({
      method: 'POST',
      url: `/api/youth/${personId}/attachments`,
      ...multipart({ kind: '证书' }, { name, content: SAMPLE_FILES.pdf }),
    });

  it('keeps a long name with its extension, and stores and sends a name without bidi controls', async () => {
    const long = `${'优秀青年作品获奖证书扫描件'.repeat(20)}.pdf`;
    const res = await upload(long);
    expect(res.statusCode, res.body).toBe(200);
    const stored = (res.json() as { fileName: string }).fileName;
    expect(length(stored)).toBe(MAX_FILE_NAME_LENGTH);
    expect(stored.endsWith('.pdf')).toBe(true);

    const spoof = await upload('证书\u202Efdp.pdf');
    expect(spoof.statusCode, spoof.body).toBe(200);
    const { id } = spoof.json() as { id: number };
    const [row] = await queryRows<{ name: string }>(
      t.db,
      sql`select f.name from files f join youth_attachments a on a.file_id = f.id where a.id = ${id}`,
    );
    expect(row.name).toBe('证书fdp.pdf');
    const download = await operator.get(`/api/youth/${personId}/attachments/${id}/file`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).not.toContain('%E2%80%AE');
  });
});
