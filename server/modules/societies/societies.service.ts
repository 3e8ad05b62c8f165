import type { z } from 'zod';
import {
  SOCIETY_SORTS,
  type createSociety,
  type listSocieties,
  type SocietyDetail,
  type SocietyFilter,
  type SocietyListItem,
  type updateSociety,
} from '../../../common/contracts/societies';
import { normalizeText, parseCreditCode, todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import { assertUnitInScope, pathInScope } from '../../platform/access/scope';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { placePinyin } from '../../platform/search/pinyin';
import { iso } from '../youth/youth.present';
import { isUniqueViolation } from '../youth/youth.context';
import * as repo from './societies.repo';
import { addLeaderBackbones } from './societies-support.repo';

export type SocietyCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit'>;
type ListQuery = z.output<NonNullable<(typeof listSocieties)['query']>>;
type CreateBody = z.output<NonNullable<(typeof createSociety)['body']>>;
type UpdateBody = z.output<NonNullable<(typeof updateSociety)['body']>>;

export function presentSocietyItem(r: repo.SocietyRow): SocietyListItem {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    field: r.fieldId && r.fieldLabel ? { id: r.fieldId, label: r.fieldLabel } : null,
    unit: { id: r.unitId, name: r.unitName },
    creditCode: r.creditCode,
    leagueAffiliated: r.leagueAffiliated,
    buildMode: r.buildMode,
    builtWith: r.builtWith ?? [],
    leader: r.leaderName ? { name: r.leaderName, youthId: r.leaderYouthId } : null,
    memberCount: r.memberCount,
    activityLevel: r.activityLevel,
    contactUser:
      r.contactUserId && r.contactUserName ? { id: r.contactUserId, name: r.contactUserName } : null,
    lastContactAt: r.lastContactAt,
    hasLeagueOrg: r.hasLeagueOrg,
    status: r.status,
    version: r.version,
  };
}

