import type { z } from 'zod';
import type {
  createMentor,
  listMentors,
  MentorDetail,
  MentorListItem,
  setMentorAccount,
  updateMentor,
} from '../../../common/contracts/mentors';
import { maskPhone } from '../../../common/masking';
import { normalizeName } from '../../../common/validators';
import type { Db } from '../../db/client';
import { assertUnitInScope } from '../../platform/access/scope';
import { decryptField, encryptField } from '../../platform/crypto/field-crypto';
import type { RequestContext } from '../../platform/http/context';
import { badRequest, conflict, staleVersion } from '../../platform/http/errors';
import { personPinyin } from '../../platform/search/pinyin';
import { createAccount } from '../accounts/accounts.service';
import { iso } from '../youth/youth.present';
import { isUniqueViolation } from '../youth/youth.context';
import { phoneToken } from '../youth/youth.input';
import * as repo from './mentors.repo';

export type MentorCtx = Pick<RequestContext, 'db' | 'viewer' | 'audit' | 'keys'>;
type ListQuery = z.output<NonNullable<(typeof listMentors)['query']>>;
type CreateBody = z.output<NonNullable<(typeof createMentor)['body']>>;
type UpdateBody = z.output<NonNullable<(typeof updateMentor)['body']>>;
type AccountBody = z.output<NonNullable<(typeof setMentorAccount)['body']>>;

/** Decrypts only to mask: the full number never leaves here. */
export function presentMentorItem(ctx: Pick<MentorCtx, 'keys'>, r: repo.MentorRow): MentorListItem {
  return {
    id: r.id,
    name: r.name,
    source: r.source,
    specialty: r.specialty,
    employer: r.employer,
    title: r.title,
    phone: r.phoneEnc ? maskPhone(decryptField(ctx.keys, r.phoneEnc)) : null,
    email: r.email,
    maxMentees: r.maxMentees,
    openPairings: r.openPairings,
    activePairings: r.activePairings,
    account: r.userId && r.username ? { id: r.userId, username: r.username } : null,
    unit: { id: r.unitId, name: r.unitName },
    active: r.active,
    version: r.version,
  };
}

function presentMentor(ctx: Pick<MentorCtx, 'keys'>, r: repo.MentorRow): MentorDetail {
  return {
    ...presentMentorItem(ctx, r),
    bio: r.bio,
    hasPhone: Boolean(r.phoneEnc),
    createdAt: iso(r.createdAt)!,
    updatedAt: iso(r.updatedAt)!,
  };
}

