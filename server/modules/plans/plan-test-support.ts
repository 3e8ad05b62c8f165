/** Shared by the plan API tests: the seed documents, a .docx of them, drafts turned into save bodies. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { expect } from 'vitest';
import type { NewTaskInput, PlanDraft } from '../../../common/contracts/plans-drafts';
import { todayInChina } from '../../../common/validators';
import type { Agent } from '../../test/harness';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
export const SEED_002 = fixture('002_5c95f390a569039a.txt');
export const SEED_000 = fixture('000_9aa1112e649a6738.txt');

/** Seed 002 read by hand: number → lead, participants, collective. */
export const EXPECTED_002: Record<string, [string, string[], string?]> = {
  1: ['宣传部', ['组织部', '学少部']],
  2: ['宣传部', ['学少部']],
  3: ['宣传部', ['学少部', '志联部']],
  4: ['宣传部', ['志联部', '学少部']],
  5: ['统战部', ['学少部', '青发部']],
  6: ['青发部', ['学少部', '志联部']],
  7: ['青发部', ['组织部', '宣传部', '统战部', '学少部', '志联部']],
  8: ['宣传部', ['组织部', '青发部', '统战部', '学少部']],
  9: ['志联部', []],
  10: ['志联部', ['青发部', '统战部', '权益部']],
  11: ['志联部', ['学少部']],
  12: ['统战部', ['青发部']],
  13: ['青发部', ['学少部']],
  14: ['学少部', ['组织部', '青发部', '志联部']],
  15: ['南青基金', ['统战部', '志联部']],
  16: ['统战部', ['组织部', '学少部', '青发部', '志联部']],
  17: ['志联部', ['统战部', '宣传部']],
  18: ['权益部', ['宣传部', '志联部', '学少部', '南青基金']],
  19: ['权益部', ['志联部', '宣传部']],
  20: ['办公室', [], '机关各部门、下属各单位'],
  21: ['青发部', [], '机关各部门'],
  22: ['办公室', ['组织部', '宣传部', '志联部']],
  23: ['组织部', []],
};

/** One Word paragraph per line, as a cadre's document would have them. */
export async function docxOf(text: string): Promise<Buffer> {
  const paragraphs = text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] }));
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs }] }));
}

/** A date `days` from today (Beijing time). */
export function dayOffset(days: number): string {
  const d = new Date(`${todayInChina()}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The draft exactly as the server proposed it, as the save body (what 保存 sends without edits). */
export function bodyFrom(draft: PlanDraft) {
  return {
    unitId: draft.unit.id,
    title: draft.title,
    kind: draft.kind,
    year: draft.year,
    docNumber: draft.docNumber,
    issuer: draft.issuer,
    startDate: draft.startDate,
    endDate: draft.endDate,
    preamble: draft.preamble,
    closing: draft.closing,
    source: draft.source,
    sourceFileId: draft.sourceFile?.id ?? null,
    sections: draft.sections.map((s) => ({
      number: s.number,
      title: s.title,
      intro: s.intro,
      tasks: s.tasks.map((t) => ({
        number: t.number,
        title: t.title,
        content: t.content,
        departmentsNote: t.departmentsNote,
        lead: t.lead,
        participants: t.participants,
        collective: t.collective,
        deadline: t.deadline,
        deadlineText: t.deadlineText,
        milestones: t.milestones.map((m) => ({ title: m.title, dueDate: m.dueDate, dueText: m.dueText })),
        indicators: t.indicators,
      })),
    })),
  };
}

export async function draftOf(agent: Agent, unitId: number, text: string, year?: number): Promise<PlanDraft> {
  const res = await agent.post('/api/plans/drafts/text', { unitId, text, ...(year ? { year } : {}) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PlanDraft;
}

export async function save(agent: Agent, body: object): Promise<number> {
  const res = await agent.post('/api/plans', body);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { id: number }).id;
}

/** A plan typed by hand with the given tasks (departments by name) in one section. */
export function manualPlan(unitId: number, tasks: Partial<NewTaskInput>[], extra: object = {}) {
  return {
    unitId,
    title: '手工录入的工作要点',
    kind: 'annual',
    year: Number(todayInChina().slice(0, 4)),
    source: 'manual',
    sections: [
      {
        number: '一',
        title: '重点任务',
        tasks: tasks.map((t, i) => ({
          number: String(i + 1),
          title: `任务${i + 1}`,
          lead: null,
          participants: [],
          ...t,
        })),
      },
    ],
    ...extra,
  };
}
