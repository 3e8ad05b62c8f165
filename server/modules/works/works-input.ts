import type { PublicEntrant } from '../../../common/contracts/calls-public';
import { ageOn, todayInChina } from '../../../common/validators';
import type { Db } from '../../db/client';
import type { Keys } from '../../platform/crypto/keys';
import { AppError, badRequest } from '../../platform/http/errors';
import { normaliseSignup, type NormalisedSignup } from '../signup/signup-input';
import { checkChoices } from '../signup/signup-public.service';
import * as youthRepo from '../youth/youth.repo';
import { groupCap } from './works-call';
import type { EntrantValues, PublicCallRow } from './works.repo';

/**
 * A work's entrants are checked one by one exactly as a public sign-up is (normaliseSignup: names,
 * GB 11643 ID numbers, phones, the SM4 ciphertexts and blind indexes, the guardian under 14), then by the
 * call's own rules: the group's size, and every entrant's age on the closing date.
 */

export type NormalisedEntrant = NormalisedSignup;

/** An entrant's refusal names the entrant and points at their row of the form. */
function forEntrant(err: unknown, index: number): unknown {
  if (!(err instanceof AppError) || err.status !== 400) return err;
  const who = `第 ${index + 1} 位参赛者`;
  return badRequest(
    `${who}：${err.message}`,
    (err.details ?? []).map((d) => ({ path: `entrants.${index}.${d.path}`, message: d.message })),
  );
}

const refuse = (path: string, message: string) => badRequest(message, [{ path, message }]);

export function normaliseEntrants(
  keys: Keys,
  call: PublicCallRow,
  entrants: PublicEntrant[],
): NormalisedEntrant[] {
  const cap = groupCap(call);
  if (entrants.length > cap) {
    throw refuse(
      'entrants',
      cap === 1 ? '本次征集只接受个人作品，请只填写一位参赛者' : `本次征集的团体作品最多 ${cap} 人`,
    );
  }
  if (!entrants[0]?.phone?.trim()) throw refuse('entrants.0.phone', '请填写第一位参赛者（联系人）的手机号');
  const today = todayInChina();
  const closing = todayInChina(new Date(call.closesAt));
  const out = entrants.map((e, i) => {
    let n: NormalisedEntrant;
    try {
      n = normaliseSignup(keys, { ...e, phone: e.phone ?? '', worksLinks: [], needs: [] }, today, {
        capAge: false,
      });
    } catch (err) {
      throw forEntrant(err, i);
    }
    const age = ageOn(n.values.birthDate, closing);
    if (age < call.ageMin || age > call.ageMax) {
      const field = e.birthDate?.trim() ? 'birthDate' : 'idNumber';
      throw refuse(
        `entrants.${i}.${field}`,
        `参赛者「${n.values.name}」在截止日（${closing}）为 ${age} 周岁，不在本次征集 ${call.ageMin}–${call.ageMax} 周岁的范围内`,
      );
    }
    return n;
  });
  const seen = new Set<string>();
  out.forEach((n, i) => {
    if (!n.idNumber) return;
    if (seen.has(n.idNumber.token))
      throw refuse(`entrants.${i}.idNumber`, `第 ${i + 1} 位参赛者的身份证号与前面的重复`);
    seen.add(n.idNumber.token);
  });
  return out;
}

/** Place and 群体类别 from the unit tree and the dictionaries the call's unit uses, as for sign-ups. */
export async function checkEntrantChoices(db: Db, entrants: NormalisedEntrant[], unitPath: string) {
  for (const [i, n] of entrants.entries()) {
    try {
      await checkChoices(db, n.values, unitPath);
    } catch (err) {
      throw forEntrant(err, i);
    }
  }
}

/** The registry record this person already has, found by blind index: the ID number first, then the phone. */
async function matchYouth(db: Db, n: NormalisedEntrant): Promise<number | null> {
  if (n.idNumber) {
    const [byId] = await youthRepo.findKeepersByIndex(db, 'id_number_idx', n.idNumber.token);
    if (byId) return byId.id;
  }
  if (n.phone) {
    const [byPhone] = await youthRepo.findKeepersByIndex(db, 'phone_idx', n.phone.token);
    if (byPhone) return byPhone.id;
  }
  return null;
}

export async function entrantRows(db: Db, entrants: NormalisedEntrant[]): Promise<EntrantValues[]> {
  return Promise.all(
    entrants.map(async (n, position) => ({
      position,
      name: n.values.name,
      gender: n.values.gender,
      birthDate: n.values.birthDate,
      idNumberEnc: n.idNumber?.enc ?? null,
      idNumberIdx: n.idNumber?.token ?? null,
      phoneEnc: n.phone?.enc ?? null,
      phoneIdx: n.phone?.token ?? null,
      placeUnitId: n.values.placeUnitId,
      categoryId: n.values.categoryId,
      ageBand: n.values.ageBand,
      matchedYouthId: await matchYouth(db, n),
    })),
  );
}
