import type { z } from 'zod';
import type { updateYouth } from '../../../common/contracts/youth';
import { SIGNUP_STATUSES, type SIGNUP_LOCKABLE_FIELDS } from '../../../common/contracts/signup';
import type { Db } from '../../db/client';
import { decryptField } from '../../platform/crypto/field-crypto';
import { conflict, notFound, staleVersion } from '../../platform/http/errors';
import { attachConsentsToYouth } from '../privacy/privacy.service';
import * as record from '../youth/youth-record.service';
import type { YouthFieldsInput } from '../youth/youth.input';
import * as youthRepo from '../youth/youth.repo';
import { detail, JUST_HANDLED, type ReviewCtx } from './signup-review.service';
import * as repo from './signup.repo';

/**
 * A cadre's decisions on a sign-up: accept (a registry record made by the registry's own create),
 * merge into a record, forward to another unit, decline. Each takes the locked row, checks that it
 * is still pending, writes with the version it read and is audited; batches reuse the same functions.
 */

type Lockable = keyof typeof SIGNUP_LOCKABLE_FIELDS;
type YouthUpdate = z.output<NonNullable<(typeof updateYouth)['body']>>;
type Row = repo.SignupFullRow;

function assertPending(row: Row) {
  if (row.status !== 'pending') throw conflict(`该报名${SIGNUP_STATUSES[row.status]}，不能再处理`);
}

const secret = (ctx: ReviewCtx, enc: string | null) => (enc ? decryptField(ctx.keys, enc) : null);
const worksText = (row: Row) =>
  (row.worksLinks ?? [])
    .map((l) => `${l.title}：${l.url}`)
    .join('；')
    .slice(0, 2000) || null;

async function decided(ctx: ReviewCtx, tx: Db, row: Row, values: Partial<repo.SignupValues>) {
  const ok = await repo.updateSignupRow(tx, row.id, row.version, {
    ...values,
    decidedBy: ctx.viewer.userId,
    decidedAt: new Date(),
  });
  if (!ok) throw staleVersion();
}

/** `sourceId`: the 线上招募 item, when the caller (a batch) has looked it up once for all its rows. */
export async function acceptLocked(
  ctx: ReviewCtx,
  tx: Db,
  row: Row,
  verifiedFields: Lockable[],
  sourceId?: number | null,
) {
  assertPending(row);
  const input: YouthFieldsInput = {
    name: row.name,
    gender: row.gender,
    birthDate: row.birthDate,
    idNumber: secret(ctx, row.idNumberEnc),
    phone: secret(ctx, row.phoneEnc),
    unitId: row.unitId,
    residence: row.placeName,
    categoryId: row.categoryId,
    occupation: row.field,
    platformOrg: row.platformOrg,
    worksAchievements: worksText(row),
    sourceId: sourceId === undefined ? await repo.onlineSourceId(tx) : sourceId,
    dream: row.dream,
    needs: row.needs ?? [],
    needsText: row.needsText,
    // Under 14 the guardian's consent is on record with the sign-up (PIPL Art. 31).
    guardianConsent: row.ageBand === 'child',
  };
  // The registry's create without reading the record back: the response shows the sign-up, not the record.
  const youth = await record.register({ ...ctx, db: tx }, input);
  await attachConsentsToYouth(tx, 'signup', row.id, youth.id);
  const locked = [...new Set(verifiedFields)];
  await decided(ctx, tx, row, { status: 'accepted', youthId: youth.id, lockedFields: locked });
  await ctx.audit(
    {
      action: 'signup.accepted',
      targetType: 'signup',
      targetId: row.id,
      targetLabel: row.name,
      detail: { youthId: youth.id, verifiedFields: locked },
    },
    tx,
  );
  return youth.warnings;
}

