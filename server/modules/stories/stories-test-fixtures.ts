/**
 * A small JPEG as a phone writes one: JFIF, then an EXIF segment naming a place and an owner, a comment,
 * then the scan. Enough for the type check and the metadata scrub (which stops at the scan).
 */
export const COVER_SECRETS = ['GPS 28.68N 115.89E', 'Owner 王小明', 'comment 拍摄于东湖区'];

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

export function tinyJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(
      0xe1,
      Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(COVER_SECRETS.slice(0, 2).join(';'))]),
    ),
    segment(0xfe, Buffer.from(COVER_SECRETS[2])),
    segment(0xdb, Buffer.alloc(65, 1)),
    Buffer.from([0xff, 0xda, 0, 8, 1, 1, 0, 0, 0x3f, 0]),
    Buffer.alloc(32, 0x55),
    Buffer.from([0xff, 0xd9]),
  ]);
}
