import { create } from 'qrcode';
import { BRAND_RED } from '../../app/theme';

export type PosterText = { unitName: string; title: string; url: string };

/** A4 (210 × 297 mm) at 150 dpi: sharp when printed, small enough to send in a chat. */
export const POSTER_WIDTH = 1240;
export const POSTER_HEIGHT = 1754;

const FONT =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";
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

/** Chinese has no spaces to break at: lines break at any character that would overflow. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of Array.from(text)) {
    if (ctx.measureText(line + ch).width > width && line) {
      lines.push(line);
      line = '';
    }
    line += ch;
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last && ctx.measureText(`${last}…`).width > width) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last}…`;
  return kept;
}

function lines(
  ctx: CanvasRenderingContext2D,
  text: string,
  o: { y: number; size: number; weight?: number; color: string; lineHeight: number; maxLines: number },
): number {
  ctx.font = `${o.weight ?? 400} ${o.size}px ${FONT}`;
  ctx.fillStyle = o.color;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const rows = wrap(ctx, text, POSTER_WIDTH - 2 * MARGIN, o.maxLines);
  rows.forEach((row, i) => ctx.fillText(row, POSTER_WIDTH / 2, o.y + i * o.lineHeight));
  return o.y + rows.length * o.lineHeight;
}

function drawQr(ctx: CanvasRenderingContext2D, url: string, x: number, y: number, size: number) {
  const { modules } = create(url, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const cell = Math.floor(size / (modules.size + 2 * quiet));
  const drawn = cell * (modules.size + 2 * quiet);
  const left = x + Math.floor((size - drawn) / 2);
  const top = y + Math.floor((size - drawn) / 2);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(left, top, drawn, drawn);
  ctx.fillStyle = '#000000';
  for (let r = 0; r < modules.size; r++) {
    for (let c = 0; c < modules.size; c++) {
      if (modules.get(r, c)) ctx.fillRect(left + (c + quiet) * cell, top + (r + quiet) * cell, cell, cell);
    }
  }
}

/** The recruiting poster: who recruits, for what, the QR code of the link and the link as text. */
export async function drawPoster(canvas: HTMLCanvasElement, p: PosterText) {
  // The browser's Chinese font may still be loading: drawing before it is ready falls back to boxes.
  await document.fonts.load(`700 40px ${FONT}`, p.title + p.unitName);
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持生成海报');

  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  // A long title gets a smaller size and a third line rather than an ellipsis; the band grows with it.
  ctx.font = `700 76px ${FONT}`;
  const long = wrap(ctx, p.title, POSTER_WIDTH - 2 * MARGIN, 3).length > 2;
  ctx.font = `700 ${long ? 62 : 76}px ${FONT}`;
  const titleLines = Math.min(wrap(ctx, p.title, POSTER_WIDTH - 2 * MARGIN, 3).length, long ? 3 : 2);
  const titleTop = 320;
  const band = Math.max(560, titleTop + titleLines * (long ? 84 : 100) + 56);
  ctx.fillStyle = BRAND_RED;
  ctx.fillRect(0, 0, POSTER_WIDTH, band);

  let y = lines(ctx, p.unitName, { y: 96, size: 44, color: '#ffe7e7', lineHeight: 60, maxLines: 1 });
  ctx.fillStyle = 'rgba(255,255,255,0.6)';
  ctx.fillRect(POSTER_WIDTH / 2 - 60, y + 28, 120, 4);
  lines(ctx, '线上招募', { y: y + 70, size: 48, color: '#ffffff', lineHeight: 64, maxLines: 1 });
  lines(ctx, p.title, {
    y: titleTop,
    size: long ? 62 : 76,
    weight: 700,
    color: '#ffffff',
    lineHeight: long ? 84 : 100,
    maxLines: long ? 3 : 2,
  });

  y = lines(ctx, '扫码报名，和我们一起筑梦', {
    y: band + 72,
    size: 60,
    weight: 700,
    color: INK,
    lineHeight: 80,
    maxLines: 1,
  });
  y = lines(ctx, '手机填写几分钟即可完成，提交后凭回执码随时查询审核进度', {
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
  lines(ctx, `主办：${p.unitName} · 报名信息仅用于团组织联系服务青年`, {
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

export function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** jsPDF is loaded only here, when a cadre asks for the PDF: no other page carries it. */
export async function posterPdf(canvas: HTMLCanvasElement): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const pdf = new jsPDF({ orientation: 'portrait', unit: 'mm', format: 'a4', compress: true });
  pdf.addImage(canvas.toDataURL('image/png'), 'PNG', 0, 0, 210, 297);
  return pdf.output('blob');
}
