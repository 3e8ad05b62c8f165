import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { blobPath } from '../../platform/files/file-store';
import { multipart, SAMPLE_FILES } from '../../platform/files/test-files';
import { createTestContext, createUser, login, type Agent, type TestContext } from '../../test/harness';

let t: TestContext;
let dataDir: string;
let donghuOp: Agent; // 东湖区 operator: keeps the person
let cityOp: Agent; // 南昌市, the parent
let cityLeader: Agent; // 南昌市 leader: may read, not write
let xihuOp: Agent; // 西湖区, the sibling county
let personId: number;

type Attachment = {
  id: number;
  kind: string;
  note: string | null;
  fileName: string;
  size: number;
  mime: string;
};

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-attach-'));
  t = await createTestContext({ dataDir });
  donghuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360102', totp: false }));
  cityOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360100', totp: false }));
  cityLeader = await login(t, await createUser(t, { role: 'leader', unitCode: '360100', totp: false }));
  xihuOp = await login(t, await createUser(t, { role: 'operator', unitCode: '360103', totp: false }));
  const res = await donghuOp.post('/api/youth', { name: '附件青年' });
  expect(res.statusCode, res.body).toBe(200);
  personId = (res.json() as { youth: { id: number } }).youth.id;
});

afterAll(async () => {
  await t?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const base = () => `/api/youth/${personId}/attachments`;

function send(agent: Agent, fields: Record<string, string>, name: string, content: Buffer, url = base()) {
  return agent.request({ method: 'POST', url, ...multipart(fields, { name, content }) });
}

async function list(agent: Agent): Promise<Attachment[]> {
  const res = await agent.get(base());
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Attachment[] }).items;
}

