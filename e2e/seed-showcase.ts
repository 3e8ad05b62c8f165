import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Db } from '../server/db/client';
import { callEntries, calls, stories, units, workFiles, youthEvents } from '../server/db/schema';
import type { Keys } from '../server/platform/crypto/keys';
import { storeFile } from '../server/platform/files/file-store';
import { seedCall, seedScoredEntry } from '../server/modules/awards/awards-fixtures';
import {
  noticeContentHash,
  noticeTemplate,
  TEMPLATE_PLACEHOLDER,
} from '../server/modules/privacy/privacy-template';
import { insertNextNotice, unitOrgName } from '../server/modules/privacy/privacy.repo';
import { pngImage } from './public-calls-fixtures';

/** 青山湖区's public page: an open call, a draft one, a finished call with works to show, an event. */
export const SHOWCASE = {
  code: '360111',
  open: { slug: 'e2eqshopen1', title: '青山湖区青年摄影征集' },
  draft: { slug: 'e2eqshdraft', title: '青山湖区草稿征集' },
  finished: { slug: 'e2eqshdone1', title: '青山湖区青年美术作品展评' },
  /** Showcased by the seed, with an image. */
  shown: { title: '湖畔晨光', name: '欧阳明轩', note: '清晨的青山湖，色彩干净，构图有呼吸感。' },
  /** Eligible, consented, not yet shown: the cadre's switch turns it on. */
  candidate: { title: '艾溪湖的秋', name: '胡思琪' },
  story: { title: '用画笔留住青山湖的清晨', summary: '一位在湖边长大的青年，把每天的晨光画进了作品里。' },
  /** Eligible but without publicity consent: the switch is refused. */
  private: { title: '不公开的画', name: '钱一诺' },
};

const DAY = 86_400_000;

async function storePng(
  deps: { db: Db; keys: Keys; config: { dataDir: string } },
  unitId: number,
  hue: number,
) {
  const body = pngImage(360 + hue);
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zm-showcase-')), 'upload');
  fs.writeFileSync(tmp, body);
  try {
    return await storeFile(
      deps,
      {
        path: tmp,
        filename: '作品.png',
        mime: 'image/png',
        size: body.length,
        sha256: crypto.createHash('sha256').update(body).digest('hex'),
      },
      async () => ({ unitId, createdBy: null }),
      async (_tx, file) => file.id,
    );
  } finally {
    fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  }
}

export async function seedShowcaseFixtures(db: Db, keys: Keys, config: { dataDir: string }) {
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.code, SHOWCASE.code));
  const template = noticeTemplate((await unitOrgName(db, unit.id))!);
  const sections = {
    ...template,
    contact: template.contact.replaceAll(TEMPLATE_PLACEHOLDER, '0791-88160000'),
  };
  const title = '共青团南昌市青山湖区委员会个人信息处理规则';
  await insertNextNotice(db, {
    unitId: unit.id,
    title,
    sections,
    contentHash: noticeContentHash(title, sections),
    createdBy: null,
  });
  const open = await seedCall(db, { unitCode: SHOWCASE.code, ...SHOWCASE.open, judged: false });
  await db
    .update(calls)
    .set({ opensAt: new Date(Date.now() - DAY), closesAt: new Date(Date.now() + 20 * DAY) })
    .where(eq(calls.id, open.id));
  await seedCall(db, { unitCode: SHOWCASE.code, ...SHOWCASE.draft, status: 'draft', judged: false });
  const done = await seedCall(db, { unitCode: SHOWCASE.code, ...SHOWCASE.finished, status: 'finished' });
  const deps = { db, keys, config };
  const works = [
    { ...SHOWCASE.shown, consent: true, hue: 0 },
    { ...SHOWCASE.candidate, consent: true, hue: 40 },
    { ...SHOWCASE.private, consent: false, hue: 80 },
  ];
  for (const w of works) {
    const { entryId, workId } = await seedScoredEntry(db, {
      callId: done.id,
      unitId: done.unitId,
      title: w.title,
      score: 90,
      consent: w.consent,
      entrants: [{ name: w.name, placeCode: SHOWCASE.code }],
    });
    const fileId = await storePng(deps, unit.id, w.hue);
    await db.insert(workFiles).values({ workId, fileId, kind: 'image', position: 0, scrubbed: true });
    if (w.title === SHOWCASE.shown.title) {
      await db
        .update(callEntries)
        .set({ showcased: true, showcaseNote: SHOWCASE.shown.note, showcasedAt: new Date() })
        .where(eq(callEntries.id, entryId));
      await db.insert(stories).values({
        unitId: unit.id,
        entryId,
        ...SHOWCASE.story,
        body: '每天清晨六点，他都会带着画板来到湖边。\n\n“光线只有那十几分钟是最好的。”他说。两年里，他画了一百多张湖畔写生。\n\n这次参赛的《湖畔晨光》，是其中他最满意的一张。',
        coverFileId: await storePng(deps, unit.id, 120),
        consentBasis: 'work_publicity',
        status: 'published',
        publishedAt: new Date(),
      });
    }
  }
  await db.insert(youthEvents).values({
    unitId: unit.id,
    kind: '巡展',
    title: '青山湖区青年美术作品巡展',
    date: '2026-12-20',
    place: '青山湖区文化馆',
    callId: done.id,
    published: true,
  });
}
