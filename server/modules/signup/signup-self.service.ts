import type { z } from 'zod';
import type { PublicSignupFields, updatePublicSignup } from '../../../common/contracts/public';
import { SIGNUP_LOCKABLE_FIELDS } from '../../../common/contracts/signup';
import { maskName } from '../../../common/masking';
import { todayInChina } from '../../../common/validators';
import { decryptField } from '../../platform/crypto/field-crypto';
import type { RequestContext } from '../../platform/http/context';
import { conflict, staleVersion } from '../../platform/http/errors';
import { guardPublicForm, guardPublicRead } from '../../platform/public/guard';
import { listConsents, withdrawConsents } from '../privacy/privacy.service';
import { iso } from '../youth/youth.present';
import { receiptIndex } from './signup-codes';
import { ageField, assertWithinAgeCap, normaliseSignup } from './signup-input';
import { checkChoices, notFoundReceipt, publicAudit } from './signup-public.service';
import * as repo from './signup.repo';

/**
 * What the person can do with their receipt code: see where the sign-up stands, correct it, and
 * withdraw their consent. Nothing here shows more than their own masked name, the status and a message.
 */

type UpdateBody = z.output<NonNullable<(typeof updatePublicSignup)['body']>>;
type Lockable = keyof typeof SIGNUP_LOCKABLE_FIELDS;

/** How a withdrawal is recorded on the consent: by the person, with the receipt code. */
const WITHDRAWN_BY_RECEIPT = '回执码';

function message(row: repo.SignupFullRow, consentWithdrawn: boolean): string | null {
  switch (row.status) {
    case 'pending':
      return row.forwardedFromUnitName
        ? `您的报名已转交「${row.unitName}」处理，请耐心等待审核`
        : `您的报名已提交「${row.unitName}」，请耐心等待审核`;
    case 'accepted':
    case 'merged':
      return consentWithdrawn
        ? `您已撤回同意。「${row.unitName}」已收到通知，已登记的信息按个人信息处理规则处理`
        : `审核已通过，「${row.unitName}」会与您联系`;
    case 'declined':
      return `未通过审核：${row.decisionReason ?? ''}`;
    case 'withdrawn':
      return '您已撤回同意，报名中的个人信息已删除';
  }
}

async function view(ctx: RequestContext, row: repo.SignupFullRow) {
  const consents = await listConsents(ctx.db, { subjectKind: 'signup', subjectId: row.id });
  const consentWithdrawn = consents.length > 0 && consents.every((c) => c.withdrawnAt !== null);
  const open = row.status === 'pending' || row.status === 'accepted' || row.status === 'merged';
  const shown = {
    pageTitle: row.pageTitle,
    unitName: row.unitName,
    name: maskName(row.name),
    status: row.status,
    message: message(row, consentWithdrawn),
    submittedAt: iso(row.createdAt)!,
    lockedFields: row.lockedFields as Lockable[],
    editable: open && !consentWithdrawn,
    consentWithdrawn,
  };
  // Kept for a self-edit of a child's sign-up: the guardian who consented still stands behind it.
  return { shown, guardian: consents.find((c) => c.guardianName) };
}

const present = async (ctx: RequestContext, row: repo.SignupFullRow) => (await view(ctx, row)).shown;

/** Every lookup by code counts against the address's read limit: a code cannot be guessed by trying. */
async function byCode(ctx: RequestContext, code: string) {
  await guardPublicRead(ctx, ctx.reply.request);
  const row = await repo.findByReceipt(ctx.db, receiptIndex(ctx.keys, code));
  if (!row) throw notFoundReceipt();
  return row;
}

export async function status(ctx: RequestContext, code: string) {
  return present(ctx, await byCode(ctx, code));
}

/** The stored sign-up as the form's fields, the numbers decrypted only to be checked again. */
function storedFields(ctx: RequestContext, row: repo.SignupFullRow): PublicSignupFields {
  return {
    name: row.name,
    gender: row.gender,
    birthDate: row.birthDate,
    idNumber: row.idNumberEnc ? decryptField(ctx.keys, row.idNumberEnc) : null,
    phone: row.phoneEnc ? decryptField(ctx.keys, row.phoneEnc) : '',
    placeUnitId: row.placeUnitId,
    categoryId: row.categoryId,
    field: row.field,
    platformOrg: row.platformOrg,
    worksLinks: row.worksLinks ?? [],
    needs: row.needs ?? [],
    needsText: row.needsText,
    dream: row.dream,
  };
}

const defined = <T extends object>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Pending: any field; a new birth date or ID number is held to the form's age bound. Accepted or merged: only what the cadre did not verify, marked for the cadre
 * (selfEditedAt); the registry record is the cadre's and does not change. Otherwise refused.
 */
