import { create } from 'qrcode';

/** What the poster and the certificates share: Chinese text on a canvas, a QR code, and saving as PNG or PDF. */

export const DRAW_FONT =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', sans-serif";

/** The browser's Chinese font may still be loading: drawing before it is ready falls back to boxes. */
export async function fontReady(text: string) {
  await document.fonts.load(`700 40px ${DRAW_FONT}`, text);
}

/** Chinese has no spaces to break at: lines break at any character that would overflow. */
export function wrap(ctx: CanvasRenderingContext2D, text: string, width: number, maxLines: number): string[] {
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

export type LinesStyle = {
  y: number;
  size: number;
  weight?: number;
  color: string;
  lineHeight: number;
  maxLines: number;
  /** The block is centred on centerX and wraps at width. */
  centerX: number;
  width: number;
};

/** Centred, wrapped text; returns the y below it. */
export function drawLines(ctx: CanvasRenderingContext2D, text: string, o: LinesStyle): number {
  ctx.font = `${o.weight ?? 400} ${o.size}px ${DRAW_FONT}`;
  ctx.fillStyle = o.color;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const rows = wrap(ctx, text, o.width, o.maxLines);
  rows.forEach((row, i) => ctx.fillText(row, o.centerX, o.y + i * o.lineHeight));
  return o.y + rows.length * o.lineHeight;
}

export function drawQr(ctx: CanvasRenderingContext2D, url: string, x: number, y: number, size: number) {
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

/**
 * One A4 page per canvas (each drawn at the page's proportions). jsPDF is loaded only here, when a
 * cadre asks for a PDF: no other page carries it.
 */
export async function a4Pdf(
  pages: HTMLCanvasElement[],
  orientation: 'portrait' | 'landscape',
): Promise<Blob> {
  const { jsPDF } = await import('jspdf');
  const pdf = new jsPDF({ orientation, unit: 'mm', format: 'a4', compress: true });
  const [w, h] = orientation === 'portrait' ? [210, 297] : [297, 210];
  pages.forEach((canvas, i) => {
    if (i > 0) pdf.addPage('a4', orientation);
    pdf.addImage(canvas.toDataURL('image/png'), 'PNG', 0, 0, w, h);
  });
  return pdf.output('blob');
}
