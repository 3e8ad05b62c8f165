import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectFileType } from './file-types';
import { SAMPLE_FILES } from './test-files';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-filetype-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let seq = 0;
function detect(bytes: Buffer, name: string) {
  const file = path.join(dir, String(++seq));
  fs.writeFileSync(file, bytes);
  return detectFileType(file, name, bytes.length);
}

describe('file types by content', () => {
  it('accepts every allowed kind under its own extension, with the type read from the content', async () => {
    const cases: [Buffer, string, string][] = [
      [SAMPLE_FILES.pdf, '荣誉证书.pdf', 'application/pdf'],
      [SAMPLE_FILES.jpg, '照片.JPG', 'image/jpeg'],
      [SAMPLE_FILES.jpg, '照片.jpeg', 'image/jpeg'],
      [SAMPLE_FILES.png, 'a.png', 'image/png'],
      [SAMPLE_FILES.gif, 'a.gif', 'image/gif'],
      [SAMPLE_FILES.webp, 'a.webp', 'image/webp'],
      [
        SAMPLE_FILES.docx,
        '协议.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
      [SAMPLE_FILES.xlsx, '作品.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [
        SAMPLE_FILES.pptx,
        '展示.pptx',
        'application/vnd.openxmlformats-officedocument.presentationml.presentation',
      ],
      [SAMPLE_FILES.doc, '旧协议.doc', 'application/msword'],
      [SAMPLE_FILES.doc, '旧表格.xls', 'application/vnd.ms-excel'],
      [SAMPLE_FILES.txt, '清单.txt', 'text/plain'],
      // GBK text (青年 + CRLF), as Notepad on a Chinese Windows saves it.
      [Buffer.from([0xc7, 0xe0, 0xc4, 0xea, 0x0d, 0x0a]), 'gbk.txt', 'text/plain'],
      // A photo whose extension names another image format is kept, with its real type.
      [SAMPLE_FILES.png, '微信图片.jpg', 'image/png'],
    ];
    for (const [bytes, name, mime] of cases) expect((await detect(bytes, name)).mime, name).toBe(mime);
  });

  it('refuses programs, renamed files and anything off the list, in Chinese', async () => {
    await expect(detect(SAMPLE_FILES.exe, 'setup.exe')).rejects.toThrow(/不支持上传 \.exe 文件/);
    await expect(detect(SAMPLE_FILES.exe, '证书.pdf')).rejects.toThrow(/不是有效的 \.pdf 文件/);
    await expect(detect(SAMPLE_FILES.exe, '说明.txt')).rejects.toThrow(/不是有效的 \.txt 文件/);
    await expect(detect(SAMPLE_FILES.pdf, '协议.docx')).rejects.toThrow(
      /文件内容是PDF 文档，与扩展名 \.docx 不符/,
    );
    await expect(detect(SAMPLE_FILES.zip, '协议.docx')).rejects.toThrow(/不是有效的 \.docx 文件/);
    await expect(detect(SAMPLE_FILES.docx, '表格.xlsx')).rejects.toThrow(/与扩展名 \.xlsx 不符/);
    await expect(detect(SAMPLE_FILES.png, '图.pdf')).rejects.toThrow(/与扩展名 \.pdf 不符/);
    await expect(detect(SAMPLE_FILES.pdf, 'README')).rejects.toThrow(/没有扩展名/);
    await expect(detect(SAMPLE_FILES.docx.subarray(0, 40), '坏.docx')).rejects.toThrow(/已损坏或不完整/);
    const refused = await detect(SAMPLE_FILES.exe, 'a.pdf').catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 415, code: 'unsupported_file_type' });
  });
});