export async function selfUpdate(ctx: RequestContext, body: UpdateBody) {
  const found = await byCode(ctx, body.receiptCode);
  await guardPublicForm(ctx, ctx.reply.request, {
    pageKey: `signup-page:${found.pageId}`,
    challenge: body.challenge,
    nonce: body.nonce,
  });
  const current = await view(ctx, found);
  if (!current.shown.editable) throw conflict('该报名已结束或您已撤回同意，不能再修改');
  const stored = storedFields(ctx, found);
  const changes = defined(body.fields);
  // A new ID number brings its own birth date unless the person gives one.
  const birthDate = changes.idNumber && changes.birthDate === undefined ? null : stored.birthDate;
  const input = { ...stored, birthDate, ...changes };
  const today = todayInChina();
  const n = normaliseSignup(
    ctx.keys,
    {
      ...input,
      guardianName: current.guardian?.guardianName,
      guardianRelation: current.guardian?.guardianRelation,
      guardianConsent: Boolean(current.guardian),
    },
    today,
    { capAge: false },
  );
  const ageChanged =
    n.values.birthDate !== found.birthDate || (n.idNumber?.token ?? null) !== found.idNumberIdx;
  if (found.status === 'pending' && ageChanged) {
    assertWithinAgeCap(n.values.birthDate, today, ageField(input));
  }
  if (n.values.ageBand === 'child' && found.ageBand !== 'child') {
    throw conflict('按修改后的出生日期不满 14 周岁，须由监护人重新提交报名');
  }
  await checkChoices(ctx.db, n.values, found.unitPath);
  const before: Record<Lockable, unknown> = {
    name: found.name,
    gender: found.gender,
    birthDate: found.birthDate,
    idNumber: found.idNumberIdx,
    phone: found.phoneIdx,
    placeUnitId: found.placeUnitId,
    categoryId: found.categoryId,
    field: found.field,
    platformOrg: found.platformOrg,
  };
  const after: Record<Lockable, unknown> = {
    ...n.values,
    idNumber: n.idNumber?.token ?? null,
    phone: n.phone?.token ?? null,
  };
  const changedLockable = (Object.keys(before) as Lockable[]).filter((k) => before[k] !== after[k]);
  const changedOther = (['worksLinks', 'needs', 'needsText', 'dream'] as const).filter(
    (k) => JSON.stringify(found[k] ?? null) !== JSON.stringify(n.values[k] ?? null),
  );
  const locked = changedLockable.filter((k) => found.lockedFields.includes(k));
  if (locked.length)
    throw conflict(
      `以下信息已由团组织核实，不能修改：${locked.map((k) => SIGNUP_LOCKABLE_FIELDS[k]).join('、')}`,
    );
  const fields = [...changedLockable, ...changedOther];
  if (!fields.length) return present(ctx, found);
  const reviewed = found.status !== 'pending';
  await ctx.db.transaction(async (tx) => {
    const ok = await repo.updateSignupRow(tx, found.id, found.version, {
      ...n.values,
      idNumberEnc: n.idNumber?.enc ?? null,
      idNumberIdx: n.idNumber?.token ?? null,
      phoneEnc: n.phone?.enc ?? null,
      phoneIdx: n.phone?.token ?? null,
      ...(reviewed ? { selfEditedAt: new Date() } : {}),
    });
    if (!ok) throw staleVersion();
    await publicAudit(ctx, tx, found.unitId, {
      action: 'public.signup_updated',
      targetId: found.id,
      detail: { fields, status: found.status },
    });
  });
  const updated = await repo.findByReceipt(ctx.db, receiptIndex(ctx.keys, body.receiptCode));
  return present(ctx, updated ?? found);
}

/**
 * Not yet in the registry: the sign-up ends and its personal data is erased (the masked name stays
 * so the cadre's list still shows a row). In the registry: the consent is marked withdrawn and the
 * handling unit decides about the record; the registry is not changed from outside.
 */
export async function withdraw(
  ctx: RequestContext,
  body: { receiptCode: string; challenge: string; nonce: string },
) {
  const found = await byCode(ctx, body.receiptCode);
  await guardPublicForm(ctx, ctx.reply.request, {
    pageKey: `signup-page:${found.pageId}`,
    challenge: body.challenge,
    nonce: body.nonce,
  });
  if (found.status === 'withdrawn') throw conflict('您已撤回过同意');
  const erase = found.status === 'pending' || found.status === 'declined';
  return ctx.db.transaction(async (tx) => {
    const row = await repo.findByReceipt(tx, receiptIndex(ctx.keys, body.receiptCode), true);
    if (!row || row.version !== found.version) throw staleVersion();
    const consents = await listConsents(tx, { subjectKind: 'signup', subjectId: row.id });
    if (!erase && consents.every((c) => c.withdrawnAt !== null)) throw conflict('您已撤回过同意');
    const withdrawnAt = await withdrawConsents(tx, 'signup', row.id, WITHDRAWN_BY_RECEIPT);
    if (erase) {
      const ok = await repo.updateSignupRow(tx, row.id, row.version, {
        status: 'withdrawn',
        name: maskName(row.name),
        gender: null,
        birthDate: null,
        idNumberEnc: null,
        idNumberIdx: null,
        phoneEnc: null,
        phoneIdx: null,
        placeUnitId: null,
        categoryId: null,
        field: null,
        platformOrg: null,
        worksLinks: [],
        needs: [],
        needsText: null,
        dream: null,
      });
      if (!ok) throw staleVersion();
    }
    await publicAudit(ctx, tx, row.unitId, {
      action: 'public.consent_withdrawn',
      targetId: row.id,
      detail: { status: row.status, erased: erase, registryRecordKept: !erase },
    });
    return { withdrawnAt: withdrawnAt.toISOString() };
  });
}
