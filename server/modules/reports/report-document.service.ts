import type { FileChild } from 'docx';
import { FORM_FIELDS, SUBMISSION_STATUSES, type ReportForm } from '../../../common/contracts/reports';
import { todayInChina } from '../../../common/validators';
import {
  buildDocx,
  chineseDate,
  gap,
  heading1,
  heading2,
  paragraph,
  signature,
  subtitle,
  table,
  title,
} from '../../platform/word/word';
import { unitRef } from './report-completeness.repo';
import { exportScope } from './report-export.service';
import * as exportRepo from './report-export.repo';
import { chineseNumber, figureRows, hasFigures } from './report-rules';
import * as repo from './report-submissions.repo';
import type { ReportCtx } from './reports.context';

/** Text as body paragraphs, one per line the unit wrote. */
const paragraphs = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map(paragraph);

/**
 * One unit's report: single-line fields (标题, 撰稿人) as a line, the others under （一）（二）… headings,
 * then the indicators as a table with the system's count beside the reported value.
 */
function reportBody(form: ReportForm, r: Pick<exportRepo.ReportedRow, 'content' | 'figures'>): FileChild[] {
  const out: FileChild[] = [];
  let n = 0;
  for (const f of FORM_FIELDS[form]) {
    const text = (r.content?.[f.key] ?? '').trim();
    if (!text) continue;
    if (!f.multiline) {
      out.push(paragraph(`${f.label}：${text}`));
      continue;
    }
    out.push(heading2(`（${chineseNumber(++n)}）${f.label}`), ...paragraphs(text));
  }
  if (hasFigures(form)) {
    const rows = figureRows(form, r.figures ?? []);
    out.push(heading2(`（${chineseNumber(n + 1)}）主要工作指标`));
    out.push(
      table(
        ['指标', '填报值', '系统统计', '单位', '说明'],
        rows.map((f) => [f.label, f.value ?? '', f.auto ?? '', f.unit, f.explain ?? '']),
        [26, 14, 14, 10, 36],
      ),
      gap(),
    );
  }
  return out;
}

const submittedOn = (r: { submittedAt: Date | string | null }) =>
  r.submittedAt ? chineseDate(todayInChina(new Date(r.submittedAt))) : '尚未报送';

/** 汇总 Word: every submitted report in the scope, unit by unit in the order of the unit tree. */
export async function collectionDocument(ctx: ReportCtx, id: number, unitId?: number) {
  const { collection: c, path } = await exportScope(ctx, id, unitId);
  const reported = await exportRepo.reportedSubmissions(ctx.db, c.id, path);
  const names = new Map(reported.map((r) => [r.id, r.unitName]));
  const compiler = await unitRef(ctx.db, unitId ?? ctx.viewer.unitId);
  const children: FileChild[] = [
    ...title(`${c.title}汇编`),
    subtitle(`${compiler?.name ?? ''}汇总，${chineseDate(todayInChina())}`),
    paragraph(
      `本汇编收录${c.title}已报送材料 ${reported.length} 份（统计期间 ${c.periodStart} 至 ${c.periodEnd}，截止日期 ${c.deadline}），按单位排列。`,
    ),
  ];
  reported.forEach((r, i) => {
    children.push(heading1(`${chineseNumber(i + 1)}、${r.unitName}`));
    children.push(paragraph(`报送时间：${submittedOn(r)}；审核状态：${SUBMISSION_STATUSES[r.status]}。`));
    if (r.consolidatedIds?.length) {
      const below = r.consolidatedIds.map((sid) => names.get(sid)).filter(Boolean);
      children.push(
        paragraph(
          `本报告汇总下级报送 ${r.consolidatedIds.length} 份${below.length ? `：${below.join('、')}` : ''}。`,
        ),
      );
    }
    children.push(...reportBody(c.form, r));
  });
  if (!reported.length) children.push(paragraph('截至导出时，尚无单位报送。'));
  const buffer = await buildDocx(children, { title: `${c.title}汇编` });
  await ctx.audit({
    action: 'report.document_exported',
    targetType: 'report_collection',
    targetId: c.id,
    targetLabel: c.title,
    detail: { scope: 'collection', unitId: unitId ?? ctx.viewer.unitId, reports: reported.length },
  });
  return { buffer, filename: `${c.title}汇编.docx` };
}

/** One report as a document: its text, indicators, roster size, attachments, then what it consolidates. */
export async function submissionDocument(ctx: ReportCtx, id: number) {
  const s = await repo.findSubmission(ctx.db, ctx.viewer, id);
  const form = s.collection.form;
  const docTitle = `${s.unitName}${s.collection.title}`;
  const children: FileChild[] = [...title(docTitle), ...reportBody(form, s)];
  if (form === 'roster') {
    children.push(paragraph(`报送花名册共 ${await repo.rosterCount(ctx.db, id)} 人，详见花名册 Excel 表。`));
  }
  const files = await repo.fileRows(ctx.db, id);
  if (files.length)
    children.push(paragraph(`附件：${files.map((f, i) => `${i + 1}. ${f.name}`).join('；')}`));
  children.push(gap(), ...signature([s.unitOrgName, submittedOn(s)]));
  const below = await exportRepo.submissionsById(ctx.db, s.consolidatedIds ?? []);
  if (below.length) {
    children.push(heading1('附：汇总的下级报送材料'));
    below.forEach((b, i) => {
      children.push(
        heading1(`${chineseNumber(i + 1)}、${b.unitName}（${submittedOn(b)}报送）`),
        ...reportBody(form, b),
      );
    });
  }
  const buffer = await buildDocx(children, { title: docTitle });
  await ctx.audit({
    action: 'report.document_exported',
    targetType: 'report_submission',
    targetId: id,
    targetLabel: `${s.collection.title} — ${s.unitName}`,
    detail: { scope: 'submission', consolidated: below.length },
  });
  return { buffer, filename: `${docTitle}.docx` };
}