export async function list(ctx: MentorCtx, q: ListQuery) {
  const unit = q.unitId
    ? {
        id: q.unitId,
        path: await assertUnitInScope(ctx.db, q.unitId, ctx.viewer),
        includeDescendants: q.includeDescendants !== 'false',
      }
    : undefined;
  const { rows, total } = await repo.listMentorRows(
    ctx.db,
    ctx.viewer,
    { q: q.q || undefined, source: q.source, unit, available: q.available === 'true' },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  return {
    items: rows.map((r) => presentMentorItem(ctx, r)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function detail(ctx: MentorCtx, id: number) {
  return presentMentor(ctx, await repo.findMentor(ctx.db, ctx.viewer, id));
}

/** name → pinyin keys; phone → ciphertext + blind index (null clears, undefined keeps). */
function normalise(ctx: MentorCtx, body: Partial<CreateBody>): repo.MentorChanges {
  const out: repo.MentorChanges = {};
  if (body.name !== undefined) {
    const name = normalizeName(body.name);
    if (!name) throw badRequest('请填写导师姓名', [{ path: 'name', message: '请填写导师姓名' }]);
    const keys = personPinyin(name);
    Object.assign(out, { name, namePinyin: keys.full, nameInitials: keys.initials });
  }
  if (body.phone === null) Object.assign(out, { phoneEnc: null, phoneIdx: null });
  else if (body.phone) {
    const { value, token } = phoneToken(ctx.keys, body.phone);
    Object.assign(out, { phoneEnc: encryptField(ctx.keys, value), phoneIdx: token });
  }
  for (const k of ['source', 'specialty', 'employer', 'title', 'email', 'maxMentees', 'bio'] as const) {
    if (body[k] !== undefined) Object.assign(out, { [k]: body[k] });
  }
  return out;
}

async function refuseSamePhone(db: Db, unitId: number, changes: repo.MentorChanges, exceptId?: number) {
  if (!changes.phoneIdx) return;
  const same = await repo.findSamePhone(db, unitId, changes.phoneIdx, exceptId);
  if (same) throw conflict(`该手机号已登记为本单位的梦想导师「${same.name}」，请勿重复登记`);
}

export async function create(ctx: MentorCtx, body: CreateBody) {
  const unitId = body.unitId ?? ctx.viewer.unitId;
  await assertUnitInScope(ctx.db, unitId, ctx.viewer);
  const values = normalise(ctx, body);
  const id = await ctx.db.transaction(async (tx) => {
    await refuseSamePhone(tx, unitId, values);
    const newId = await repo.insertMentor(tx, {
      ...values,
      name: values.name!,
      namePinyin: values.namePinyin!,
      nameInitials: values.nameInitials!,
      source: body.source,
      specialty: body.specialty,
      maxMentees: body.maxMentees,
      unitId,
      createdBy: ctx.viewer.userId,
    });
    await ctx.audit(
      {
        action: 'mentor.created',
        targetType: 'mentor',
        targetId: newId,
        targetLabel: values.name!,
        detail: { unitId, source: body.source, maxMentees: body.maxMentees },
      },
      tx,
    );
    return newId;
  });
  return detail(ctx, id);
}

export async function update(ctx: MentorCtx, id: number, body: UpdateBody) {
  const { version, active, unitId, ...fields } = body;
  const changes = normalise(ctx, fields);
  if (active !== undefined) changes.active = active;
  if (unitId !== undefined) {
    await assertUnitInScope(ctx.db, unitId, ctx.viewer);
    changes.unitId = unitId;
  }
  await ctx.db.transaction(async (tx) => {
    const before = await repo.lockMentor(tx, ctx.viewer, id);
    if (before.version !== version) throw staleVersion();
    if (changes.unitId !== undefined && changes.unitId !== before.unitId) {
      if ((await repo.countOpenPairings(tx, id)) > 0) {
        throw conflict('该导师还有未结束的结对，不能调整所属单位');
      }
    }
    if (changes.maxMentees !== undefined) {
      const open = await repo.countOpenPairings(tx, id);
      if (changes.maxMentees < open) {
        throw badRequest(`该导师目前有 ${open} 个未结束的结对，可带教人数不能少于 ${open}`, [
          { path: 'maxMentees', message: `不能少于 ${open}` },
        ]);
      }
    }
    await refuseSamePhone(tx, changes.unitId ?? before.unitId, changes, id);
    if (!(await repo.updateMentorAtVersion(tx, id, version, changes))) throw staleVersion();
    await ctx.audit(
      {
        action: 'mentor.updated',
        targetType: 'mentor',
        targetId: id,
        targetLabel: changes.name ?? before.name,
        // Field names only: the phone itself never goes into the audit log.
        detail: {
          fields: Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined),
          ...(active !== undefined ? { active } : {}),
          ...(unitId !== undefined ? { unitId } : {}),
        },
      },
      tx,
    );
  });
  return detail(ctx, id);
}

/** As the 青年库 does: a reason without numbers in it, audited, the full value only in the response. */
export async function reveal(ctx: MentorCtx, id: number, reason: string) {
  const row = await repo.findMentor(ctx.db, ctx.viewer, id);
  if (/\d{6,}/.test(reason.replace(/[\s-]/g, ''))) {
    throw badRequest('查看原因中不要填写身份证号、手机号等号码', [{ path: 'reason', message: '请去掉号码' }]);
  }
  const phone = row.phoneEnc ? decryptField(ctx.keys, row.phoneEnc) : null;
  await ctx.audit({
    action: 'mentor.revealed',
    targetType: 'mentor',
    targetId: id,
    targetLabel: row.name,
    detail: { reason, fields: phone ? ['phone'] : [] },
  });
  return { phone };
}

/**
 * A new account is made by the accounts service (policy, one-time password, its own audit), then
 * linked; an existing one must be a 梦想导师 account in scope and not linked to another mentor.
 */
export async function setAccount(ctx: RequestContext, id: number, body: AccountBody) {
  const mentor = await repo.findMentor(ctx.db, ctx.viewer, id);
  if (mentor.version !== body.version) throw staleVersion();
  if (mentor.userId) throw conflict(`该导师已有账号「${mentor.username}」`);
  let userId: number;
  let initialPassword: string | null = null;
  if (body.mode === 'create') {
    const made = await createAccount(ctx, {
      username: body.username,
      displayName: mentor.name,
      role: 'mentor',
      unitId: mentor.unitId,
    });
    userId = made.account.id;
    initialPassword = made.initialPassword;
  } else {
    const user = await repo.findMentorAccount(ctx.db, ctx.viewer, body.username);
    if (!user) throw badRequest('没有找到该账号（须为本单位或下级单位的账号）');
    if (user.role !== 'mentor') throw badRequest('只能关联角色为「梦想导师」的账号');
    if (user.linkedTo) throw conflict('该账号已关联其他导师');
    userId = user.id;
  }
  try {
    await ctx.db.transaction(async (tx) => {
      if (!(await repo.updateMentorAtVersion(tx, id, body.version, { userId }))) throw staleVersion();
      await ctx.audit(
        {
          action: body.mode === 'create' ? 'mentor.account_created' : 'mentor.account_linked',
          targetType: 'mentor',
          targetId: id,
          targetLabel: mentor.name,
          detail: { userId, username: body.username.toLowerCase() },
        },
        tx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('该账号已关联其他导师');
    throw err;
  }
  return { mentor: await detail(ctx, id), initialPassword };
}
