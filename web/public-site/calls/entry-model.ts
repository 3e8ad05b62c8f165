import { todayInChina } from '../../../common/validators/date';
import { parsePhone } from '../../../common/validators/phone';
import type { PublicCall } from '../api';
import type { FormFields } from '../ui/ErrorSummary';
import {
  ageInfo,
  identityErrors,
  orNull,
  PERSON_FIELDS,
  personBody,
  type FieldErrors,
  type PersonValues,
} from '../ui/person';

/** One person behind a work, as typed. */
export type EntrantValues = PersonValues & { phone: string };

/** The entry form as typed; the files travel beside it (they are uploaded as soon as they are chosen). */
export type EntryValues = {
  categoryKey: string;
  title: string;
  description: string;
  group: boolean;
  groupName: string;
  /** The lead entrant (the contact) first. */
  entrants: EntrantValues[];
  originality: boolean;
  consent: boolean;
  publicityConsent: boolean;
  /** The honeypot: people never see it. */
  website: string;
};

export const emptyEntrant = (): EntrantValues => ({
  name: '',
  gender: '',
  birthDate: '',
  idNumber: '',
  phone: '',
  place: [],
  categoryId: '',
  guardianName: '',
  guardianRelation: '',
  guardianConsent: false,
});

export const emptyEntry = (): EntryValues => ({
  categoryKey: '',
  title: '',
  description: '',
  group: false,
  groupName: '',
  entrants: [emptyEntrant()],
  originality: false,
  consent: false,
  publicityConsent: false,
  website: '',
});

export const TITLE_MAX = 100;
export const DESCRIPTION_MAX = 2000;
export const GROUP_NAME_MAX = 100;

type CallRules = Pick<PublicCall, 'ageMin' | 'ageMax' | 'closesAt' | 'maxGroupSize'>;

/** The day a call reads ages on: its closing day, in Beijing. */
export const closingDay = (call: Pick<PublicCall, 'closesAt'>) => todayInChina(new Date(call.closesAt));

/** The age on the closing day, when the birth date or ID number gives one. */
export function ageAtClosing(
  e: Pick<EntrantValues, 'birthDate' | 'idNumber'>,
  call: Pick<PublicCall, 'closesAt'>,
): number | null {
  return ageInfo(e, closingDay(call))?.age ?? null;
}

/** The form's fields in order, for the error summary and the focus; entrant i's keys are `entrants.i.<field>`. */
export function entryFields(entrants: number): FormFields {
  return {
    order: [
      'categoryKey',
      'title',
      'description',
      'groupName',
      'entrants',
      ...Array.from({ length: entrants }, (_, i) => PERSON_FIELDS.map((f) => `entrants.${i}.${f}`)).flat(),
      'files',
      'originality',
      'consent',
      'noticeId',
      'publicityConsent',
    ],
    elementId: (key) => {
      if (key === 'noticeId') return 'consent';
      if (key === 'entrants') return 'entrants.0.name';
      const entrant = /^entrants\.(\d+)\.(\w+)$/.exec(key);
      if (entrant?.[2] === 'placeUnitId') return `entrants.${entrant[1]}.place-0`;
      if (entrant?.[2] === 'gender') return `entrants.${entrant[1]}.gender-male`;
      return key;
    },
  };
}

/** One entrant's checks; keys are prefixed with `entrants.<i>.`. */
export function validateEntrant(
  e: EntrantValues,
  i: number,
  call: CallRules,
  today = todayInChina(),
): FieldErrors {
  const at = `entrants.${i}.`;
  const err: FieldErrors = {};
  if (!e.name.trim()) err[`${at}name`] = i === 0 ? '请填写姓名' : `请填写第 ${i + 1} 位参赛者的姓名`;
  if (i === 0 && !e.phone.trim()) err[`${at}phone`] = '请填写联系人的手机号';
  else if (e.phone.trim() && !parsePhone(e.phone).ok)
    err[`${at}phone`] = '手机号格式不对，请填写 11 位手机号';
  Object.assign(err, identityErrors(e, today, at));
  const age = ageInfo(e, today);
  const then = ageAtClosing(e, call);
  if (age && then !== null && (then < call.ageMin || then > call.ageMax) && !err[`${at}${age.from}`]) {
    err[`${at}${age.from}`] =
      `本次征集面向 ${call.ageMin}–${call.ageMax} 周岁的青年（按截止日计算），按所填信息为 ${then} 周岁`;
  }
  if (age?.band === 'child') {
    if (!e.guardianName.trim()) err[`${at}guardianName`] = '不满 14 周岁须填写监护人姓名';
    if (!e.guardianRelation) err[`${at}guardianRelation`] = '请选择监护人与参赛者的关系';
    if (!e.guardianConsent) err[`${at}guardianConsent`] = '不满 14 周岁须由监护人同意后才能参赛';
  }
  return err;
}

