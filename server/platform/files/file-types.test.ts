import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectFileType, MEDIA_FILES } from './file-types';
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

/** Headers of real audio and video files, as recorders, phones and editors write them. */
const ftyp = (major: string, ...compatible: string[]) => {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, 'latin1');
  compatible.forEach((b, i) => box.write(b, 16 + 4 * i, 'latin1'));
  return box;
};
const ebml = (docType: string) =>
  Buffer.concat([
    Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x80 | docType.length]),
    Buffer.from(docType),
  ]);
const ogg = (packet: string) =>
  Buffer.concat([Buffer.from('OggS'), Buffer.alloc(24), Buffer.from(packet, 'latin1')]);
const MEDIA: Record<string, Buffer> = {
  mp3Id3: Buffer.concat([Buffer.from('ID3\x04\0\0\0\0\0\x10', 'latin1'), Buffer.alloc(64)]),
  // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz.
  mp3Frame: Buffer.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]),
  m4a: ftyp('M4A ', 'M4A ', 'mp42', 'isom'),
  mp4: ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'),
  mov: ftyp('qt  ', 'qt  '),
  wav: Buffer.concat([
    Buffer.from('RIFF'),
    Buffer.from([36, 0, 0, 0]),
    Buffer.from('WAVEfmt '),
    Buffer.alloc(24),
  ]),
  webm: ebml('webm'),
  mkv: ebml('matroska'),
  oggVorbis: ogg('\x01vorbis'),
  oggTheora: ogg('\x80theora'),
};

describe('audio and video by content (works entered in calls)', () => {
  const media = (bytes: Buffer, name: string) => {
    const file = path.join(dir, String(++seq));
    fs.writeFileSync(file, bytes);
    return detectFileType(file, name, bytes.length, MEDIA_FILES);
  };

  it('recognises MP3, M4A, MP4, MOV, WAV, WebM, MKV and Ogg by their headers', async () => {
    const cases: [Buffer, string, string][] = [
      [MEDIA.mp3Id3, '歌.mp3', 'audio/mpeg'],
      [MEDIA.mp3Frame, '歌.mp3', 'audio/mpeg'],
      [MEDIA.m4a, '录音.m4a', 'audio/mp4'],
      [MEDIA.mp4, '短片.mp4', 'video/mp4'],
      [MEDIA.mov, 'iPhone.MOV', 'video/quicktime'],
      [MEDIA.wav, '朗诵.wav', 'audio/wav'],
      [MEDIA.webm, '录屏.webm', 'video/webm'],
      [MEDIA.mkv, '剪辑.mkv', 'video/x-matroska'],
      [MEDIA.oggVorbis, '曲.ogg', 'audio/ogg'],
      [MEDIA.oggTheora, '片.ogg', 'video/ogg'],
      // The container family proves the content; the extension says sound or pictures.
      [MEDIA.mp4, '录音.m4a', 'audio/mp4'],
      [MEDIA.m4a, '歌.mp4', 'video/mp4'],
      [MEDIA.mov, '片.mp4', 'video/mp4'],
      [MEDIA.webm, '片.mkv', 'video/x-matroska'],
      // Documents and images are still themselves.
      [SAMPLE_FILES.pdf, '剧本.pdf', 'application/pdf'],
      [SAMPLE_FILES.png, '海报.png', 'image/png'],
    ];
    for (const [bytes, name, mime] of cases) expect((await media(bytes, name)).mime, name).toBe(mime);
  });

  it('refuses renamed programs, unknown brands and media across families', async () => {
    await expect(media(SAMPLE_FILES.exe, '歌.mp3')).rejects.toThrow(/不是有效的 \.mp3 文件/);
    await expect(media(ftyp('heic', 'mif1', 'heic'), '照片.mp4')).rejects.toThrow(/不是有效的 \.mp4 文件/);
    await expect(media(MEDIA.wav, '歌.mp3')).rejects.toThrow(/文件内容是WAV 音频，与扩展名 \.mp3 不符/);
    await expect(media(MEDIA.mp4, '片.webm')).rejects.toThrow(/与扩展名 \.webm 不符/);
    // ADTS AAC (layer 0) is not MP3.
    await expect(media(Buffer.from([0xff, 0xf1, 0x50, 0x80, 0, 0]), 'a.mp3')).rejects.toThrow(/不是有效的/);
    await expect(media(SAMPLE_FILES.exe, 'a.exe')).rejects.toThrow(/音频（MP3\/M4A\/WAV\/OGG）或视频/);
  });

  it('leaves every other upload as it was: documents and images only', async () => {
    for (const [name, bytes] of [
      ['歌.mp3', MEDIA.mp3Id3],
      ['片.mp4', MEDIA.mp4],
      ['朗诵.wav', MEDIA.wav],
    ] as const) {
      await expect(detect(bytes, name)).rejects.toThrow(/不支持上传/);
    }
    await expect(detect(MEDIA.mp4, '证书.pdf')).rejects.toThrow(/不是有效的 \.pdf 文件/);
  });

  it('answers any bytes under any media name with a type that name allows or a 415, never another error', async () => {
    const names = MEDIA_FILES.types.flatMap((t) => t.extensions);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ minLength: 1, maxLength: 64 }).map((b) => Buffer.from(b)),
          fc
            .tuple(fc.constantFrom(...Object.values(MEDIA)), fc.uint8Array({ maxLength: 64 }))
            .map(([h, tail]) => Buffer.concat([h, Buffer.from(tail)])),
        ),
        fc.constantFrom(...names),
        async (bytes, ext) => {
          const outcome = await media(bytes, `x.${ext}`).then(
            (type) => ({ type }),
            (error: unknown) => ({ error }),
          );
          if ('error' in outcome) expect(outcome.error).toMatchObject({ status: 415 });
          else
            expect(outcome.type.extensions.includes(ext) || outcome.type.mime.startsWith('image/'), ext).toBe(
              true,
            );
        },
      ),
      { numRuns: 200 },
    );
  });
});
