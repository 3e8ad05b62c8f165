import type { z } from 'zod';
import {
  ACTIVITY_LEVELS,
  BUILD_MODES,
  SOCIETY_KINDS,
  SOCIETY_STATUSES,
  type exportSocieties,
} from '../../../common/contracts/societies';
import { beijingTime, writeXlsx } from '../../platform/excel/xlsx-writer';
import { badRequest } from '../../platform/http/errors';
import * as repo from './societies.repo';
import { parseSort, resolveFilter, type SocietyCtx } from './societies.service';

type ExportQuery = z.output<NonNullable<(typeof exportSocieties)['query']>>;

/** Beyond this the cadre should narrow the filter; the register of one province stays well below it. */
const EXPORT_LIMIT = 20_000;

/** 青年社团名册 as .xlsx, with the list's filter; the audit records how many rows left. */
export async function exportRegister(ctx: SocietyCtx, q: ExportQuery) {
  const { rows, total } = await repo.listSocietyRows(
    ctx.db,
    ctx.viewer,
    await resolveFilter(ctx, q),
    repo.orderOf(parseSort(q.sort)),
    { limit: EXPORT_LIMIT, offset: 0 },
  );
  if (total > EXPORT_LIMIT) {
    throw badRequest(`符合条件的社团有 ${total} 个，超过单次导出上限 ${EXPORT_LIMIT}，请缩小筛选范围`);
  }
  const buffer = await writeXlsx({
    sheetName: '青年社团名册',
    title: '青年社团名册',
    subtitleRows: [`导出时间：${beijingTime()}，导出人：${ctx.viewer.displayName}，共 ${rows.length} 个`],
    columns: [
      { header: '序号', key: 'seq', width: 6 },
      { header: '社团名称', key: 'name', width: 28 },
      { header: '类型', key: 'kind', width: 16 },
      { header: '新兴领域', key: 'field', width: 10 },
      { header: '所属单位', key: 'unit', width: 14 },
      { header: '登记机关', key: 'authority', width: 18 },
      { header: '统一社会信用代码', key: 'creditCode', width: 21 },
      { header: '登记日期', key: 'registeredOn', width: 11 },
      { header: '业务主管单位', key: 'supervisor', width: 16 },
      { header: '团属', key: 'league', width: 6 },
      { header: '建设方式', key: 'build', width: 22 },
      { header: '负责人', key: 'leader', width: 10 },
      { header: '秘书长', key: 'secretary', width: 10 },
      { header: '成员数', key: 'members', width: 8 },
      { header: '活跃程度', key: 'activity', width: 9 },
      { header: '网络账号', key: 'accounts', width: 28 },
      { header: '联系团干部', key: 'contactUser', width: 11 },
      { header: '最近联系', key: 'lastContact', width: 11 },
      { header: '已建团组织', key: 'leagueOrg', width: 10 },
      { header: '状态', key: 'status', width: 8 },
    ],
    rows: rows.map((r, i) => ({
      seq: i + 1,
      name: r.name,
      kind: SOCIETY_KINDS[r.kind],
      field: r.fieldLabel,
      unit: r.unitName,
      authority: r.registrationAuthority,
      creditCode: r.creditCode,
      registeredOn: r.registeredOn,
      supervisor: r.supervisor,
      league: r.leagueAffiliated ? '是' : '否',
      build: r.buildMode
        ? [BUILD_MODES[r.buildMode], (r.builtWith ?? []).join('、')].filter(Boolean).join('：')
        : null,
      leader: r.leaderName,
      secretary: r.secretaryName,
      members: r.memberCount,
      activity: r.activityLevel ? ACTIVITY_LEVELS[r.activityLevel] : null,
      accounts: (r.onlineAccounts ?? []).map((a) => `${a.platform}：${a.handle}`).join('；'),
      contactUser: r.contactUserName,
      lastContact: r.lastContactAt ?? '从未联系',
      leagueOrg: r.hasLeagueOrg ? '是' : '否',
      status: SOCIETY_STATUSES[r.status],
    })),
  });
  await ctx.audit({
    action: 'society.exported',
    targetType: 'society',
    targetLabel: '青年社团名册',
    detail: { rows: rows.length },
  });
  return { buffer, filename: `青年社团名册-${beijingTime().slice(0, 10)}.xlsx` };
}