/** A chosen file: uploading, uploaded (with the server's token) or failed (with why). */
export type FileItem = {
  id: number;
  file: File;
  state: 'uploading' | 'done' | 'failed';
  progress: number;
  /** While uploading: sending, retrying after a cut, paused until back online, or being checked at the server. */
  phase?: 'uploading' | 'retrying' | 'paused' | 'finishing';
  token?: string;
  /** The server removed the photo's metadata (place, camera) before keeping it. */
  scrubbed?: boolean;
  error?: string;
};

/** A single entry keeps the others typed in case the person switches back, but sends only the first. */
export const entrantsOf = (v: Pick<EntryValues, 'group' | 'entrants'>) =>
  v.group ? v.entrants : v.entrants.slice(0, 1);

/** The people behind a work: on the entry form, and when the entrants are replaced with the receipt code. */
export type PeopleValues = Pick<EntryValues, 'group' | 'groupName' | 'entrants'>;

/** The people's checks: a group's name and size, then each entrant's own. */
export function validatePeople(v: PeopleValues, call: CallRules, today = todayInChina()): FieldErrors {
  const e: FieldErrors = {};
  if (v.group) {
    if (!v.groupName.trim()) e.groupName = '请填写团体名称';
    if (v.entrants.length < 2) e.entrants = '团体作品至少填写 2 位参赛者；个人作品请选择“个人”';
  }
  entrantsOf(v).forEach((entrant, i) => Object.assign(e, validateEntrant(entrant, i, call, today)));
  return e;
}

/**
 * Replacing the entrants of a submitted work (updatePublicWork): the whole group, its name, and the
 * notice the new entrants consent under.
 */
export function peopleChangeBody(v: PeopleValues, noticeId: number, today = todayInChina()) {
  return {
    groupName: v.group ? orNull(v.groupName) : null,
    entrants: entrantsOf(v).map((e) => entrantBody(e, today)),
    noticeId,
  };
}

/** What the page checks before sending; the server checks all of it again. */
export function validateEntry(
  v: EntryValues,
  files: readonly FileItem[],
  call: CallRules & Pick<PublicCall, 'categories'>,
  today = todayInChina(),
): FieldErrors {
  const e: FieldErrors = {};
  if (!v.categoryKey) e.categoryKey = '请选择作品类别';
  if (!v.title.trim()) e.title = '请填写作品名称';
  Object.assign(e, validatePeople(v, call, today));
  const category = call.categories.find((c) => c.key === v.categoryKey);
  if (files.some((f) => f.state === 'uploading')) e.files = '还有文件正在上传，请等上传完成后再提交';
  else if (files.some((f) => f.state === 'failed')) e.files = '有文件没有上传成功，请重试或删除';
  else if (!files.length) e.files = '请上传作品文件';
  else if (category && files.length > category.maxFiles)
    e.files = `「${category.label}」类作品最多 ${category.maxFiles} 个文件，请删除多余的`;
  if (!v.originality) e.originality = '请确认作品为原创并勾选原创声明';
  if (!v.consent) e.consent = '请阅读并同意个人信息处理规则';
  return e;
}

/** One entrant in the contract's shape (publicEntrant). */
export function entrantBody(e: EntrantValues, today = todayInChina()) {
  return { ...personBody(e, today), phone: orNull(e.phone) };
}

/** The submitted fields in the contract's shape (publicWorkFields), files in the order they were chosen. */
export function entryBody(v: EntryValues, files: readonly FileItem[], today = todayInChina()) {
  return {
    title: v.title.trim(),
    categoryKey: v.categoryKey,
    description: v.description.trim(),
    groupName: v.group ? orNull(v.groupName) : null,
    entrants: entrantsOf(v).map((e) => entrantBody(e, today)),
    files: files.flatMap((f) => (f.token ? [f.token] : [])),
    originality: true as const,
    publicityConsent: v.publicityConsent,
  };
}
