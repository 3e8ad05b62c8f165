import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scrubJpeg, scrubPng } from './work-scrub';
import { jpegWithExif, pngChunk, pngWithText } from './works-test-fixtures';

/** A JPEG segment: marker, length, payload. */
const segment = (marker: number, payload: Uint8Array) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, Buffer.from(payload)]);
};

const ICC = Buffer.from('ICC_PROFILE\0', 'latin1');
/** What a segment is for the scrubber: metadata to drop, or structure to keep. */
type Seg = { marker: number; payload: Uint8Array; meta: boolean };

const payload = fc.uint8Array({ maxLength: 300 });
const jpegSegment: fc.Arbitrary<Seg> = fc.oneof(
  // EXIF/XMP (APP1), other APPn, comments: metadata.
  fc.record({
    marker: fc.constantFrom(
      0xe1,
      0xe3,
      0xe4,
      0xe5,
      0xe6,
      0xe7,
      0xe8,
      0xe9,
      0xea,
      0xeb,
      0xec,
      0xed,
      0xef,
      0xfe,
    ),
    payload,
    meta: fc.constant(true),
  }),
  // APP2 that is not an ICC profile (FlashPix, MPF): metadata.
  fc.record({
    marker: fc.constant(0xe2),
    payload: payload.filter((p) => !Buffer.from(p).subarray(0, 12).equals(ICC)),
    meta: fc.constant(true),
  }),
  // JFIF, ICC profile, Adobe, tables and frame headers: kept.
  fc.record({
    marker: fc.constantFrom(0xe0, 0xee, 0xdb, 0xc4, 0xc0, 0xc2, 0xdd),
    payload,
    meta: fc.constant(false),
  }),
  fc.record({
    marker: fc.constant(0xe2),
    payload: payload.map((p) => Buffer.concat([ICC, p])),
    meta: fc.constant(false),
  }),
);

const jpeg = fc
  .record({ segments: fc.array(jpegSegment, { maxLength: 12 }), scan: fc.uint8Array({ maxLength: 500 }) })
  .map(({ segments, scan }) => {
    const scanData = Buffer.concat([
      segment(0xda, Uint8Array.from([1, 1, 0, 0, 0x3f, 0])),
      Buffer.from(scan),
      Buffer.from([0xff, 0xd9]),
    ]);
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      ...segments.map((s) => segment(s.marker, s.payload)),
      scanData,
    ]);
    const expected = Buffer.concat([
      Buffer.from([0xff, 0xd8]),
      ...segments.filter((s) => !s.meta).map((s) => segment(s.marker, s.payload)),
      scanData,
    ]);
    return { bytes, expected };
  });

describe('scrubJpeg', () => {
  it('drops exactly the metadata segments, keeps the others in order and the scan byte for byte', () => {
    fc.assert(
      fc.property(jpeg, ({ bytes, expected }) => {
        expect(scrubJpeg(bytes)).toEqual(expected);
      }),
    );
  });

  it('is idempotent and never grows a file', () => {
    fc.assert(
      fc.property(jpeg, ({ bytes }) => {
        const once = scrubJpeg(bytes)!;
        expect(once.length).toBeLessThanOrEqual(bytes.length);
        expect(scrubJpeg(once)).toEqual(once);
      }),
    );
  });

  it('gives up (null) on anything that is not a well-formed JPEG instead of guessing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const out = scrubJpeg(Buffer.from(bytes));
        if (out !== null) expect(out.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      }),
    );
    fc.assert(
      fc.property(jpeg, fc.nat(), ({ bytes }, cut) => {
        const scan = bytes.indexOf(Buffer.from([0xff, 0xda]));
        const truncated = bytes.subarray(0, 2 + (cut % Math.max(1, scan - 2)));
        expect(scrubJpeg(truncated)).toBeNull();
      }),
    );
  });

  it('removes the camera’s EXIF, the XMP author and the comment from a camera-like JPEG', () => {
    const { bytes, secrets } = jpegWithExif();
    const out = scrubJpeg(bytes)!;
    for (const s of secrets) expect(out.includes(Buffer.from(s))).toBe(false);
  });
});

const META = ['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME'];
const KEPT = ['PLTE', 'IDAT', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'pHYs', 'bKGD', 'tRNS'];
const png = fc
  .array(fc.record({ type: fc.constantFrom(...META, ...KEPT), data: fc.uint8Array({ maxLength: 200 }) }), {
    maxLength: 12,
  })
  .map((chunks) => {
    const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const ihdr = pngChunk('IHDR', Buffer.from([0, 0, 0, 8, 0, 0, 0, 8, 8, 2, 0, 0, 0]));
    const iend = pngChunk('IEND', new Uint8Array());
    const all = chunks.map((c) => ({ ...c, bytes: pngChunk(c.type, c.data) }));
    return {
      bytes: Buffer.concat([signature, ihdr, ...all.map((c) => c.bytes), iend]),
      expected: Buffer.concat([
        signature,
        ihdr,
        ...all.filter((c) => !META.includes(c.type)).map((c) => c.bytes),
        iend,
      ]),
    };
  });

describe('scrubPng', () => {
  it('drops exactly the text, EXIF and time chunks, every other chunk unchanged with its CRC', () => {
    fc.assert(
      fc.property(png, ({ bytes, expected }) => {
        const out = scrubPng(bytes)!;
        expect(out).toEqual(expected);
        expect(scrubPng(out)).toEqual(out);
      }),
    );
  });

  it('gives up on a truncated PNG and on bytes that are not one', () => {
    fc.assert(
      fc.property(png, fc.nat(), ({ bytes }, cut) => {
        expect(scrubPng(bytes.subarray(0, cut % (bytes.length - 1)))).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(scrubPng(Buffer.from(b))).toBeNull();
      }),
    );
  });

  it('removes the author from a real PNG and keeps its picture', () => {
    const out = scrubPng(pngWithText('作者王五'))!;
    expect(out.includes(Buffer.from('作者王五'))).toBe(false);
    expect(out.includes(Buffer.from('IDAT'))).toBe(true);
  });
});
