import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPlanDocument } from './plan-docx';
import { parsePlanText } from './plan-parser';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'zhumeng-plan-docx-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** The text of a .docx as the upload route reads it: from a file, in the worker, within the limits. */
async function docxToPlanText(buffer: Buffer): Promise<string> {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.docx`);
  await writeFile(path, buffer);
  return readPlanDocument({ path, size: buffer.length });
}

const SEED_002 = readFileSync(join(import.meta.dirname, 'fixtures', '002_5c95f390a569039a.txt'), 'utf8');
const NOTE = /（\*\*责任部门：.*\*\*）|（责任部门：.*）/;

/** One Word paragraph per line of the text, with the 责任部门 notes in bold as they were in the original. */
function paragraphsOf(text: string): Paragraph[] {
  return text.split('\n').map((line) => {
    const note = NOTE.exec(line);
    if (!note) return new Paragraph({ children: [new TextRun(line)] });
    const plain = note[0].replace(/\*\*/g, '');
    return new Paragraph({
      children: [new TextRun(line.slice(0, note.index)), new TextRun({ text: plain, bold: true })],
    });
  });
}

async function docx(paragraphs: Paragraph[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

describe('docxToPlanText', () => {
  it('gives seed 002 as a .docx the same tasks as the pasted text', async () => {
    const text = await docxToPlanText(await docx(paragraphsOf(SEED_002)));
    const fromDocx = parsePlanText(text);
    const fromText = parsePlanText(SEED_002);
    const strip = (plan: typeof fromText) =>
      plan.sections.map((s) => ({
        ...s,
        tasks: s.tasks.map(({ departmentsNote, ...task }) => ({
          ...task,
          note: departmentsNote.replace(/\*\*/g, ''),
        })),
      }));
    expect(fromDocx.sections.flatMap((s) => s.tasks)).toHaveLength(23);
    expect(strip(fromDocx)).toEqual(strip(fromText));
    expect(fromDocx.title).toBe(fromText.title);
    expect(fromDocx.problems).toEqual([]);
  });

  it('reads a typical received document: centred title, indented paragraphs, runs split mid-sentence', async () => {
    const buffer = await docx([
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: '2024年工作要点', bold: true })],
      }),
      new Paragraph({ children: [new TextRun({ text: '一、思想引领', bold: true })] }),
      new Paragraph({
        indent: { firstLine: 640 },
        children: [
          new TextRun('1. 加强理论学习。全年开展'),
          new TextRun({ text: '不少于12次', bold: true }),
          new TextRun('集中学习。'),
        ],
      }),
      new Paragraph({ children: [new TextRun('（责任部门：宣传部、组织部）')] }),
      new Paragraph({ children: [new TextRun('2. 做好推进工作。6月31日前完成。（责任部门：办公室）')] }),
    ]);
    const plan = parsePlanText(await docxToPlanText(buffer));
    expect(plan.title).toBe('2024年工作要点');
    expect(plan.sections[0].tasks).toEqual([
      {
        number: '1',
        title: '加强理论学习',
        content: '全年开展不少于12次集中学习。',
        departmentsNote: '（责任部门：宣传部、组织部）',
        lead: '宣传部',
        participants: ['组织部'],
        indicators: [{ phrase: '不少于12次', target: 12, unit: '次', comparator: '≥', period: '全年' }],
        dates: [],
      },
      {
        number: '2',
        title: '做好推进工作',
        content: '6月31日前完成。',
        departmentsNote: '（责任部门：办公室）',
        lead: '办公室',
        participants: [],
        indicators: [],
        dates: [{ text: '6月31日前', problem: '日期不存在：6月31日（6月只有30天），请更正' }],
      },
    ]);
    expect(plan.problems).toEqual([
      { where: '一、第2项', message: '日期不存在：6月31日（6月只有30天），请更正' },
    ]);
  });
});
