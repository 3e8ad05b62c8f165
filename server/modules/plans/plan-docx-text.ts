/**
 * A .docx plan as text for parsePlanText, so an uploaded document parses the same as pasted text: one line per
 * paragraph, a blank line between paragraphs (as mammoth's raw text gives them). Bold and other formatting are
 * dropped; the parser does not need them.
 */
import mammoth from 'mammoth';

export async function docxToPlanText(buffer: Buffer): Promise<string> {
  const result = await mammoth.extractRawText({ buffer });
  return result.value.replace(/\r\n?/g, '\n');
}
