/**
 * Metadata a photo carries that judges must not see (GPS position, camera owner, the author's name,
 * editing history): removed before a work's image is stored. Pure functions over the file's bytes; when a
 * file does not parse as expected the caller stores it unchanged and marks it not scrubbed.
 */

const JPEG_SOI = 0xd8;
const JPEG_SOS = 0xda;
const JPEG_EOI = 0xd9;
const JPEG_COM = 0xfe;
const JPEG_APP0 = 0xe0;
const JPEG_APP2 = 0xe2;
const JPEG_APP14 = 0xee;

/** Markers that stand alone, without a length: TEM and the restart markers. */
const standalone = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7);

/**
 * Kept application segments: APP0 (JFIF: pixel density), APP2 when it is an ICC colour profile, APP14
 * (Adobe: the colour transform). Everything else in APP1–APP15 (EXIF, XMP, IPTC, maker notes) and
 * comments go.
 */
function keepJpegSegment(marker: number, payload: Buffer): boolean {
  if (marker === JPEG_COM) return false;
  if (marker < JPEG_APP0 || marker > 0xef) return true;
  if (marker === JPEG_APP0 || marker === JPEG_APP14) return true;
  return marker === JPEG_APP2 && payload.subarray(0, 12).toString('latin1') === 'ICC_PROFILE\0';
}

/**
 * A JPEG without its EXIF, XMP, IPTC and comment segments: the segments before the first scan are
 * filtered; from the first scan on the bytes are copied as they are (the image data itself). Null when
 * the segment structure is broken.
 */
export function scrubJpeg(bytes: Buffer): Buffer | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== JPEG_SOI) return null;
  const kept: Buffer[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    let next = at + 1;
    while (next < bytes.length && bytes[next] === 0xff) next += 1; // fill bytes
    if (next >= bytes.length) return null;
    const marker = bytes[next];
    const start = next - 1;
    if (marker === JPEG_SOS || marker === JPEG_EOI) {
      kept.push(bytes.subarray(start));
      return Buffer.concat(kept);
    }
    if (standalone(marker)) {
      kept.push(bytes.subarray(start, next + 1));
      at = next + 1;
      continue;
    }
    if (next + 3 > bytes.length) return null;
    const length = bytes.readUInt16BE(next + 1);
    const end = next + 1 + length;
    if (length < 2 || end > bytes.length) return null;
    if (keepJpegSegment(marker, bytes.subarray(next + 3, end))) kept.push(bytes.subarray(start, end));
    at = end;
  }
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Text (author, software, comments), EXIF and the last-modified time. */
const PNG_METADATA_CHUNKS = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

/**
 * A PNG without its text, EXIF and time chunks; every other chunk is copied with its own CRC, so the
 * picture is unchanged. Null when the chunk structure is broken or IEND never comes.
 */
export function scrubPng(bytes: Buffer): Buffer | null {
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  const kept: Buffer[] = [PNG_SIGNATURE];
  let at = PNG_SIGNATURE.length;
  while (at + 12 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > bytes.length) return null;
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    if (!PNG_METADATA_CHUNKS.has(type)) kept.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') return Buffer.concat(kept);
  }
  return null;
}
