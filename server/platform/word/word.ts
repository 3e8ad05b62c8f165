import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type FileChild,
} from 'docx';
import type { FastifyReply } from 'fastify';
import { sendDownload } from '../http/download';

/**
 * Word documents in 公文 style (GB/T 9704): A4, title in 二号方正小标宋简体, body in 三号仿宋_GB2312
 * at a fixed 28-point line, headings 一、 in 黑体 and （一） in 楷体, tables in 四号仿宋 with a bold
 * header row. Fonts are named with fallbacks Word and WPS resolve (宋体 when 小标宋 is not installed).
 */

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Font names: the official fonts first, as Word and WPS know them. */
export const FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt. */
export const SIZES = { erhao: 44, sanhao: 32, sihao: 28, xiaosi: 24 } as const;

const LINE = { line: 560, lineRule: LineRuleType.EXACT } as const;

const font = (eastAsia: string) => ({ ascii: FONTS.latin, hAnsi: FONTS.latin, eastAsia, cs: FONTS.latin });

export function run(text: string, opts: { font?: string; size?: number; bold?: boolean } = {}) {
  return new TextRun({
    text,
    font: font(opts.font ?? FONTS.body),
    size: opts.size ?? SIZES.sanhao,
    bold: opts.bold,
  });
}

/** The document title, centred, with an empty line under it. */
export function title(text: string): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT },
      children: [run(text, { font: FONTS.title, size: SIZES.erhao })],
    }),
    new Paragraph({ spacing: LINE, children: [run('')] }),
  ];
}

/** A centred line under the title (issuing unit, date), in 楷体. */
export function subtitle(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: LINE,
    children: [run(text, { font: FONTS.heading2 })],
  });
}

/** 一、… in 黑体, indented two characters like the body. */
export function heading1(text: string): Paragraph {
  return new Paragraph({
    spacing: LINE,
    indent: { firstLine: 640 },
    children: [run(text, { font: FONTS.heading1 })],
  });
}

/** （一）… in 楷体. */
export function heading2(text: string): Paragraph {
  return new Paragraph({
    spacing: LINE,
    indent: { firstLine: 640 },
    children: [run(text, { font: FONTS.heading2 })],
  });
}

/** A body paragraph: 仿宋 三号, first line indented two characters, justified. */
export function paragraph(text: string): Paragraph {
  return new Paragraph({
    spacing: LINE,
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: 640 },
    children: [run(text)],
  });
}

/** Right-aligned lines at the end: the issuing unit and the date. */
export function signature(lines: string[]): Paragraph[] {
  return lines.map(
    (text) =>
      new Paragraph({
        spacing: LINE,
        alignment: AlignmentType.RIGHT,
        indent: { right: 640 },
        children: [run(text)],
      }),
  );
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };

function cell(text: string, opts: { bold?: boolean; width: number; center?: boolean }) {
  return new TableCell({
    width: { size: opts.width, type: WidthType.PERCENTAGE },
    borders: BORDERS,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: [
      new Paragraph({
        alignment: opts.center ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [
          run(text, { size: SIZES.xiaosi, bold: opts.bold, font: opts.bold ? FONTS.heading1 : FONTS.body }),
        ],
      }),
    ],
  });
}

/**
 * A table in official style: full width, thin black borders, header row in 黑体 repeated on every
 * page, body in 小四仿宋. `widths` are percentages (default: equal).
 */
export function table(headers: string[], rows: (string | number)[][], widths?: number[]): Table {
  const w = widths ?? headers.map(() => Math.floor(100 / headers.length));
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: headers.map((h, i) => cell(h, { bold: true, width: w[i], center: true })),
      }),
      ...rows.map(
        (r) =>
          new TableRow({
            cantSplit: true,
            children: r.map((v, i) => cell(String(v), { width: w[i], center: typeof v === 'number' })),
          }),
      ),
    ],
  });
}

/** An empty line between a table and the next paragraph. */
export const gap = () => new Paragraph({ spacing: LINE, children: [run('')] });

/** A4 with the 公文 margins (上 37 mm, 下 35 mm, 左 28 mm, 右 26 mm) and “— 1 —” page numbers. */
export async function buildDocx(
  children: FileChild[],
  meta: { title: string; creator?: string },
): Promise<Buffer> {
  const doc = new Document({
    title: meta.title,
    creator: meta.creator ?? '筑梦',
    styles: { default: { document: { run: { font: font(FONTS.body), size: SIZES.sanhao } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 992 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: font(FONTS.latin),
                    size: SIZES.sihao,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** Sends a .docx as a download under its Chinese file name. */
export function sendDocx(reply: FastifyReply, filename: string, buffer: Buffer) {
  const name = filename.toLowerCase().endsWith('.docx') ? filename : `${filename}.docx`;
  return sendDownload(reply, { filename: name, mime: DOCX_MIME, body: buffer, size: buffer.length });
}

/** 2026-11-22 → 2026年11月22日, the way 公文 write dates. */
export function chineseDate(ymd: string): string {
  const [y, m, d] = ymd.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
