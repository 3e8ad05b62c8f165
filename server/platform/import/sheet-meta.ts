import { cellText, type RawRow } from './types';

export type SheetMeta = {
  /** The sheet's title line, e.g. 'XX市新兴青年联系对象名册'. */
  title?: string;
  /** 填报单位 as written above the table. */
  fillingUnit?: string;
  /** 填报日期 as written ('2024年3月1日'), or YYYY-MM-DD when it was a date cell. */
  fillingDate?: string;
};

const LABEL =
  /((?:填报|填表|报送|上报)单位(?:名称)?|单位(?:名称)?|(?:填报|填表|报送|上报|制表)(?:日期|时间)|日期)\s*(?:[(（][^)）]*[)）])?\s*[:：]/g;
const SEAL = /[(（]\s*(?:盖章|公章|章)\s*[)）]/g;
const ATTACHMENT = /^附\s*件\s*\d*\s*[:：]?\s*$/;

type Field = 'fillingUnit' | 'fillingDate';

function fieldOf(label: string): Field {
  return /单位/.test(label) ? 'fillingUnit' : 'fillingDate';
}

/** Texts of the row's own cells: a merged title spread over several columns counts once. */
function ownTexts(row: RawRow): string[] {
  return row.cells
    .filter((cell) => !cell.mergedFrom)
    .map((cell) => cellText(cell).trim())
    .filter(Boolean);
}

/**
 * Reads the lines above a table: '填报单位：（盖章）XX区团委    填报日期：2024年3月1日' in one cell or
 * several, the value in the same cell as its label or in the next one; the first other line is the title.
 */
export function extractMeta(rows: RawRow[]): SheetMeta {
  const meta: SheetMeta = {};
  for (const row of rows) {
    const texts = ownTexts(row);
    let labelled = false;
    texts.forEach((text, i) => {
      const matches = [...text.matchAll(LABEL)];
      matches.forEach((match, m) => {
        labelled = true;
        const end = m + 1 < matches.length ? matches[m + 1].index : text.length;
        let value = text
          .slice(match.index + match[0].length, end)
          .replace(SEAL, '')
          .trim();
        if (!value && m + 1 === matches.length) {
          const next = texts[i + 1];
          if (next && !next.match(LABEL)) value = next.replace(SEAL, '').trim();
        }
        const field = fieldOf(match[1]);
        if (value && !meta[field]) meta[field] = value;
      });
    });
    if (!labelled && texts.length > 0 && !meta.title && !ATTACHMENT.test(texts[0]))
      meta.title = texts.join(' ');
  }
  return meta;
}
