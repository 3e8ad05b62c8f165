import {
  PLAN_SECTION_TASKS_MAX,
  PLAN_SECTIONS_MAX,
  type PlanDraft,
} from '../../../common/contracts/plans-drafts';
import { todayInChina } from '../../../common/validators';
import { assertUnitInScope } from '../../platform/access/scope';
import { storeFile } from '../../platform/files/file-store';
import { detectFileType } from '../../platform/files/file-types';
import { badRequest } from '../../platform/http/errors';
import type { UploadedFile } from '../../platform/http/upload';
import { DOCX_MIME } from '../../platform/word/word';
import { draftMeta, draftSections } from './plan-draft';
import { readPlanDocument } from './plan-docx';
import { parsePlanText, type ParsedPlan } from './plan-parser';
import type { PlansCtx } from './plans.context';
import * as repo from './plans.repo';

type Source = { kind: 'text' } | { kind: 'document'; file: { id: number; name: string } };

/** A draft the save would refuse is refused now, with the figure and the cap, before the cadre corrects it. */
function assertWithinPlanCaps(parsed: ParsedPlan) {
  if (parsed.sections.length > PLAN_SECTIONS_MAX) {
    throw badRequest(
      `识别出 ${parsed.sections.length} 个章节，超过一个方案 ${PLAN_SECTIONS_MAX} 个章节的上限；请确认粘贴或上传的是一份方案，或分几部分导入`,
    );
  }
  parsed.sections.forEach((section, i) => {
    if (section.tasks.length > PLAN_SECTION_TASKS_MAX) {
      const name = section.number ? `“${section.number}、${section.title.slice(0, 20)}”` : `第 ${i + 1} 部分`;
      throw badRequest(
        `${name}识别出 ${section.tasks.length} 项任务，超过一个部分 ${PLAN_SECTION_TASKS_MAX} 项任务的上限；请拆分章节或分几部分导入`,
      );
    }
  });
}

/** Parses, then proposes: nothing of the plan is saved until the user has corrected the preview. */
async function buildDraft(
  ctx: PlansCtx,
  unitId: number,
  text: string,
  year: number | undefined,
  source: Source,
): Promise<PlanDraft> {
  const unit = await repo.unitInfo(ctx.db, unitId);
  const departments = await repo.unitDepartments(ctx.db, unitId);
  const parsed = parsePlanText(text, year ? { year } : {});
  assertWithinPlanCaps(parsed);
  const meta = draftMeta(parsed, year);
  const theYear = meta.year ?? Number(todayInChina().slice(0, 4));
  // Dates written without a year were left undated by the parser: parse again in the plan's year.
  const dated = !year && !meta.year ? parsePlanText(text, { year: theYear }) : parsed;
  return {
    unit: { id: unit.id, name: unit.name, level: unit.level },
    departments,
    ...draftSections(dated, departments),
    source: source.kind,
    sourceFile: source.kind === 'document' ? source.file : null,
    ...meta,
    year: theYear,
    preamble: parsed.preamble,
    closing: parsed.closing,
    problems: dated.problems,
  };
}

async function audit(ctx: PlansCtx, unitId: number, draft: PlanDraft, detail: Record<string, unknown>) {
  await ctx.audit({
    action: 'plan.parsed',
    targetType: 'unit',
    targetId: unitId,
    targetLabel: draft.title,
    detail: {
      ...detail,
      tasks: draft.sections.reduce((n, s) => n + s.tasks.length, 0),
      problems: draft.problems.length,
    },
  });
}

export async function fromText(ctx: PlansCtx, body: { unitId: number; year?: number; text: string }) {
  await assertUnitInScope(ctx.db, body.unitId, ctx.viewer);
  const draft = await buildDraft(ctx, body.unitId, body.text, body.year, { kind: 'text' });
  await audit(ctx, body.unitId, draft, { source: 'text', chars: body.text.length });
  return draft;
}

/**
 * A .docx as received: parsed from the upload, and kept in the file store so the saved plan links to its
 * original. A .doc (Word 97–2003) cannot be read: the user saves it as .docx or pastes the text.
 */
export async function fromDocument(
  ctx: PlansCtx,
  body: { unitId: number; year?: number },
  file: UploadedFile,
): Promise<PlanDraft> {
  await assertUnitInScope(ctx.db, body.unitId, ctx.viewer);
  const type = await detectFileType(file.path, file.filename, file.size);
  if (type.mime !== DOCX_MIME) {
    throw badRequest(
      `只能读取 Word 文档（.docx），所选文件是${type.label}。.doc 格式请在 Word 或 WPS 中“另存为 .docx”，或直接粘贴方案全文`,
    );
  }
  const text = await readPlanDocument(file);
  if (!text.trim()) throw badRequest('该 Word 文档中没有文字，请确认上传的是方案正文');
  const stored = await storeFile(
    ctx,
    file,
    async () => ({ unitId: body.unitId, createdBy: ctx.viewer.userId }),
    async (_tx, row) => ({ id: row.id, name: row.name }),
  );
  const draft = await buildDraft(ctx, body.unitId, text, body.year, { kind: 'document', file: stored });
  await audit(ctx, body.unitId, draft, { source: 'document', fileId: stored.id, fileName: stored.name });
  return draft;
}
