import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  callEntries,
  calls,
  mentorPairings,
  mentors,
  units,
  workEntrants,
  workFiles,
  works,
  youth,
  type CallCategory,
  type CallCriterion,
} from '../../db/schema';
import type { Keys } from '../../platform/crypto/keys';
import { blindIndex, encryptField } from '../../platform/crypto/field-crypto';
import { storeFile } from '../../platform/files/file-store';
import { insertCallEntry } from '../calls/call-entries.repo';

/**
 * A published call with eligible entries whose entrants carry every identifying detail a judge must
 * never see (name, phone, ID number, place, group name, original file names), each work with a real
 * PNG and PDF in the file store. Used by the judging tests and the browser tests' seed.
 */

export const JUDGING_CATEGORIES: CallCategory[] = [
  { key: 'painting', label: '绘画', kinds: ['image', 'pdf'], maxFiles: 3, maxMb: 20 },
  { key: 'calligraphy', label: '书法', kinds: ['image', 'pdf'], maxFiles: 3, maxMb: 20 },
];

export const JUDGING_RUBRIC: CallCriterion[] = [
  {
    key: 'theme',
    label: '主题立意',
    weight: 30,
    maxScore: 10,
    description: '紧扣征集主题，立意积极、有新意',
  },
  {
    key: 'craft',
    label: '艺术技法',
    weight: 40,
    maxScore: 10,
    description: '技法娴熟，构图、用笔、色彩得当',
  },
  { key: 'impact', label: '感染力', weight: 30, maxScore: 10, description: '作品完整，能打动观众' },
];

const crc = (buf: Buffer) => zlib.crc32(buf);
function chunk(type: string, data: Buffer) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc(body));
  return Buffer.concat([len, body, sum]);
}

/** A real 96×96 PNG, a soft gradient in the given hue, so browsers can show it. */
export function makePng(hue: number): Buffer {
  const size = 96;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const t = (x + y) / (2 * size);
      row[1 + x * 3] = Math.round(120 + 120 * t * Math.cos(hue));
      row[2 + x * 3] = Math.round(120 + 100 * (1 - t) * Math.sin(hue));
      row[3 + x * 3] = Math.round(160 + 80 * t);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF with a line of text. */
export function makePdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export type SeedEntrant = {
  name: string;
  phone: string;
  idNumber: string;
  placeCode: string;
  groupName: string | null;
  title: string;
  categoryKey: string;
  description: string;
};

export const JUDGING_ENTRANTS: SeedEntrant[] = [
  {
    name: '章若溪',
    phone: '13970010001',
    idNumber: '360102199905061234',
    placeCode: '360102',
    groupName: null,
    title: '赣江晨雾',
    categoryKey: 'painting',
    description: '水彩，描绘清晨赣江两岸的雾气与渔船。',
  },
  {
    name: '欧阳明澈',
    phone: '13970010002',
    idNumber: '36010320000712345X',
    placeCode: '360103',
    groupName: '青禾画社',
    title: '滕王阁新韵',
    categoryKey: 'painting',
    description: '国画长卷，以新视角表现滕王阁。',
  },
  {
    name: '邝一苇',
    phone: '13970010003',
    idNumber: '360104199811223456',
    placeCode: '360104',
    groupName: null,
    title: '城中村的灯',
    categoryKey: 'painting',
    description: '油画，夜色中城中村的灯火。',
  },
  {
    name: '聂采薇',
    phone: '13970010004',
    idNumber: '360111200102034567',
    placeCode: '360111',
    groupName: null,
    title: '梦想起航',
    categoryKey: 'painting',
    description: '版画，表现青年逐梦的群像。',
  },
  {
    name: '饶书砚',
    phone: '13970010005',
    idNumber: '360112199703145678',
    placeCode: '360112',
    groupName: null,
    title: '兰亭序临本',
    categoryKey: 'calligraphy',
    description: '行书临写，四尺整张。',
  },
  {
    name: '上官知白',
    phone: '13970010006',
    idNumber: '360113199912256789',
    placeCode: '360113',
    groupName: '墨香书会',
    title: '青春之歌',
    categoryKey: 'calligraphy',
    description: '隶书创作，书写青春主题诗词。',
  },
  {
    name: '简墨耘',
    phone: '13970010007',
    idNumber: '360121200004077890',
    placeCode: '360121',
    groupName: null,
    title: '八大山人意',
    categoryKey: 'calligraphy',
    description: '草书，取法八大山人。',
  },
  {
    name: '钟离雪',
    phone: '13970010008',
    idNumber: '360123199808188901',
    placeCode: '360123',
    groupName: null,
    title: '春江花月夜',
    categoryKey: 'calligraphy',
    description: '小楷，全篇抄录《春江花月夜》。',
  },
];

export const originalFileNames = (e: SeedEntrant) => [`${e.name}-${e.title}.png`, `${e.name}作品说明.pdf`];

type Deps = { db: Db; keys: Keys; config: { dataDir: string } };

async function unitByCode(db: Db, code: string) {
  const [u] = await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.code, code));
  if (!u) throw new Error(`no unit ${code}`);
  return u;
}

