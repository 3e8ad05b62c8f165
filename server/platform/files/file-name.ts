/** Longest file name kept, in characters (code points), extension included. */
export const MAX_FILE_NAME_LENGTH = 200;

/** Longest tail after the last dot that is still taken for an extension (`.docx`, `.tar`, `.jpeg`). */
const MAX_EXTENSION_LENGTH = 16;

/**
 * C0 controls and DEL, C1 controls, and the invisible bidirectional controls: LRM/RLM (U+200E/F),
 * the Arabic letter mark (U+061C), embeddings and overrides (U+202A–U+202E) and isolates
 * (U+2066–U+2069). An override shows `报告\u202Efdp.exe` as `报告exe.pdf`; a newline or NUL in a name
 * ends up in headers, logs and spreadsheets.
 */
export function isUnsafeInFileName(char: string): boolean {
  const cp = char.codePointAt(0) ?? 0;
  return (
    cp <= 0x1f ||
    (cp >= 0x7f && cp <= 0x9f) ||
    cp === 0x061c ||
    cp === 0x200e ||
    cp === 0x200f ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069)
  );
}

const FALLBACK = '未命名文件';

/**
 * The name a file is stored and downloaded under: unsafe characters removed, and a name too long
 * shortened in its stem so that its extension (what its type is checked against) survives.
 */
export function cleanFileName(name: string, max = MAX_FILE_NAME_LENGTH): string {
  const kept = [...name].filter((c) => !isUnsafeInFileName(c)).join('');
  const chars = [...kept.trim()];
  if (chars.length === 0) return FALLBACK;
  if (chars.length <= max) return chars.join('');
  const dot = chars.lastIndexOf('.');
  const extension = dot > 0 && chars.length - dot <= MAX_EXTENSION_LENGTH + 1 ? chars.slice(dot) : [];
  const stem = chars
    .slice(0, extension.length ? dot : chars.length)
    .slice(0, max - extension.length)
    .join('')
    .trimEnd();
  return (stem || FALLBACK) + extension.join('');
}
