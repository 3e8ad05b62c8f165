import { BRAND_RED } from '../../app/theme';
import { a4Pdf, DRAW_FONT, drawLines, drawQr, fontReady, wrap } from './canvas-draw';

/** What a kind of public page says on its poster, around its title (线上招募, 作品征集…). */
export type PosterCopy = {
  /** Above the title, on the band: 线上招募. */
  kicker: string;
  /** Under the band, the call to action: 扫码报名，和我们一起筑梦. */
  headline: string;
  subline: string;
  /** After 主办：<unit> in the footer. */
  footnote: string;
};

export type PosterText = PosterCopy & { unitName: string; title: string; url: string };

/** A4 (210 × 297 mm) at 150 dpi: sharp when printed, small enough to send in a chat. */
export const POSTER_WIDTH = 1240;
export const POSTER_HEIGHT = 1754;

const INK = '#1f1f1f';
const MUTED = '#595959';
const MARGIN = 110;

/** The address as people read it: the channel in Chinese, not percent-escaped. */
export function readable(url: string) {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function lines(
  ctx: CanvasRenderingContext2D,
  text: string,
  o: { y: number; size: number; weight?: number; color: string; lineHeight: number; maxLines: number },
): number {
  return drawLines(ctx, text, { ...o, centerX: POSTER_WIDTH / 2, width: POSTER_WIDTH - 2 * MARGIN });
}

/** A public page's poster: who publishes it, for what, the QR code of the link and the link as text. */
export async function drawPoster(canvas: HTMLCanvasElement, p: PosterText) {
  await fontReady(p.title + p.unitName);
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持生成海报');

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  // A long title gets a smaller size and a third line rather than an ellipsis; the band grows with it.
  ctx.font = `700 76px ${DRAW_FONT}`;
  const long = wrap(ctx, p.title, POSTER_WIDTH - 2 * MARGIN, 3).length > 2;
  ctx.font = `700 ${long ? 62 : 76}px ${DRAW_FONT}`;
  const titleLines = Math.min(wrap(ctx, p.title, POSTER_WIDTH - 2 * MARGIN, 3).length, long ? 3 : 2);
  const titleTop = 320;
  const band = Math.max(560, titleTop + titleLines * (long ? 84 : 100) + 56);
  ctx.fillStyle = BRAND_RED;
  ctx.fillRect(0, 0, POSTER_WIDTH, band);

  let y = lines(ctx, p.unitName, { y: 96, size: 44, color: '#ffe7e7', lineHeight: 60, maxLines: 1 });
  ctx.fillStyle = 'rgba(255,255,255,0.6)';
  ctx.fillRect(POSTER_WIDTH / 2 - 60, y + 28, 120, 4);
  lines(ctx, p.kicker, { y: y + 70, size: 48, color: '#ffffff', lineHeight: 64, maxLines: 1 });
  lines(ctx, p.title, {
    y: titleTop,
    size: long ? 62 : 76,
    weight: 700,
    color: '#ffffff',
    lineHeight: long ? 84 : 100,
    maxLines: long ? 3 : 2,
  });

  y = lines(ctx, p.headline, {
    y: band + 72,
    size: 60,
    weight: 700,
    color: INK,
    lineHeight: 80,
    maxLines: 1,
  });
  y = lines(ctx, p.subline, {
    y: y + 12,
    size: 32,
    color: MUTED,
    lineHeight: 46,
    maxLines: 2,
  });

  // The QR code takes what the text leaves: room for the address (two lines) above the footer.
  const footer = POSTER_HEIGHT - 120;
  const qrTop = y + 40;
  const qr = Math.min(620, footer - 40 - 132 - 30 - qrTop);
  const qrLeft = (POSTER_WIDTH - qr) / 2;
  ctx.strokeStyle = '#e5e5e5';
  ctx.lineWidth = 4;
  ctx.strokeRect(qrLeft - 10, qrTop - 10, qr + 20, qr + 20);
  drawQr(ctx, p.url, qrLeft, qrTop, qr);

  y = lines(ctx, '也可在浏览器中打开：', {
    y: qrTop + qr + 40,
    size: 30,
    color: MUTED,
    lineHeight: 44,
    maxLines: 1,
  });
  lines(ctx, readable(p.url), { y, size: 32, color: INK, lineHeight: 44, maxLines: 2 });

  ctx.fillStyle = '#f5f5f5';
  ctx.fillRect(0, footer, POSTER_WIDTH, 120);
  lines(ctx, `主办：${p.unitName} · ${p.footnote}`, {
    y: POSTER_HEIGHT - 80,
    size: 28,
    color: MUTED,
    lineHeight: 40,
    maxLines: 1,
  });
}

export function posterPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('海报生成失败'))), 'image/png'),
  );
}

export { saveBlob } from './canvas-draw';

export const posterPdf = (canvas: HTMLCanvasElement): Promise<Blob> => a4Pdf([canvas], 'portrait');
