/**
 * What an uploaded .docx may cost before mammoth reads it. mammoth builds a DOM of every XML part it reads,
 * at about 2 KB of memory per element (measured: 16 MB of one-character runs took 1.7 GB and 15 s), and
 * recurses once per level of nesting. So every XML part is inflated here first, one chunk at a time,
 * counting its real inflated bytes (not the sizes the file declares), its compression ratio, its elements
 * and its depth; a file past any of them is refused before mammoth sees it.
 */
import { AppError } from '../../platform/http/errors';
import { InflateBudget, ImportError } from '../../platform/import';
import { readZipDirectory } from '../../platform/import/xlsx-zip';

export type DocxLimits = {
  /** Inflated bytes of any one XML part (word/document.xml above all). */
  maxPartBytes: number;
  /** Inflated bytes of all XML parts together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed size, judged past 1 MiB. */
  maxRatio: number;
  /** XML elements across all parts. */
  maxElements: number;
  /** Nesting of XML elements. */
  maxDepth: number;
};

/**
 * Measured with mammoth: about 2 KB of memory and 20 µs per element. A 100-page plan as Word or WPS saves it
 * (four formatted runs per paragraph) is 0.9 MB of document.xml and 18,000 elements (+50 MB, 1.4 s); these
 * limits admit five times that, and cap what mammoth may cost at about 200 MB. A ZIP bomb (128 MB of
 * document.xml in a 375 KB file) compresses several hundred times and is refused on its first megabytes.
 */
export const DOCX_LIMITS: DocxLimits = {
  maxPartBytes: 16 * 1024 * 1024,
  maxTotalBytes: 24 * 1024 * 1024,
  maxRatio: 100,
  maxElements: 100_000,
  maxDepth: 128,
};

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

const tooLarge = (limits: DocxLimits) =>
  new AppError(
    400,
    'document_too_large',
    `该 Word 文档解压后的内容过大或压缩比异常（每个部分的上限为 ${mb(limits.maxPartBytes)} MB），疑似压缩炸弹，已拒绝读取。` +
      '请在 Word 或 WPS 中“另存为”新的 .docx 后上传，或直接粘贴方案全文',
  );
const tooComplex = (what: string) =>
  new AppError(
    400,
    'document_too_complex',
    `该 Word 文档的结构过于复杂（${what}），无法安全读取。` +
      '请在 Word 或 WPS 中“另存为”新的 .docx、清除多余格式后上传，或直接粘贴方案全文',
  );

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
const DOCTYPE_D = 0x44;

/**
 * Counts elements and depth of XML fed in chunks. Errs towards more elements: a comment or CDATA section that
 * contains `>` ends early here, and what follows is counted as markup. A DOCTYPE (entity definitions) never
 * occurs in a Word part and is refused.
 */
export class XmlShape {
  elements = 0;
  depth = 0;
  private state: 'text' | 'open' | 'bang' | 'tag' | 'quote' | 'special' = 'text';
  private quote = 0;
  private closing = false;
  private previous = 0;

  constructor(private readonly limits: Pick<DocxLimits, 'maxElements' | 'maxDepth'>) {}

  feed(chunk: Buffer) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      switch (this.state) {
        case 'text':
          if (c === LT) this.state = 'open';
          break;
        case 'open':
          if (c === SLASH) {
            this.closing = true;
            this.state = 'tag';
          } else if (c === QUESTION) {
            this.state = 'special';
          } else if (c === BANG) {
            this.state = 'bang';
          } else {
            this.closing = false;
            this.state = 'tag';
            this.elements++;
            this.depth++;
            if (this.elements > this.limits.maxElements)
              throw tooComplex(`超过 ${this.limits.maxElements.toLocaleString('en-US')} 个排版元素`);
            if (this.depth > this.limits.maxDepth) throw tooComplex(`嵌套超过 ${this.limits.maxDepth} 层`);
          }
          break;
        case 'tag':
          if (c === QUOTE || c === APOS) {
            this.quote = c;
            this.state = 'quote';
          } else if (c === GT) {
            if (this.closing || this.previous === SLASH) this.depth = Math.max(0, this.depth - 1);
            this.state = 'text';
          }
          break;
        case 'bang':
          if (c === DOCTYPE_D) throw tooComplex('含有文档类型定义');
          this.state = c === GT ? 'text' : 'special';
          break;
        case 'quote':
          if (c === this.quote) this.state = 'tag';
          break;
        case 'special':
          if (c === GT) this.state = 'text';
          break;
      }
      this.previous = c;
    }
  }
}

const XML_PART = /\.(?:xml|rels)$/i;
const WHITESPACE_OR_BOM = new Set([0x20, 0x09, 0x0a, 0x0d, 0xef, 0xbb, 0xbf]);

/** Whether a part's first bytes are markup: a relationship may point mammoth at a part not named .xml. */
function looksLikeXml(chunk: Buffer): boolean {
  for (const byte of chunk) if (!WHITESPACE_OR_BOM.has(byte)) return byte === LT;
  return false;
}

/**
 * Refuses a .docx whose XML parts inflate past the limits, with a Chinese AppError (it crosses the worker
 * boundary as one); a file that is not a readable ZIP throws the platform's ImportError. Images and other
 * binary parts are inflated too, under the platform's ZIP limits, and held to the XML limits should they turn
 * out to be markup.
 */
export async function assertDocxWithinLimits(filePath: string, fileSize: number, limits = DOCX_LIMITS) {
  const entries = [...(await readZipDirectory(filePath, fileSize)).values()];
  const xml = new InflateBudget({
    maxEntryBytes: limits.maxPartBytes,
    maxTotalBytes: limits.maxTotalBytes,
    maxRatio: limits.maxRatio,
  });
  const binary = new InflateBudget();
  const shape = new XmlShape(limits);
  try {
    for (const part of entries) (XML_PART.test(part.name) ? xml : binary).checkDeclared(part);
    for (const part of entries) {
      const named = XML_PART.test(part.name);
      let markup: boolean | undefined = named || undefined;
      let bytes = 0;
      for await (const chunk of (named ? xml : binary).inflate(filePath, part)) {
        markup ??= looksLikeXml(chunk);
        if (!markup) continue;
        bytes += chunk.length;
        if (bytes > limits.maxPartBytes) throw tooLarge(limits);
        shape.feed(chunk);
      }
      shape.depth = 0;
    }
  } catch (error) {
    if (error instanceof ImportError && error.code === 'import_too_large') throw tooLarge(limits);
    throw error;
  }
  return { elements: shape.elements };
}
