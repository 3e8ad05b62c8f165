import { deflateSync } from 'node:zlib';
import { DEFAULT_AWARD_LEVELS, DEFAULT_RUBRIC } from '../common/contracts/calls';
import { cadre, publishNotice } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

/**
 * 南昌's notice published (a call cannot be published without one) and an open call with two
 * categories; returns its public path.
 */
export async function openCall(baseURL: string, title: string): Promise<string> {
  const api = await cadre(baseURL);
  await publishNotice(api);
  const call = await api.post('/api/calls', {
    title,
    theme: '用画笔和镜头记录新时代南昌青年的奋斗与梦想。\n作品须为近两年内创作。',
    rules:
      '一、参赛作品须为原创，不得抄袭。\n二、每人（每个团体）限报一件作品。\n三、主办方有权对获奖作品进行非商业性展示。',
    categories: [
      {
        key: 'painting',
        label: '绘画',
        kinds: ['image', 'pdf'],
        maxFiles: 3,
        maxMb: 20,
        note: '须附作品全貌照片',
      },
      { key: 'photography', label: '摄影', kinds: ['image'], maxFiles: 6, maxMb: 20 },
    ],
    rubric: DEFAULT_RUBRIC,
    awardLevels: DEFAULT_AWARD_LEVELS,
    ageMin: 14,
    ageMax: 35,
    allowGroups: true,
    maxGroupSize: 4,
    opensAt: new Date(Date.now() - DAY).toISOString(),
    closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    parentCallId: null,
    recommendQuota: 0,
    publicityDays: 7,
  });
  const published = await api.post(`/api/calls/${call.id}/publish`, { version: call.version });
  await api.dispose();
  return published.path as string;
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([head, body, crc]);
}

/** A real PNG (a red and gold gradient), `size` pixels square, with a tEXt chunk the server should scrub. */
export function pngImage(size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      row[1 + x * 3] = 200;
      row[2 + x * 3] = Math.round((22 + (x * 180) / size) % 256);
      row[3 + x * 3] = Math.round((29 + (y * 60) / size) % 256);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from('Author\0e2e', 'latin1')),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A PDF padded to about `kb` kilobytes, so an upload takes long enough to watch under a slow network. */
export function pdfDocument(kb: number): Buffer {
  const text =
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n';
  const padding = `%${'0'.repeat(78)}\n`.repeat(Math.ceil((kb * 1024) / 80));
  return Buffer.from(`${text}${padding}trailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}
