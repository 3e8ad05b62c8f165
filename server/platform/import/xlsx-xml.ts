import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { ImportError } from './errors';

/** Excel's own limit for the text of one cell. */
export const MAX_CELL_CHARS = 32_767;
/** Sheet XML is six levels deep; anything much deeper is built to exhaust the parser's stack. */
const MAX_DEPTH = 64;
const MAX_NAME_CHARS = 1024;
const MAX_ATTRIBUTES = 64;
/** Text is handed to the parser in pieces this long, so that its buffers are checked this often. */
const PIECE = 64 * 1024;

export const corruptXml = () =>
  new ImportError('Excel 文件内容有误，无法读取。请在 Excel 或 WPS 中打开后重新保存再上传', 'import_corrupt');

const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

/**
 * Excel writes characters XML cannot hold in cell text as `_xHHHH_` (a line break's CR as `_x000D_`), and
 * a literal '_x' as `_x005F_x`: this undoes it, as Excel does when it opens the file.
 */
export function unescapeCellText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export type XmlHandler = {
  /** `name` without its namespace prefix (`x:c` → `c`), as some .NET tools write it. */
  open(name: string, attributes: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
  /**
   * The parser has gathered more than MAX_CELL_CHARS characters of one text node (or of a comment or an
   * attribute value). Throw a fitting error, or return true to have the text cut at the cap and go on.
   */
  overflow(): boolean;
};

// The saxes fields that grow with hostile input. Reading them is the only way to stop a 400 MB text node
// before it is built: saxes emits text only when the node ends. The version is pinned in package.json.
type SaxesInternals = { text: string; name: string; entity: string; attribList: unknown[] };

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** A push XML reader over saxes with every buffer bounded: text, names, attributes and depth. */
export class BoundedXmlReader {
  private readonly parser = new SaxesParser({ position: false });
  private readonly internals = this.parser as unknown as SaxesInternals;
  private depth = 0;

  constructor(private readonly handler: XmlHandler) {
    this.parser.on('opentag', (tag) => {
      this.depth += 1;
      if (this.depth > MAX_DEPTH) throw corruptXml();
      handler.open(localName(tag.name), tag.attributes as Record<string, string>);
      if (tag.isSelfClosing) {
        this.depth -= 1;
        handler.close(localName(tag.name));
      }
    });
    this.parser.on('closetag', (tag) => {
      if (tag.isSelfClosing) return;
      this.depth -= 1;
      handler.close(localName(tag.name));
    });
    this.parser.on('text', (text) => handler.text(text));
    this.parser.on('cdata', (text) => handler.text(text));
  }

  write(text: string) {
    for (let at = 0; at < text.length; at += PIECE) {
      this.parser.write(text.length <= PIECE ? text : text.slice(at, at + PIECE));
      this.check();
    }
  }

  close() {
    this.parser.close();
  }

  private check() {
    const state = this.internals;
    if (state.name.length > MAX_NAME_CHARS || state.entity.length > MAX_NAME_CHARS) throw corruptXml();
    if (state.attribList.length > MAX_ATTRIBUTES) throw corruptXml();
    if (state.text.length > MAX_CELL_CHARS) {
      if (!this.handler.overflow()) throw corruptXml();
      state.text = state.text.slice(0, MAX_CELL_CHARS + 1);
    }
  }
}

/** UTF-8 (or, with a byte-order mark, UTF-16) bytes to text, never splitting a character across chunks. */
export async function* decodeText(chunks: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let decoder: { write(b: Buffer): string; end(): string } | undefined;
  for await (const chunk of chunks) {
    if (!decoder) {
      if (chunk[0] === 0xfe && chunk[1] === 0xff) {
        const utf16be = new TextDecoder('utf-16be');
        decoder = {
          write: (b) => utf16be.decode(b, { stream: true }),
          end: () => utf16be.decode(),
        };
      } else {
        decoder = new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
      }
    }
    const text = decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder?.end();
  if (rest) yield rest;
}

/** Runs a whole part through the reader; for parts read completely before the rows (strings, styles). */
export async function readXml(chunks: AsyncIterable<Buffer>, handler: XmlHandler): Promise<void> {
  const reader = new BoundedXmlReader(handler);
  for await (const text of decodeText(chunks)) reader.write(text);
  reader.close();
}