const auditCount = async (action: string) =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_log where action = ${action} and target_id = ${String(personId)}`,
    )
  )[0].n;

describe('attachments on a person', () => {
  it('uploads, lists and downloads the same bytes under the Chinese file name; the blob is encrypted', async () => {
    const res = await send(
      donghuOp,
      { kind: '证书', note: '2025 年度优秀作品奖' },
      '获奖证书 (扫描件).pdf',
      SAMPLE_FILES.pdf,
    );
    expect(res.statusCode, res.body).toBe(200);
    const created = res.json() as Attachment;
    expect(created).toMatchObject({
      kind: '证书',
      note: '2025 年度优秀作品奖',
      fileName: '获奖证书 (扫描件).pdf',
      mime: 'application/pdf',
      size: SAMPLE_FILES.pdf.length,
    });

    // The parent city sees it too, and so does a read-only leader.
    expect((await list(cityOp)).map((a) => a.id)).toEqual([created.id]);
    expect((await list(cityLeader)).map((a) => a.fileName)).toEqual(['获奖证书 (扫描件).pdf']);

    const download = await cityLeader.get(`${base()}/${created.id}/file`);
    expect(download.statusCode, download.body).toBe(200);
    expect(download.rawPayload.equals(SAMPLE_FILES.pdf)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="____ (___).pdf"; filename*=UTF-8''${encodeURIComponent('获奖证书')}%20%28${encodeURIComponent('扫描件')}%29.pdf`,
    );

    const [file] = await queryRows<{ storageKey: string; name: string; unitId: number }>(
      t.db,
      sql`select f.storage_key as "storageKey", f.name, f.unit_id as "unitId" from files f
          join youth_attachments a on a.file_id = f.id where a.id = ${created.id}`,
    );
    expect(file.storageKey).not.toContain('证书');
    const blob = fs.readFileSync(blobPath(dataDir, file.storageKey));
    expect(blob.includes(SAMPLE_FILES.pdf.subarray(0, 20))).toBe(false);
    expect(blob.includes(Buffer.from('%PDF'))).toBe(false);

    expect(await auditCount('youth.attachment_uploaded')).toBe(1);
    expect(await auditCount('youth.attachment_downloaded')).toBe(1);
  });

  it('keeps a sibling county out: 404 for list, upload, download and delete', async () => {
    const [one] = await list(donghuOp);
    expect((await xihuOp.get(base())).statusCode).toBe(404);
    const upload = await send(xihuOp, { kind: '照片' }, 'p.png', SAMPLE_FILES.png);
    expect(upload.statusCode).toBe(404);
    expect(upload.body).not.toContain('附件青年');
    expect((await xihuOp.get(`${base()}/${one.id}/file`)).statusCode).toBe(404);
    expect((await xihuOp.delete(`${base()}/${one.id}`)).statusCode).toBe(404);
    // An attachment id under another person's address is not found either.
    const other = (await donghuOp.post('/api/youth', { name: '另一青年' })).json() as {
      youth: { id: number };
    };
    expect((await donghuOp.get(`/api/youth/${other.youth.id}/attachments/${one.id}/file`)).statusCode).toBe(
      404,
    );
    expect(
      (
        await cityLeader.request({
          method: 'POST',
          url: base(),
          ...multipart({ kind: '照片' }, { name: 'p.png', content: SAMPLE_FILES.png }),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('refuses a program, a renamed file, a bad kind and a file over 20 MB, storing nothing', async () => {
    const before = fs.readdirSync(path.join(dataDir, 'files'), { recursive: true }).length;
    const exe = await send(donghuOp, { kind: '其他' }, 'setup.exe', SAMPLE_FILES.exe);
    expect(exe.statusCode).toBe(415);
    expect(exe.json().message).toContain('不支持上传 .exe 文件');
    const renamed = await send(donghuOp, { kind: '证书' }, '证书.pdf', SAMPLE_FILES.exe);
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json().message).toContain('不是有效的 .pdf 文件');
    const docx = await send(donghuOp, { kind: '协议' }, '协议.docx', SAMPLE_FILES.pdf);
    expect(docx.statusCode).toBe(415);
    const kind = await send(donghuOp, { kind: '病历' }, 'a.pdf', SAMPLE_FILES.pdf);
    expect(kind.statusCode).toBe(400);
    expect(kind.body).toContain('请选择附件类别');
    const big = Buffer.concat([SAMPLE_FILES.pdf, Buffer.alloc(20 * 1024 * 1024)]);
    const tooBig = await send(donghuOp, { kind: '作品' }, '作品集.pdf', big);
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().message).toContain('20 MB');
    expect(fs.readdirSync(path.join(dataDir, 'files'), { recursive: true })).toHaveLength(before);
    expect(fs.readdirSync(path.join(dataDir, 'tmp', 'uploads'))).toEqual([]);
    expect(await list(donghuOp)).toHaveLength(1);
  });

  it('deletes softly: gone from the list and the download, the file row and the audit stay', async () => {
    const res = await send(donghuOp, { kind: '照片', note: '' }, '活动照片.jpg', SAMPLE_FILES.jpg);
    expect(res.statusCode, res.body).toBe(200);
    const photo = res.json() as Attachment;
    expect(photo.note).toBeNull();
    expect((await list(donghuOp)).map((a) => a.fileName)).toEqual(['活动照片.jpg', '获奖证书 (扫描件).pdf']);

    expect((await cityLeader.delete(`${base()}/${photo.id}`)).statusCode).toBe(403);
    const del = await cityOp.delete(`${base()}/${photo.id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await list(donghuOp)).map((a) => a.fileName)).toEqual(['获奖证书 (扫描件).pdf']);
    expect((await donghuOp.get(`${base()}/${photo.id}/file`)).statusCode).toBe(404);
    expect((await cityOp.delete(`${base()}/${photo.id}`)).statusCode).toBe(404);
    const [row] = await queryRows<{ deletedBy: number | null }>(
      t.db,
      sql`select deleted_by as "deletedBy" from youth_attachments where id = ${photo.id}`,
    );
    expect(row.deletedBy).toBe(cityOp.user.id);
    expect(await auditCount('youth.attachment_deleted')).toBe(1);
  });
});
