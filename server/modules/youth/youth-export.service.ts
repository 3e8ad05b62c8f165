import type { z } from 'zod';
import {
  GENDERS,
  YOUTH_EXPORT_MAX_ROWS,
  YOUTH_STAGES,
  type exportYouth,
} from '../../../common/contracts/youth';
import { maskIdNumber, maskPhone } from '../../../common/masking';
import { todayInChina } from '../../../common/validators';
import type { RequestContext } from '../../platform/http/context';
import { can } from '../../platform/access/viewer';
import { decryptField } from '../../platform/crypto/field-crypto';
import { beijingTime, writeXlsx, type XlsxColumn, type XlsxRow } from '../../platform/excel/xlsx-writer';
import { badRequest, forbidden, notFound } from '../../platform/http/errors';
import { filterConditions, orderOf } from './youth-filter.repo';
import { presentContext, parseSort, resolveFilter } from './youth-search.service';
import { presentYouthItem } from './youth.present';
import * as repo from './youth.repo';

type Ctx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys'>;
type ExportBody = z.output<NonNullable<(typeof exportYouth)['body']>>;

export const ROSTER_TITLE = '新兴青年群体重点培养对象花名册';

/** Export columns, each under the list column (web YouthListPage) that shows it. */
const LIST_COLUMNS: (XlsxColumn & { listKey: string })[] = [
  { header: '姓名', key: 'name', width: 12, listKey: 'name' },
  { header: '性别', key: 'gender', width: 6, listKey: 'gender' },
  { header: '出生日期', key: 'birthDate', width: 12, listKey: 'age' },
  { header: '年龄', key: 'age', width: 6, listKey: 'age' },
  { header: '身份证号', key: 'idNumber', width: 22, listKey: 'idNumber' },
  { header: '手机号', key: 'phone', width: 16, listKey: 'phone' },
  { header: '所在单位', key: 'unit', width: 16, listKey: 'unit' },
  { header: '群体类别', key: 'category', width: 14, listKey: 'category' },
  { header: '从业领域', key: 'occupation', width: 14, listKey: 'occupation' },
  { header: '培养阶段', key: 'stage', width: 12, listKey: 'stage' },
  { header: '标签', key: 'tags', width: 16, listKey: 'tags' },
  { header: '最近联系', key: 'lastContact', width: 12, listKey: 'lastContactAt' },
  { header: '未联系天数', key: 'daysSinceContact', width: 10, listKey: 'lastContactAt' },
];

/** The columns the list shows, in the list's order; the name always, so a row says whose it is. */
function listColumns(shown: string[] | undefined): XlsxColumn[] {
  if (!shown?.length) return LIST_COLUMNS;
  const order = ['name', ...shown.filter((k) => k !== 'name')];
  return order.flatMap((k) => LIST_COLUMNS.filter((c) => c.listKey === k));
}

/** The official 花名册 columns, shared with the rosters submitted upward (server/modules/reports). */
export const ROSTER_COLUMNS: XlsxColumn[] = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '姓名', key: 'name', width: 10 },
  { header: '性别', key: 'gender', width: 6 },
  { header: '民族', key: 'ethnicity', width: 8 },
  { header: '出生年月', key: 'birthMonth', width: 10 },
  { header: '身份证号', key: 'idNumber', width: 22 },
  { header: '政治面貌', key: 'politicalStatus', width: 10 },
  { header: '学历', key: 'education', width: 10 },
  { header: '群体类别', key: 'category', width: 12 },
  { header: '从业领域', key: 'occupation', width: 12 },
  { header: '签约平台或所属机构', key: 'platformOrg', width: 20 },
  { header: '代表作品与成就', key: 'works', width: 30 },
  { header: '联系电话', key: 'phone', width: 16 },
  { header: '备注', key: 'remark', width: 16 },
];

/** One person as the 花名册 lists them: a registry row or a submitted roster entry. */
export type RosterPerson = {
  name: string;
  gender: 'male' | 'female' | null;
  ethnicity: string | null;
  birthDate: string | null;
  idNumberEnc: string | null;
  phoneEnc: string | null;
  politicalStatus: string | null;
  education: string | null;
  category: string | null;
  occupation: string | null;
  platformOrg: string | null;
  worksAchievements: string | null;
  remark: string | null;
};

/** 1996-01-15 → 1996.01, the roster's 出生年月. */
export const rosterBirthMonth = (birthDate: string | null) =>
  birthDate ? birthDate.slice(0, 7).replace('-', '.') : null;

/** A row under ROSTER_COLUMNS; `reveal` decides, per field, between the full and the masked value. */
export function rosterRow(
  seq: number,
  p: RosterPerson,
  reveal: (enc: string | null, mask: (v: string) => string) => string | null,
): XlsxRow {
  return {
    seq,
    name: p.name,
    gender: p.gender ? GENDERS[p.gender] : null,
    ethnicity: p.ethnicity,
    birthMonth: rosterBirthMonth(p.birthDate),
    idNumber: reveal(p.idNumberEnc, maskIdNumber),
    politicalStatus: p.politicalStatus,
    education: p.education,
    category: p.category,
    occupation: p.occupation,
    platformOrg: p.platformOrg,
    works: p.worksAchievements,
    phone: reveal(p.phoneEnc, maskPhone),
    remark: p.remark,
  };
}

