import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { entryText, readZipDirectory } from '../import/xlsx-zip';

/** For tests: the main part (word/document.xml) of a .docx, read with the platform's own ZIP reader. */
export async function docxDocumentXml(buffer: Buffer): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zm-docx-'));
  const file = path.join(dir, 'doc.docx');
  try {
    fs.writeFileSync(file, buffer);
    const entries = await readZipDirectory(file, buffer.length);
    const main = entries.get('word/document.xml');
    if (!main) throw new Error('not a Word document: word/document.xml is missing');
    return await entryText(file, main);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
