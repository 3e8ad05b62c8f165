import type { XmlHandler } from './xlsx-xml';

// Built-in number formats are stored by id only. 14–22 and 45–47 are Excel's dates and times; 27–36 and
// 50–58 are the Chinese ones (yyyy"年"m"月"d"日" and the like) that Chinese Excel and WPS use.
const BUILT_IN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A format code showing a date or time: y, m, d, h or s outside quoted text and [colour]/[$-804] parts. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  return /[ymdhs]/i.test(format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/**
 * Reads styles.xml for one thing: which cell style indexes (`<c s="…">`) format a number as a date.
 * Result: `dates[s]` is true for a date style.
 */
export function stylesHandler(dates: boolean[]): XmlHandler {
  const customFormats = new Map<number, string>();
  let inCellXfs = false;
  return {
    open(name, attributes) {
      if (name === 'numFmt') {
        const id = Number(attributes.numFmtId);
        if (Number.isInteger(id)) customFormats.set(id, attributes.formatCode ?? '');
      } else if (name === 'cellXfs') {
        inCellXfs = true;
      } else if (name === 'xf' && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        const custom = customFormats.get(id);
        dates.push(custom !== undefined ? isDateFormat(custom) : BUILT_IN_DATE_IDS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
    overflow: () => false,
  };
}
