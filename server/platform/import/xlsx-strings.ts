import { ImportError } from './errors';
import { MAX_CELL_CHARS, unescapeCellText, type XmlHandler } from './xlsx-xml';

/** More distinct texts than a 100,000 × 20 roster could hold; each costs memory whether used or not. */
export const MAX_SHARED_STRINGS = 2_500_000;

/**
 * The shared-string table. A text longer than Excel's cell limit is not kept: its index is remembered, so
 * that the cell using it is refused by row and column (an unused one does no harm).
 */
export type SharedStrings = { texts: string[]; tooLong: Set<number> };

/**
 * `<si>` items: plain `<t>`, or rich-text runs `<r><t>` joined. `<rPh>` runs hold the phonetic guide
 * (furigana) that Excel shows above the text, not part of it, and are left out.
 */
export function sharedStringsHandler(table: SharedStrings): XmlHandler {
  let inItem = false;
  let inPhonetic = false;
  let capturing = false;
  let parts: string[] = [];
  let length = 0;
  let tooLong = false;
  return {
    open(name) {
      if (name === 'si') {
        if (table.texts.length >= MAX_SHARED_STRINGS) {
          throw new ImportError(
            '工作簿中不同的文字内容过多，超出一次导入的上限。请拆分为多个文件后分别导入',
            'import_too_large',
          );
        }
        inItem = true;
        parts = [];
        length = 0;
        tooLong = false;
      } else if (name === 'rPh') inPhonetic = true;
      else if (name === 't' && inItem && !inPhonetic) capturing = true;
    },
    close(name) {
      if (name === 't') capturing = false;
      else if (name === 'rPh') inPhonetic = false;
      else if (name === 'si' && inItem) {
        inItem = false;
        if (tooLong) table.tooLong.add(table.texts.length);
        table.texts.push(tooLong ? '' : unescapeCellText(parts.length === 1 ? parts[0] : parts.join('')));
        parts = [];
      }
    },
    text(text) {
      if (!capturing || tooLong) return;
      length += text.length;
      if (length > MAX_CELL_CHARS) {
        tooLong = true;
        parts = [];
      } else parts.push(text);
    },
    overflow() {
      if (!capturing) return false;
      tooLong = true;
      parts = [];
      return true;
    },
  };
}
