import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { todayInChina } from '../../../common/validators';
import { queryRows } from '../../db/client';
import { callEntries, consentRecords, files, workEntrants, workFiles, works } from '../../db/schema';
import { blindIndex, decryptField } from '../../platform/crypto/field-crypto';
import { readFileBuffer } from '../../platform/files/file-store';
import type { Agent, TestContext } from '../../test/harness';
import {
  donghuOpenPage,
  freshId,
  freshPhone,
  publishNotice,
  type Notice,
} from '../signup/signup-test-fixtures';
import {
  insertOpenCall,
  jpegWithExif,
  mp4Head,
  pngWithText,
  SAMPLE_FILES,
  submitWork,
  uploadFile,
  uploadToken,
} from './works-test-fixtures';

let t: TestContext;
let op: Agent;
let notice: Notice;
let call: { id: number; slug: string; unitId: number };

beforeAll(async () => {
  ({ t, op, notice } = await donghuOpenPage());
  call = await insertOpenCall(t);
});
afterAll(async () => {
  await t?.close();
});

/** A birth date `years` years and `days` days before today. */
function bornAgo(years: number, days = 0): string {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

const person = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  idNumber: freshId(),
  phone: freshPhone(),
  ...extra,
});

const workByReceipt = async (code: string) =>
  (
    await t.db
      .select()
      .from(works)
      .where(eq(works.receiptIdx, blindIndex(t.keys, 'receipt', code)))
  )[0];

async function photoWork(title: string, entrants: Record<string, unknown>[], publicityConsent = false) {
  const token = await uploadToken(t, call.slug, 'photo', { name: '作品.jpg', content: jpegWithExif().bytes });
  return submitWork(
    t,
    call.slug,
    { title, categoryKey: 'photo', entrants, files: [token] },
    { noticeId: notice.id, publicityConsent },
  );
}