/** 2026-11-22 → 2026年11月22日, the way 公文 write dates. */
const chineseDate = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** Like the batch actions: one selected id outside the viewer's scope refuses the export as not found. */
async function assertAllInScope(ctx: Ctx, ids: number[]) {
  const unique = [...new Set(ids)];
  const found = await repo.countYouthCapped(
    ctx.db,
    ctx.viewer,
    filterConditions({ ids: unique }),
    unique.length,
  );
  if (found !== unique.length) throw notFound('青年记录');
}

/**
 * The current filter or the selected rows as .xlsx, masked unless the viewer holds personal.export
 * and gave a reason. Every export is audited with its count; the reason is kept for unmasked ones.
 */
export async function exportYouthXlsx(
  ctx: Ctx,
  body: ExportBody,
): Promise<{ buffer: Buffer; filename: string }> {
  if (body.unmasked && !can(ctx.viewer, 'personal.export')) {
    throw forbidden('您没有导出未脱敏个人信息的权限');
  }
  if (body.ids) await assertAllInScope(ctx, body.ids);
  const resolved = await resolveFilter(ctx, body.filter ?? {}, body.ids);
  if (body.layout === 'roster') resolved.stage = 'key';
  const conditions = filterConditions(resolved);
  const count = await repo.countYouthCapped(ctx.db, ctx.viewer, conditions, YOUTH_EXPORT_MAX_ROWS);
  if (count > YOUTH_EXPORT_MAX_ROWS) {
    throw badRequest(`一次最多导出 ${YOUTH_EXPORT_MAX_ROWS} 条，请缩小筛选范围后分批导出`);
  }
  const sort = parseSort(body.sort ?? (body.layout === 'roster' ? 'name' : undefined));
  const rows = await repo.exportYouthRows(ctx.db, ctx.viewer, {
    conditions,
    order: orderOf(sort.by, sort.desc),
    limit: YOUTH_EXPORT_MAX_ROWS,
    offset: 0,
  });
  const reveal = (enc: string | null, mask: (v: string) => string) => {
    if (!enc) return null;
    const value = decryptField(ctx.keys, enc);
    return body.unmasked ? value : mask(value);
  };
  const pc = presentContext(ctx);
  const unit = await repo.unitPathOf(ctx.db, ctx.viewer.unitId);
  const today = todayInChina();

  let buffer: Buffer;
  if (body.layout === 'roster') {
    const data = rows.map((r, i) => rosterRow(i + 1, { ...r, category: r.categoryLabel }, reveal));
    buffer = await writeXlsx({
      sheetName: '花名册',
      title: ROSTER_TITLE,
      subtitleRows: [`填报单位：${unit?.orgName ?? ''}`, `填报日期：${chineseDate(today)}`],
      columns: ROSTER_COLUMNS,
      rows: data,
    });
  } else {
    const data: XlsxRow[] = rows.map((r) => {
      const item = presentYouthItem(r, pc);
      return {
        name: r.name,
        gender: r.gender ? GENDERS[r.gender] : null,
        birthDate: r.birthDate,
        age: item.age,
        idNumber: reveal(r.idNumberEnc, maskIdNumber),
        phone: reveal(r.phoneEnc, maskPhone),
        unit: r.unitName,
        category: r.categoryLabel,
        occupation: r.occupation,
        stage: YOUTH_STAGES[r.stage],
        tags: (r.tags ?? []).join('、'),
        lastContact: item.lastContactAt ? beijingTime(new Date(item.lastContactAt)).slice(0, 10) : null,
        daysSinceContact: item.daysSinceContact,
      };
    });
    buffer = await writeXlsx({
      sheetName: '青年名单',
      title: '新兴青年名单',
      subtitleRows: [
        `导出单位：${unit?.orgName ?? ''}；导出人：${ctx.viewer.displayName}；导出时间：${beijingTime()}`,
        body.unmasked ? '含完整身份证号、手机号，请妥善保管' : '身份证号、手机号已脱敏',
      ],
      columns: listColumns(body.columns),
      rows: data,
    });
  }
  await ctx.audit({
    action: 'youth.exported',
    targetType: 'youth',
    detail: {
      layout: body.layout,
      count: rows.length,
      unmasked: body.unmasked,
      ...(body.unmasked ? { reason: body.reason } : {}),
      ...(body.ids ? { selected: body.ids.length } : {}),
    },
  });
  const name = body.layout === 'roster' ? '重点培养对象花名册' : '新兴青年名单';
  return { buffer, filename: `${name}-${today}.xlsx` };
}