async function storeBuffer(deps: Deps, unitId: number, name: string, body: Buffer) {
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zm-judging-')), 'upload');
  fs.writeFileSync(tmp, body);
  try {
    const upload = {
      path: tmp,
      filename: name,
      mime: 'application/octet-stream',
      size: body.length,
      sha256: crypto.createHash('sha256').update(body).digest('hex'),
    };
    return await storeFile(
      deps,
      upload,
      async () => ({ unitId, createdBy: null }),
      async (_tx, file) => file.id,
    );
  } finally {
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }
}

/**
 * The call, its works and eligible entries. When `mentorUserId` is given, the first entrant is linked
 * to a registry record that this account mentors in an active pairing (the mentor conflict).
 */
export async function seedJudgingCall(
  deps: Deps,
  opts: { unitCode: string; slug: string; entrants?: SeedEntrant[]; mentorUserId?: number },
) {
  const { db, keys } = deps;
  const unit = await unitByCode(db, opts.unitCode);
  const entrants = opts.entrants ?? JUDGING_ENTRANTS;
  const now = Date.now();
  const [call] = await db
    .insert(calls)
    .values({
      unitId: unit.id,
      slug: opts.slug,
      title: '“青春赣鄱”青年书画作品征集',
      theme: '青春赣鄱 筑梦未来',
      categories: JUDGING_CATEGORIES,
      rubric: JUDGING_RUBRIC,
      awardLevels: [
        { key: 'first', label: '一等奖', count: 1 },
        { key: 'second', label: '二等奖', count: 2 },
      ],
      status: 'published',
      opensAt: new Date(now - 30 * 86_400_000),
      closesAt: new Date(now - 86_400_000),
    })
    .returning({ id: calls.id });
  const out: { entryId: number; workId: number; entrant: SeedEntrant; placeName: string }[] = [];
  for (const [i, e] of entrants.entries()) {
    const place = await unitByCode(db, e.placeCode);
    const [work] = await db
      .insert(works)
      .values({
        unitId: unit.id,
        callId: call.id,
        receiptIdx: blindIndex(keys, 'receipt', `${opts.slug}-${i}`),
        title: e.title,
        categoryKey: e.categoryKey,
        description: e.description,
        groupName: e.groupName,
        originalityAt: new Date(now - 10 * 86_400_000),
        channel: 'poster',
      })
      .returning({ id: works.id });
    await db.insert(workEntrants).values({
      workId: work.id,
      position: 0,
      name: e.name,
      idNumberEnc: encryptField(keys, e.idNumber),
      idNumberIdx: blindIndex(keys, 'id_number', e.idNumber),
      phoneEnc: encryptField(keys, e.phone),
      phoneIdx: blindIndex(keys, 'phone', e.phone),
      placeUnitId: place.id,
      ageBand: 'adult',
    });
    const [png, pdf] = originalFileNames(e);
    const bodies: [string, Buffer, 'image' | 'pdf'][] = [
      [png, makePng(i), 'image'],
      [pdf, makePdf(`Work ${i + 1}`), 'pdf'],
    ];
    for (const [position, [name, body, kind]] of bodies.entries()) {
      const fileId = await storeBuffer(deps, unit.id, name, body);
      await db.insert(workFiles).values({ workId: work.id, fileId, kind, position, scrubbed: true });
    }
    const entry = await db.transaction((tx) =>
      insertCallEntry(tx, { callId: call.id, workId: work.id, origin: 'public' }),
    );
    out.push({ entryId: entry.id, workId: work.id, entrant: e, placeName: place.name });
  }
  await db
    .update(callEntries)
    .set({ status: 'eligible', reviewedAt: new Date() })
    .where(
      inArray(
        callEntries.id,
        out.map((o) => o.entryId),
      ),
    );
  if (opts.mentorUserId) await linkMentee(db, unit.id, out[0], opts.mentorUserId);
  return { callId: call.id, unitId: unit.id, entries: out };
}

/** The first entrant is a registry record that the judge's own mentor account mentors. */
async function linkMentee(
  db: Db,
  unitId: number,
  entry: { workId: number; entrant: SeedEntrant },
  userId: number,
) {
  const place = await unitByCode(db, entry.entrant.placeCode);
  const [y] = await db
    .insert(youth)
    .values({ unitId: place.id, name: entry.entrant.name, namePinyin: 'zhangruoxi', nameInitials: 'zrx' })
    .returning({ id: youth.id });
  await db.update(workEntrants).set({ youthId: y.id }).where(eq(workEntrants.workId, entry.workId));
  const [existing] = await db.select({ id: mentors.id }).from(mentors).where(eq(mentors.userId, userId));
  const mentorId =
    existing?.id ??
    (
      await db
        .insert(mentors)
        .values({
          unitId,
          name: '丙导师',
          namePinyin: 'bingdaoshi',
          nameInitials: 'bds',
          source: 'expert',
          specialty: '书画',
          userId,
        })
        .returning({ id: mentors.id })
    )[0].id;
  await db.insert(mentorPairings).values({
    unitId,
    mentorId,
    youthId: y.id,
    status: 'active',
    startDate: '2026-01-01',
    endDate: '2027-01-01',
  });
}