/** Only what the record lacks is filled in; what it has stays as the cadres entered it. */
export async function mergeLocked(ctx: ReviewCtx, tx: Db, row: Row, youthId: number) {
  assertPending(row);
  const y = await youthRepo.findYouthDetail(tx, ctx.viewer, youthId);
  const idNumber = secret(ctx, row.idNumberEnc);
  if (idNumber && y.idNumberEnc && decryptField(ctx.keys, y.idNumberEnc) !== idNumber) {
    throw conflict('报名的身份证号与所选记录不一致，不是同一人，不能合并');
  }
  const sourceId = await repo.onlineSourceId(tx);
  const fills: Partial<YouthUpdate> = {};
  const fill = <K extends keyof YouthUpdate>(key: K, empty: boolean, value: YouthUpdate[K] | null) => {
    if (empty && value !== null && value !== undefined) fills[key] = value as YouthUpdate[K];
  };
  fill('gender', !y.gender, row.gender);
  fill('birthDate', !y.birthDate, row.birthDate);
  fill('idNumber', !y.idNumberEnc, idNumber);
  fill('phone', !y.phoneEnc, secret(ctx, row.phoneEnc));
  fill('residence', !y.residence, row.placeName);
  fill('categoryId', !y.categoryId, row.categoryId);
  fill('occupation', !y.occupation, row.field);
  fill('platformOrg', !y.platformOrg, row.platformOrg);
  fill('worksAchievements', !y.worksAchievements, worksText(row));
  fill('sourceId', !y.sourceId, sourceId);
  fill('dream', !y.dream, row.dream);
  fill('needsText', !y.needsText, row.needsText);
  fill('needs', !y.needs?.length, row.needs?.length ? row.needs : null);
  fill('guardianConsent', !y.guardianConsent, row.ageBand === 'child' ? true : null);
  const filled = Object.keys(fills);
  const warnings = filled.length
    ? (await record.update({ ...ctx, db: tx }, youthId, { ...fills, version: y.version })).warnings
    : [];
  await attachConsentsToYouth(tx, 'signup', row.id, youthId);
  await decided(ctx, tx, row, { status: 'merged', youthId });
  await ctx.audit(
    {
      action: 'signup.merged',
      targetType: 'signup',
      targetId: row.id,
      targetLabel: row.name,
      detail: { youthId, filled },
    },
    tx,
  );
  return warnings;
}

/** To any unit in the country; the sign-up leaves this subtree and the person is told who has it now. */
export async function forwardLocked(ctx: ReviewCtx, tx: Db, row: Row, unitId: number, reason: string) {
  assertPending(row);
  const unit = await repo.unitById(tx, unitId);
  if (!unit) throw notFound('单位');
  if (unit.id === row.unitId) throw conflict(`该报名已由「${unit.name}」处理`);
  const ok = await repo.updateSignupRow(tx, row.id, row.version, {
    unitId: unit.id,
    forwardedFromUnitId: row.unitId,
    decisionReason: reason,
  });
  if (!ok) throw staleVersion();
  await ctx.audit(
    {
      action: 'signup.forwarded',
      targetType: 'signup',
      targetId: row.id,
      targetLabel: row.name,
      detail: { unitId: { from: row.unitId, to: unit.id }, reason },
    },
    tx,
  );
  return [] as string[];
}

export async function declineLocked(ctx: ReviewCtx, tx: Db, row: Row, reason: string) {
  assertPending(row);
  await decided(ctx, tx, row, { status: 'declined', decisionReason: reason });
  await ctx.audit(
    {
      action: 'signup.declined',
      targetType: 'signup',
      targetId: row.id,
      targetLabel: row.name,
      detail: { reason },
    },
    tx,
  );
  return [] as string[];
}

/** One decision on one sign-up: locked, version-checked, in one transaction with its audit event. */
async function decideOne(
  ctx: ReviewCtx,
  id: number,
  version: number,
  apply: (tx: Db, row: Row) => Promise<string[]>,
  after: 'stays' | 'leaves' = 'stays',
) {
  const warnings = await ctx.db.transaction(async (tx) => {
    const [row] = await repo.lockSignups(tx, ctx.viewer, [id]);
    if (!row) throw notFound('报名');
    if (row.version !== version) throw staleVersion();
    return apply(tx, row);
  });
  return { signup: await detail(ctx, id, after === 'leaves' ? JUST_HANDLED : ctx.viewer), warnings };
}

export const accept = (ctx: ReviewCtx, id: number, b: { version: number; verifiedFields: Lockable[] }) =>
  decideOne(ctx, id, b.version, (tx, row) => acceptLocked(ctx, tx, row, b.verifiedFields));

export const merge = (ctx: ReviewCtx, id: number, b: { version: number; youthId: number }) =>
  decideOne(ctx, id, b.version, (tx, row) => mergeLocked(ctx, tx, row, b.youthId));

export const forward = (ctx: ReviewCtx, id: number, b: { version: number; unitId: number; reason: string }) =>
  decideOne(ctx, id, b.version, (tx, row) => forwardLocked(ctx, tx, row, b.unitId, b.reason), 'leaves');

export const decline = (ctx: ReviewCtx, id: number, b: { version: number; reason: string }) =>
  decideOne(ctx, id, b.version, (tx, row) => declineLocked(ctx, tx, row, b.reason));