describe('the public call page', () => {
  it('shows a published call with its categories, limits and the unit’s current notice; never a draft', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/calls/${call.slug}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'open',
      unitName: '东湖区',
      ageMin: 16,
      ageMax: 35,
      maxGroupSize: 3,
      notice: { id: notice.id },
      categories: [
        { key: 'photo', kinds: ['image'], maxFiles: 3, maxMb: 1 },
        { key: 'film' },
        { key: 'essay' },
      ],
    });
    expect(res.json().youthCategories.length).toBeGreaterThan(3);
    const draft = await insertOpenCall(t, { status: 'draft' });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/calls/${draft.slug}` })).statusCode).toBe(
      404,
    );
  });
});

describe('uploads', () => {
  it('stores a JPEG without its EXIF, XMP and comment, and a PNG without its text chunk', async () => {
    const { bytes, secrets } = jpegWithExif();
    const res = await uploadFile(t, call.slug, 'photo', { name: '八一广场.jpg', content: bytes });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: 'image', scrubbed: true, name: '八一广场.jpg' });
    const png = await uploadFile(t, call.slug, 'photo', {
      name: '海报.png',
      content: pngWithText('作者王五'),
    });
    expect(png.json()).toMatchObject({ kind: 'image', scrubbed: true });

    const submitted = await submitWork(
      t,
      call.slug,
      {
        title: '家乡的桥',
        categoryKey: 'photo',
        entrants: [person('赵一')],
        files: [res.json().token, png.json().token],
      },
      { noticeId: notice.id },
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    const work = await workByReceipt(submitted.json().receiptCode);
    const stored = await queryRows<{
      storageKey: string;
      sha256: string;
      size: number;
      scrubbed: boolean;
      mime: string;
    }>(
      t.db,
      sql`select f.storage_key as "storageKey", f.sha256, f.size::int as size, wf.scrubbed, f.mime
          from work_files wf join files f on f.id = wf.file_id where wf.work_id = ${work.id} order by wf.position`,
    );
    expect(stored.map((s) => [s.mime, s.scrubbed])).toEqual([
      ['image/jpeg', true],
      ['image/png', true],
    ]);
    const jpeg = await readFileBuffer(t, stored[0]);
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    for (const secret of secrets) expect(jpeg.includes(Buffer.from(secret))).toBe(false);
    expect(jpeg.includes(Buffer.from('JFIF'))).toBe(true);
    // The image data itself is untouched: everything from the scan on is the original's.
    const scan = bytes.indexOf(Buffer.from([0xff, 0xda]));
    expect(jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xda])))).toEqual(bytes.subarray(scan));
    const pngStored = await readFileBuffer(t, stored[1]);
    expect(pngStored.includes(Buffer.from('作者王五'))).toBe(false);
    expect(pngStored.includes(Buffer.from('IDAT'))).toBe(true);
  });

  it('refuses a renamed program, a file over the category’s size and a kind the category does not take', async () => {
    const exe = await uploadFile(t, call.slug, 'photo', { name: '照片.jpg', content: SAMPLE_FILES.exe });
    expect(exe.statusCode).toBe(415);
    expect(exe.json().message).toMatch(/不是有效的 \.jpg 文件/);
    const big = Buffer.concat([jpegWithExif().bytes, Buffer.alloc(1024 * 1024 + 10)]);
    const over = await uploadFile(t, call.slug, 'photo', { name: '大图.jpg', content: big });
    expect(over.statusCode).toBe(413);
    expect(over.json().message).toMatch(/超过 1 MB/);
    const pdf = await uploadFile(t, call.slug, 'photo', { name: '说明.pdf', content: SAMPLE_FILES.pdf });
    expect(pdf.statusCode).toBe(415);
    expect(pdf.json().message).toBe('「摄影」类作品只接受图片，所选文件是PDF 文档');
    const film = await uploadFile(t, call.slug, 'film', { name: '短片.mp4', content: mp4Head() });
    expect(film.json()).toMatchObject({ kind: 'video', scrubbed: false });
    const nope = await uploadFile(t, call.slug, 'poetry', { name: '诗.txt', content: SAMPLE_FILES.txt });
    expect(nope.statusCode).toBe(400);
  });

  it('refuses a token for another category, another call, a forged one, and a file already used', async () => {
    const essay = await uploadToken(t, call.slug, 'essay', { name: '散文.pdf', content: SAMPLE_FILES.pdf });
    const wrong = await submitWork(
      t,
      call.slug,
      { title: '错类', categoryKey: 'photo', entrants: [person('钱二')], files: [essay] },
      { noticeId: notice.id },
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/不是为「摄影」类上传的/);
    const forged = essay.replace(/\.[\w-]{43}$/, `.${'A'.repeat(43)}`);
    const bad = await submitWork(
      t,
      call.slug,
      { title: '伪造', categoryKey: 'essay', entrants: [person('钱二')], files: [forged] },
      { noticeId: notice.id },
    );
    expect(bad.statusCode).toBe(400);
    const first = await submitWork(
      t,
      call.slug,
      { title: '散文一篇', categoryKey: 'essay', entrants: [person('钱二')], files: [essay] },
      { noticeId: notice.id },
    );
    expect(first.statusCode, first.body).toBe(200);
    const again = await submitWork(
      t,
      call.slug,
      { title: '再用一次', categoryKey: 'essay', entrants: [person('孙三')], files: [essay] },
      { noticeId: notice.id },
    );
    expect(again.statusCode).toBe(409);
  });
});

describe('submission', () => {
  it('stores the work, its entrants encrypted and blind-indexed, its files and its numbered entry in the call', async () => {
    const idNumber = freshId('19990315');
    const res = await photoWork('老街', [person('李小梅', { idNumber, phone: '13912345678' })]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().ageBands).toEqual(['adult']);
    const work = await workByReceipt(res.json().receiptCode);
    expect(work).toMatchObject({
      title: '老街',
      categoryKey: 'photo',
      status: 'active',
      unitId: call.unitId,
    });
    const [entrant] = await t.db.select().from(workEntrants).where(eq(workEntrants.workId, work.id));
    expect(entrant).toMatchObject({ name: '李小梅', birthDate: '1999-03-15', ageBand: 'adult', position: 0 });
    expect(entrant.idNumberEnc).not.toContain(idNumber);
    expect(decryptField(t.keys, entrant.idNumberEnc!)).toBe(idNumber);
    expect(entrant.idNumberIdx).toBe(blindIndex(t.keys, 'id_number', idNumber));
    expect(entrant.phoneIdx).toBe(blindIndex(t.keys, 'phone', '13912345678'));
    const [entry] = await t.db.select().from(callEntries).where(eq(callEntries.workId, work.id));
    expect(entry).toMatchObject({ callId: call.id, origin: 'public', status: 'submitted' });
    expect(entry.entryNo).toBeGreaterThan(0);
    const linked = await t.db.select().from(workFiles).where(eq(workFiles.workId, work.id));
    expect(linked).toMatchObject([{ kind: 'image', position: 0, scrubbed: true }]);
  });

  it('accepts a group up to the call’s size, lead first, and refuses a bigger one or a group where only singles enter', async () => {
    const res = await photoWork('三人行', [person('周甲'), person('吴乙', { phone: null }), person('郑丙')]);
    expect(res.statusCode, res.body).toBe(200);
    const work = await workByReceipt(res.json().receiptCode);
    const people = await t.db
      .select()
      .from(workEntrants)
      .where(eq(workEntrants.workId, work.id))
      .orderBy(workEntrants.position);
    expect(people.map((p) => [p.position, p.name, p.phoneEnc === null])).toEqual([
      [0, '周甲', false],
      [1, '吴乙', true],
      [2, '郑丙', false],
    ]);
    const four = await photoWork('四人', [person('甲'), person('乙'), person('丙'), person('丁')]);
    expect(four.statusCode).toBe(400);
    expect(four.json().message).toBe('本次征集的团体作品最多 3 人');
    const noPhone = await photoWork('无联系人', [person('王某', { phone: null })]);
    expect(noPhone.json().details[0].path).toBe('entrants.0.phone');

    const singles = await insertOpenCall(t, { allowGroups: false });
    const token = await uploadToken(t, singles.slug, 'photo', { name: 'a.png', content: pngWithText() });
    const pair = await submitWork(
      t,
      singles.slug,
      { title: '双人', categoryKey: 'photo', entrants: [person('甲'), person('乙')], files: [token] },
      { noticeId: notice.id },
    );
    expect(pair.statusCode).toBe(400);
    expect(pair.json().message).toMatch(/只接受个人作品/);
  });

  it('holds every entrant to the call’s ages on the closing date, naming the entrant; a child needs a guardian', async () => {
    const old = await photoWork('老照片', [
      person('甲'),
      person('钱老', { idNumber: freshId(bornAgo(40).replace(/-/g, '')) }),
    ]);
    expect(old.statusCode).toBe(400);
    expect(old.json().message).toMatch(
      /^参赛者「钱老」在截止日（\d{4}-\d{2}-\d{2}）为 40 周岁，不在本次征集 16–35 周岁的范围内$/,
    );
    expect(old.json().details[0].path).toBe('entrants.1.idNumber');

    // 35 today but 36 on the closing date: out.
    const turning = await photoWork('临界', [
      person('孙临', { idNumber: undefined, birthDate: bornAgo(36, -10) }),
    ]);
    expect(turning.statusCode).toBe(400);
    expect(turning.json().message).toMatch(/为 36 周岁/);

    const kids = await insertOpenCall(t, { ageMin: 10, ageMax: 18 });
    const token = await uploadToken(t, kids.slug, 'photo', { name: 'kid.png', content: pngWithText() });
    const child = { name: '小明', birthDate: bornAgo(12), phone: freshPhone() };
    const noGuardian = await submitWork(
      t,
      kids.slug,
      { title: '画', categoryKey: 'photo', entrants: [child], files: [token] },
      { noticeId: notice.id },
    );
    expect(noGuardian.statusCode).toBe(400);
    expect(noGuardian.json().message).toMatch(/^第 1 位参赛者：不满 14 周岁须由监护人同意/);
    expect(noGuardian.json().details[0].path).toBe('entrants.0.guardianName');
    const withGuardian = await submitWork(
      t,
      kids.slug,
      {
        title: '画',
        categoryKey: 'photo',
        entrants: [{ ...child, guardianName: '王芳', guardianRelation: '母亲', guardianConsent: true }],
        files: [token],
      },
      { noticeId: notice.id },
    );
    expect(withGuardian.statusCode, withGuardian.body).toBe(200);
    expect(withGuardian.json().ageBands).toEqual(['child']);
    const work = await workByReceipt(withGuardian.json().receiptCode);
    const consents = await t.db
      .select()
      .from(consentRecords)
      .where(and(eq(consentRecords.subjectKind, 'work'), eq(consentRecords.subjectId, work.id)));
    expect(consents).toMatchObject([
      { purpose: 'registration', guardianName: '王芳', guardianRelation: '母亲' },
    ]);
  });

  it('takes entries only between opening and closing', async () => {
    for (const [o, message] of [
      [{ opensAt: new Date(Date.now() + 86_400_000) }, '征集尚未开始，请在开始时间后再提交'],
      [
        { opensAt: new Date(Date.now() - 2 * 86_400_000), closesAt: new Date(Date.now() - 60_000) },
        '征集已截止，不再接受作品',
      ],
    ] as const) {
      const shut = await insertOpenCall(t, o);
      const upload = await uploadFile(t, shut.slug, 'photo', { name: 'a.png', content: pngWithText() });
      expect(upload.statusCode).toBe(409);
      const res = await submitWork(
        t,
        shut.slug,
        {
          title: '迟到',
          categoryKey: 'photo',
          entrants: [person('迟某')],
          files: ['wf1.1.1.cGhvdG8.image.0.1.x'],
        },
        { noticeId: notice.id },
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().message).toBe(message);
    }
  });

  it('stores nothing for a robot that fills the honeypot, yet answers as if accepted', async () => {
    const [before] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from works`);
    const token = await uploadToken(t, call.slug, 'photo', { name: 'a.png', content: pngWithText() });
    const res = await submitWork(
      t,
      call.slug,
      { title: '机器人', categoryKey: 'photo', entrants: [person('机器')], files: [token] },
      { noticeId: notice.id, website: 'http://spam.example' },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().receiptCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [after] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from works`);
    expect(after.n).toBe(before.n);
  });

  it('links an entrant to the registry record with the same ID number, else the same phone', async () => {
    const idNumber = freshId('19960101');
    const phone = freshPhone();
    const byId = (await op.post('/api/youth', { name: '陈已登', idNumber })).json().youth.id as number;
    const byPhone = (await op.post('/api/youth', { name: '林已登', phone })).json().youth.id as number;
    const res = await photoWork('已登记的人', [
      person('陈已登', { idNumber }),
      person('林已登', { phone }),
      person('新人'),
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const work = await workByReceipt(res.json().receiptCode);
    const people = await t.db
      .select({ matched: workEntrants.matchedYouthId, youthId: workEntrants.youthId })
      .from(workEntrants)
      .where(eq(workEntrants.workId, work.id))
      .orderBy(workEntrants.position);
    expect(people).toEqual([
      { matched: byId, youthId: null },
      { matched: byPhone, youthId: null },
      { matched: null, youthId: null },
    ]);
  });

  it('records the registration consent and, only when given, a separate publicity consent', async () => {
    const without = await photoWork('不公开', [person('甲一')]);
    const withIt = await photoWork('可公开', [person('乙二'), person('丙三')], true);
    const rows = async (code: string) => {
      const work = await workByReceipt(code);
      return {
        work,
        consents: await t.db
          .select()
          .from(consentRecords)
          .where(and(eq(consentRecords.subjectKind, 'work'), eq(consentRecords.subjectId, work.id)))
          .orderBy(consentRecords.id),
      };
    };
    const a = await rows(without.json().receiptCode);
    expect(a.work.publicityConsent).toBe(false);
    expect(a.consents.map((c) => c.purpose)).toEqual(['registration']);
    expect(a.consents[0]).toMatchObject({
      noticeId: notice.id,
      noticeVersion: notice.version,
      noticeHash: notice.contentHash,
      pagePath: `/m/c/${call.slug}`,
      ipAnon: '10.1.2.0',
      channel: 'web',
      withdrawnAt: null,
    });
    const b = await rows(withIt.json().receiptCode);
    expect(b.work.publicityConsent).toBe(true);
    expect(b.consents.map((c) => c.purpose)).toEqual([
      'registration',
      'registration',
      'publicity',
      'publicity',
    ]);
  });

  it('gives two submissions arriving together distinct entry numbers', async () => {
    const tokens = await Promise.all(
      [1, 2, 3].map(() => uploadToken(t, call.slug, 'photo', { name: 'a.png', content: pngWithText() })),
    );
    const results = await Promise.all(
      tokens.map((token, i) =>
        submitWork(
          t,
          call.slug,
          { title: `同时 ${i}`, categoryKey: 'photo', entrants: [person(`并发${i}`)], files: [token] },
          { noticeId: notice.id },
        ),
      ),
    );
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    const numbers = await queryRows<{ entryNo: number }>(
      t.db,
      sql`select e.entry_no as "entryNo" from call_entries e join works w on w.id = e.work_id
          where e.call_id = ${call.id} and w.title like '同时 %'`,
    );
    expect(new Set(numbers.map((n) => n.entryNo)).size).toBe(3);
    const [{ max, n }] = await queryRows<{ max: number; n: number }>(
      t.db,
      sql`select max(entry_no)::int as max, count(*)::int as n from call_entries where call_id = ${call.id}`,
    );
    expect(max).toBe(n);
  });

  it('refuses a submission made under a notice that has since been replaced (409)', async () => {
    const token = await uploadToken(t, call.slug, 'photo', { name: 'a.png', content: pngWithText() });
    const newer = await publishNotice(op, '南昌市东湖区（第二版）');
    const stale = await submitWork(
      t,
      call.slug,
      { title: '旧规则', categoryKey: 'photo', entrants: [person('旧某')], files: [token] },
      { noticeId: notice.id },
    );
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toBe('个人信息处理规则已更新，请刷新页面后重新阅读');
    notice = newer;
    const fresh = await submitWork(
      t,
      call.slug,
      { title: '新规则', categoryKey: 'photo', entrants: [person('新某')], files: [token] },
      { noticeId: notice.id },
    );
    expect(fresh.statusCode, fresh.body).toBe(200);
  });
});

describe('files stay out of reach until linked', () => {
  it('keeps an upload unlinked (for the sweep) until a submission names it', async () => {
    const res = await uploadFile(t, call.slug, 'photo', { name: 'a.png', content: pngWithText() });
    const fileId = Number(res.json().token.split('.')[1]);
    const [row] = await t.db.select().from(files).where(eq(files.id, fileId));
    expect(row).toMatchObject({ unitId: call.unitId, createdBy: null, mime: 'image/png' });
    expect(await t.db.select().from(workFiles).where(eq(workFiles.fileId, fileId))).toEqual([]);
  });
});
