import type { Certificate } from '../../../../../common/contracts/awards';
import { BRAND_RED } from '../../../app/theme';
import { a4Pdf, DRAW_FONT, drawLines, drawQr, fontReady } from '../../../components/share/canvas-draw';

/** A4 landscape at 150 dpi, like the posters. */
const WIDTH = 1754;
const HEIGHT = 1240;
const INK = '#1f1f1f';
const MUTED = '#595959';
const GOLD = '#b8860b';

export type CertificateSheet = Certificate & { unitName: string; callTitle: string; issuedAt: string };

const dateText = (iso: string) =>
  new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' });

/** 张三、李四 or 星火乐队（张三、李四）: how the holder is addressed. */
function holder(c: Certificate) {
  const names = c.names.join('、');
  return c.groupName ? `${c.groupName}（${names}）` : names;
}

/** One certificate: the award, who and what for, the issuing unit and date, and the code with its QR. */
async function drawCertificate(c: CertificateSheet): Promise<HTMLCanvasElement> {
  await fontReady(`荣誉证书${c.unitName}${c.callTitle}${holder(c)}${c.workTitle}${c.levelLabel}`);
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持生成证书');
  ctx.fillStyle = '#fffdf7';
  ctx.fillRect(0, 0, WIDTH, HEIGHT);
  ctx.strokeStyle = BRAND_RED;
  ctx.lineWidth = 14;
  ctx.strokeRect(48, 48, WIDTH - 96, HEIGHT - 96);
  ctx.strokeStyle = GOLD;
  ctx.lineWidth = 3;
  ctx.strokeRect(80, 80, WIDTH - 160, HEIGHT - 160);

  const centre = { centerX: WIDTH / 2, width: WIDTH - 360 };
  drawLines(ctx, '荣 誉 证 书', {
    ...centre,
    y: 170,
    size: 110,
    weight: 700,
    color: BRAND_RED,
    lineHeight: 130,
    maxLines: 1,
  });
  let y = drawLines(ctx, holder(c), {
    ...centre,
    y: 380,
    size: 64,
    weight: 700,
    color: INK,
    lineHeight: 84,
    maxLines: 2,
  });
  y = drawLines(ctx, `您的作品《${c.workTitle}》在「${c.callTitle}」中荣获`, {
    ...centre,
    y: y + 40,
    size: 44,
    color: INK,
    lineHeight: 64,
    maxLines: 3,
  });
  y = drawLines(ctx, c.levelLabel, {
    ...centre,
    y: y + 30,
    size: 96,
    weight: 700,
    color: BRAND_RED,
    lineHeight: 116,
    maxLines: 1,
  });
  drawLines(ctx, '特发此证，以资鼓励。', {
    ...centre,
    y: y + 30,
    size: 40,
    color: MUTED,
    lineHeight: 56,
    maxLines: 1,
  });

  const right = { centerX: WIDTH - 460, width: 620 };
  drawLines(ctx, c.unitName, {
    ...right,
    y: HEIGHT - 300,
    size: 44,
    weight: 700,
    color: INK,
    lineHeight: 60,
    maxLines: 2,
  });
  drawLines(ctx, dateText(c.issuedAt), {
    ...right,
    y: HEIGHT - 200,
    size: 38,
    color: INK,
    lineHeight: 52,
    maxLines: 1,
  });

  const qr = 200;
  const url = new URL(c.verifyPath, window.location.origin).toString();
  drawQr(ctx, url, 150, HEIGHT - 150 - qr, qr);
  ctx.font = `400 26px ${DRAW_FONT}`;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = MUTED;
  ctx.fillText(`证书编号：${c.code}`, 380, HEIGHT - 290);
  ctx.fillText('扫码或在以下网址核验真伪：', 380, HEIGHT - 245);
  ctx.fillText(url, 380, HEIGHT - 200);
  return canvas;
}

/** All the certificates in one PDF, a page each. */
export async function certificatesPdf(sheets: CertificateSheet[]): Promise<Blob> {
  const pages: HTMLCanvasElement[] = [];
  for (const s of sheets) pages.push(await drawCertificate(s));
  return a4Pdf(pages, 'landscape');
}