async function presentSociety(db: Db, r: repo.SocietyRow): Promise<SocietyDetail> {
  return {
    ...presentSocietyItem(r),
    registrationAuthority: r.registrationAuthority,
    registeredOn: r.registeredOn,
    supervisor: r.supervisor,
    secretary: r.secretaryName ? { name: r.secretaryName, youthId: r.secretaryYouthId } : null,
    onlineAccounts: r.onlineAccounts ?? [],
    remark: r.remark,
    counts: await repo.countsOf(db, r.id),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

function daysBefore(today: string, days: number): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

export async function resolveFilter(ctx: SocietyCtx, q: Partial<SocietyFilter>) {
  const unit = q.unitId
    ? {
        id: q.unitId,
        path: await assertUnitInScope(ctx.db, q.unitId, ctx.viewer),
        includeDescendants: q.includeDescendants !== 'false',
      }
    : undefined;
  const bool = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
  const text = q.q ? normalizeText(q.q) : '';
  return {
    q: text || undefined,
    kind: q.kind,
    fieldId: q.fieldId,
    leagueAffiliated: bool(q.leagueAffiliated),
    hasLeagueOrg: bool(q.hasLeagueOrg),
    activityLevel: q.activityLevel,
    status: q.status,
    unit,
    contactedBefore: q.notContactedDays ? daysBefore(todayInChina(), q.notContactedDays) : undefined,
  } satisfies repo.SocietyFilterResolved;
}

export function parseSort(sort: string | undefined) {
  if (!sort) return undefined;
  const desc = sort.startsWith('-');
  const by = desc ? sort.slice(1) : sort;
  if (!(SOCIETY_SORTS as readonly string[]).includes(by)) {
    throw badRequest(`不支持按“${sort}”排序，可选：名称、最近联系、成员数、登记时间`);
  }
  return { by, desc };
}

export async function list(ctx: SocietyCtx, q: ListQuery) {
  const { rows, total } = await repo.listSocietyRows(
    ctx.db,
    ctx.viewer,
    await resolveFilter(ctx, q),
    repo.orderOf(parseSort(q.sort)),
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return { items: rows.map(presentSocietyItem), total, page: q.page, pageSize: q.pageSize };
}

export async function detail(ctx: SocietyCtx, id: number) {
  return presentSociety(ctx.db, await repo.findSociety(ctx.db, ctx.viewer, id));
}

const fieldError = (path: string, message: string) => badRequest(message, [{ path, message }]);

/** The credit code checked by its GB 32100 check characters; the message never repeats the code. */
function creditCodeOf(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined || raw === null) return raw;
  const parsed = parseCreditCode(raw);
  if (!parsed.ok) throw fieldError('creditCode', parsed.error);
  return parsed.value;
}

type Merged = {
  kind: 'registered' | 'unregistered' | 'community';
  registrationAuthority: string | null;
  creditCode: string | null;
  registeredOn: string | null;
  leagueAffiliated: boolean;
  buildMode: 'independent' | 'joint' | null;
  builtWith: string[];
};

/**
 * Registration (登记机关, 统一社会信用代码, 登记日期) is required of a registered organisation and
 * refused for the others; 团属 needs how it was built, and 联合建 with whom.
 */
function checkRules(m: Merged) {
  if (m.kind === 'registered') {
    if (!m.registrationAuthority) throw fieldError('registrationAuthority', '已注册社会组织须填写登记机关');
    if (!m.creditCode) throw fieldError('creditCode', '已注册社会组织须填写统一社会信用代码');
    if (!m.registeredOn) throw fieldError('registeredOn', '已注册社会组织须填写登记日期');
    if (m.registeredOn > todayInChina()) throw fieldError('registeredOn', '登记日期不能晚于今天');
  } else if (m.registrationAuthority || m.creditCode || m.registeredOn) {
    throw fieldError('kind', '未注册的青年自组织和青年社群不填写登记机关、统一社会信用代码和登记日期');
  }
  if (m.leagueAffiliated) {
    if (!m.buildMode) throw fieldError('buildMode', '团属社团须选择建设方式（独立建或联合建）');
    if (m.buildMode === 'joint' && m.builtWith.length === 0) {
      throw fieldError('builtWith', '联合建须填写联合建设的部门或团体（如统战部、网信办、文联、作协）');
    }
  } else if (m.buildMode || m.builtWith.length > 0) {
    throw fieldError('leagueAffiliated', '只有团属社团填写建设方式');
  }
}

async function refuseTakenCode(ctx: SocietyCtx, db: Db, code: string | null | undefined, exceptId?: number) {
  if (!code) return;
  const same = await repo.findCreditCode(db, code, exceptId);
  if (!same) return;
  if (pathInScope(same.unitPath, ctx.viewer)) {
    throw conflict(`该统一社会信用代码已登记为「${same.name}」（${same.unitName}），请勿重复登记`);
  }
  throw conflict('该统一社会信用代码已由其他单位登记，请联系上级团委核实');
}

/** Names, links and references checked and normalised; undefined keeps what is stored. */
async function normalise(ctx: SocietyCtx, body: Partial<CreateBody>): Promise<repo.SocietyChanges> {
  const out: repo.SocietyChanges = {};
  if (body.name !== undefined) {
    const name = normalizeText(body.name);
    if (name.length < 2) throw fieldError('name', '请填写社团名称（至少 2 个字）');
    const keys = placePinyin(name);
    Object.assign(out, { name, namePinyin: keys.full, nameInitials: keys.initials });
  }
  if (body.fieldId) {
    if (!(await repo.findField(ctx.db, body.fieldId))) throw fieldError('fieldId', '请选择新兴领域');
  }
  for (const who of ['leader', 'secretary'] as const) {
    const youthId = body[`${who}YouthId`];
    const label = who === 'leader' ? '负责人' : '秘书长';
    if (youthId) {
      const person = await repo.findYouthInScope(ctx.db, ctx.viewer, youthId);
      if (!person) throw fieldError(`${who}YouthId`, `${label}须从本单位及下级的青年库中选择`);
      Object.assign(out, { [`${who}YouthId`]: youthId, [`${who}Name`]: person.name });
    } else if (youthId === null || body[`${who}Name`] !== undefined) {
      const name = body[`${who}Name`] ? normalizeText(body[`${who}Name`]!) : null;
      Object.assign(out, { [`${who}YouthId`]: null, [`${who}Name`]: name || null });
    }
  }
  if (body.contactUserId) {
    if (!(await repo.findCadreInScope(ctx.db, ctx.viewer, body.contactUserId))) {
      throw fieldError('contactUserId', '联系团干部须为本单位或下级单位的在用账号');
    }
  }
  if (body.builtWith !== undefined) {
    out.builtWith = [...new Set(body.builtWith.map((w) => normalizeText(w)).filter(Boolean))];
  }
  if (body.creditCode !== undefined) out.creditCode = creditCodeOf(body.creditCode);
  for (const k of [
    'kind',
    'fieldId',
    'registrationAuthority',
    'registeredOn',
    'supervisor',
    'leagueAffiliated',
    'buildMode',
    'memberCount',
    'activityLevel',
    'onlineAccounts',
    'contactUserId',
    'hasLeagueOrg',
    'status',
    'remark',
  ] as const) {
    if (body[k] !== undefined) Object.assign(out, { [k]: body[k] });
  }
  return out;
}

function changedFields(body: object): string[] {
  return Object.entries(body)
    .filter(([k, v]) => v !== undefined && k !== 'version')
    .map(([k]) => k);
}

export async function create(ctx: SocietyCtx, body: CreateBody) {
  const unitId = body.unitId ?? ctx.viewer.unitId;
  await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const values = await normalise(ctx, body);
  checkRules({
    kind: body.kind,
    registrationAuthority: values.registrationAuthority ?? null,
    creditCode: values.creditCode ?? null,
    registeredOn: values.registeredOn ?? null,
    leagueAffiliated: values.leagueAffiliated ?? false,
    buildMode: values.buildMode ?? null,
    builtWith: values.builtWith ?? [],
  });
  try {
    const id = await ctx.db.transaction(async (tx) => {
      await refuseTakenCode(ctx, tx, values.creditCode);
      const newId = await repo.insertSociety(tx, {
        ...values,
        unitId,
        name: values.name!,
        namePinyin: values.namePinyin!,
        nameInitials: values.nameInitials!,
        kind: body.kind,
        contactUserId: values.contactUserId ?? ctx.viewer.userId,
        createdBy: ctx.viewer.userId,
      });
      await addLeaderBackbones(tx, newId, values, ctx.viewer.userId);
      await ctx.audit(
        {
          action: 'society.created',
          targetType: 'society',
          targetId: newId,
          targetLabel: values.name!,
          detail: { unitId, kind: body.kind, leagueAffiliated: values.leagueAffiliated ?? false },
        },
        tx,
      );
      return newId;
    });
    return detail(ctx, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该统一社会信用代码已登记，请勿重复登记');
    throw err;
  }
}

export async function update(ctx: SocietyCtx, id: number, body: UpdateBody) {
  const { version, unitId, ...fields } = body;
  const changes = await normalise(ctx, fields);
  if (unitId !== undefined) {
    await assertUnitInScope(ctx.db, unitId, ctx.viewer);
    changes.unitId = unitId;
  }
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await repo.lockSociety(tx, ctx.viewer, id);
      if (before.version !== version) throw staleVersion();
      const pick = <K extends keyof Merged>(k: K): Merged[K] =>
        (changes[k] !== undefined ? changes[k] : before[k]) as Merged[K];
      checkRules({
        kind: pick('kind'),
        registrationAuthority: pick('registrationAuthority'),
        creditCode: pick('creditCode'),
        registeredOn: pick('registeredOn'),
        leagueAffiliated: pick('leagueAffiliated'),
        buildMode: pick('buildMode'),
        builtWith: pick('builtWith'),
      });
      await refuseTakenCode(ctx, tx, changes.creditCode, id);
      if (!(await repo.updateSocietyAtVersion(tx, id, version, changes))) throw staleVersion();
      await addLeaderBackbones(tx, id, changes, ctx.viewer.userId);
      await ctx.audit(
        {
          action: 'society.updated',
          targetType: 'society',
          targetId: id,
          targetLabel: changes.name ?? before.name,
          detail: { fields: changedFields(fields), ...(unitId !== undefined ? { unitId } : {}) },
        },
        tx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该统一社会信用代码已登记，请勿重复登记');
    throw err;
  }
  return detail(ctx, id);
}

export async function cadres(ctx: SocietyCtx, q: string | undefined) {
  const text = q ? normalizeText(q) : '';
  return { items: await repo.listCadres(ctx.db, ctx.viewer, text || undefined) };
}
