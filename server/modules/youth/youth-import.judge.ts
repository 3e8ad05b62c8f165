import { performance } from 'node:perf_hooks';
import { maskIdNumber, maskPhone } from '../../../common/masking';
import {
  isFormulaLike,
  parseGender,
  parseIdNumber,
  parseLooseDate,
  parsePhone,
} from '../../../common/validators';
import type { Keys } from '../../platform/crypto/keys';
import { AppError } from '../../platform/http/errors';
import { cellMessage, isEmptyCell } from '../../platform/import';
import type { HeaderMatch } from '../../platform/import/header-detect';
import type { ImportRecord } from '../../platform/import/row-reader';
import { dictionaryKey, type DictHit } from '../dictionaries/dictionaries.match';
import type { YouthColumnKey } from './youth-import.columns';
import { payloadFor, type YouthPayload } from './youth-import.compare';
import type { UnitChoice } from './youth-import.repo';
import { accountsOf, followersOf, key, text, unitKey, unitLookup } from './youth-import.cells';
import { normaliseYouth, type YouthFieldsInput } from './youth.input';

/**
 * The per-row part of the youth import that needs no database: the field rules, normalising, SM4,
 * blind indexes and pinyin. It runs in the worker thread that reads the file (platform/worker),
 * beside the parse, so the main thread only looks rows up and stages them (youth-import.analyse.ts).
 */

type Rec = ImportRecord<YouthColumnKey>;
type Header = HeaderMatch<YouthColumnKey>;
/** A dictionary as a lookup from what cadres write (labels and aliases, by dictionaryKey) to the item. */
type Lookup = Map<string, DictHit>;

/**
 * What the worker is started with: plain data that survives structured cloning. The keys are the
 * server's own, cloned into a thread of the same process (never written or sent anywhere).
 */
export type JudgeContext = {
  dicts: Record<'category' | 'source' | 'need' | 'ethnicity' | 'political' | 'education', Lookup>;
  units: UnitChoice[];
  unit: { id: number; name: string; path: string };
  keys: Pick<Keys, 'data' | 'index' | 'dataKeyId'>;
  today: string;
  /** Time each row's rules and normalising (bench/). */
  timed: boolean;
};

/** One row judged: its messages and what the import would write (null with errors). */
export type JudgedYouth = {
  errors: string[];
  /** Warnings, those of normalising last. */
  warnings: string[];
  label: string | null;
  payload: YouthPayload | null;
  /** With `timed`: milliseconds of the field rules and of normalising. */
  ms?: [number, number];
};

const LIST_SPLIT = /[、,，;；\n/]+/;
/** Columns stored as the text typed: a value there that Excel would run as a formula is worth a word. */
const FREE_TEXT: YouthColumnKey[] = [
  'name',
  'residence',
  'occupation',
  'platformOrg',
  'worksAchievements',
  'onlineAccounts',
  'dream',
  'needsText',
  'tags',
  'remark',
];
const YES = new Set(['是', '已取得', '已同意', '同意', '有', 'y', 'yes', '√', '✓', '1', 'true']);
const NO = new Set(['否', '未取得', '不同意', '无', 'n', 'no', '×', '0', 'false']);

/** The worker task: the judge of one job, for every record the worker reads. */
export function youthJudge(ctx: JudgeContext): (rec: Rec, header: Header) => JudgedYouth {
  const { dicts, today } = ctx;
  // Structured cloning turns the Buffers into plain Uint8Arrays.
  const keys = {
    data: Buffer.from(ctx.keys.data),
    index: Buffer.from(ctx.keys.index),
    dataKeyId: ctx.keys.dataKeyId,
  } as Keys;
  const unitsByName = unitLookup(ctx.units);
  const clock = ctx.timed ? () => performance.now() : () => 0;

  function rules(rec: Rec, header: Header) {
    const errors: string[] = [];
    const warnings: string[] = [];
    const labelOf = (k: YouthColumnKey) => {
      for (const [col, mapped] of header.mapping) if (mapped === k) return header.headers[col] || k;
      return k;
    };
    const err = (k: YouthColumnKey, message: string) =>
      errors.push(cellMessage(rec.rowNumber, labelOf(k), message));
    const warn = (k: YouthColumnKey, message: string) =>
      warnings.push(cellMessage(rec.rowNumber, labelOf(k), message));
    // Each cell normalised once: the rules below read some columns several times.
    const texts = new Map<YouthColumnKey, string | undefined>();
    const v = (k: YouthColumnKey) => {
      if (!texts.has(k)) texts.set(k, text(rec.values[k]));
      return texts.get(k);
    };
    for (const p of rec.problems) errors.push(p.message);

    const input: YouthFieldsInput = { name: v('name') ?? '' };
    if (!input.name) err('name', '姓名不能为空');
    if ((input.name ?? '').length > 50) err('name', '姓名过长（最多 50 个字）');

    const idCell = rec.values.idNumber;
    const idText = v('idNumber');
    if (idText) {
      const parsed = parseIdNumber(
        idCell!.numeric && typeof idCell!.value === 'number' ? idCell!.value : idText,
        { fromNumericCell: idCell!.numeric },
      );
      if (!parsed.ok) err('idNumber', parsed.error);
      else input.idNumber = parsed.value;
    }
    const phoneText = v('phone');
    if (phoneText) {
      const parsed = parsePhone(phoneText);
      if (!parsed.ok) err('phone', parsed.error);
      else input.phone = parsed.value;
    }
    const birthCell = rec.values.birthDate;
    if (birthCell && !isEmptyCell(birthCell)) {
      const raw =
        birthCell.value instanceof Date || typeof birthCell.value === 'number'
          ? birthCell.value
          : v('birthDate')!;
      const d = parseLooseDate(raw);
      if (!d.ok) err('birthDate', d.error);
      else if (d.precision !== 'day' && !input.idNumber) err('birthDate', '请填写完整的出生日期（年月日）');
      else if (d.precision === 'day') input.birthDate = d.value;
    }
    const genderText = v('gender');
    if (genderText) {
      const g = parseGender(genderText);
      if (!g) err('gender', '性别请填写“男”或“女”');
      else input.gender = g;
    }

    const pick = (k: YouthColumnKey, dict: Lookup, what: string, strict: boolean) => {
      const t = v(k);
      if (!t) return undefined;
      const last = t.split('/').pop()!;
      const hit = dict.get(dictionaryKey(t)) ?? dict.get(dictionaryKey(last));
      if (hit) return hit;
      if (strict) err(k, `“${t}”不是可选的${what}，请从模板的下拉选项中选择`);
      else warn(k, `“${t}”不在${what}选项中，已按原文保存`);
      return undefined;
    };
    input.ethnicity =
      pick('ethnicity', dicts.ethnicity, '民族', false)?.label ?? (v('ethnicity') || undefined);
    input.politicalStatus =
      pick('politicalStatus', dicts.political, '政治面貌', false)?.label ??
      (v('politicalStatus') || undefined);
    input.education =
      pick('education', dicts.education, '学历', false)?.label ?? (v('education') || undefined);
    input.categoryId = pick('category', dicts.category, '群体类别', true)?.id;
    input.sourceId = pick('source', dicts.source, '来源', false)?.id;

    const needsText = v('needs');
    if (needsText) {
      const ids: number[] = [];
      const unknown: string[] = [];
      for (const part of needsText
        .split(LIST_SPLIT)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const hit = dicts.need.get(dictionaryKey(part));
        if (hit) ids.push(hit.id);
        else unknown.push(part);
      }
      input.needs = [...new Set(ids)];
      if (unknown.length) warn('needs', `“${unknown.join('、')}”不在需求选项中，已记入需求说明`);
      const extra = [v('needsText'), unknown.join('、')].filter(Boolean).join('；');
      if (extra) input.needsText = extra;
    } else if (v('needsText')) input.needsText = v('needsText');

    const tagText = v('tags');
    if (tagText)
      input.tags = tagText
        .split(LIST_SPLIT)
        .map((t) => t.trim().slice(0, 30))
        .filter(Boolean)
        .slice(0, 20);

    let followers: number | null = null;
    const followersText = v('followers');
    if (followersText) {
      const f = followersOf(followersText);
      if (f === 'bad') warn('followers', '粉丝数不是数字，已忽略');
      else followers = f;
    }
    const accountsText = v('onlineAccounts');
    if (accountsText) input.onlineAccounts = accountsOf(accountsText, followers);
    else if (followers !== null) warn('followers', '填写了粉丝数但没有网络账号，已忽略');

    const consent = v('guardianConsent');
    if (consent) {
      if (YES.has(key(consent))) input.guardianConsent = true;
      else if (NO.has(key(consent))) input.guardianConsent = false;
      else err('guardianConsent', '请填写“是”或“否”');
    }

    for (const k of [
      'residence',
      'occupation',
      'platformOrg',
      'worksAchievements',
      'dream',
      'remark',
    ] as const) {
      const t = v(k);
      if (t) input[k] = t;
    }

    for (const k of FREE_TEXT) {
      const t = v(k);
      if (t && t.length > 1 && isFormulaLike(t))
        warn(k, `内容以“${t[0]}”开头，形似公式：已按文本原样保存，不会作为公式执行`);
    }

    let unit: { id: number; name: string } = ctx.unit;
    const unitText = v('unit');
    if (unitText) {
      const found = unitsByName.get(unitKey(unitText)) ?? [];
      if (found.length === 1) unit = found[0];
      else if (found.length > 1)
        err(
          'unit',
          `单位“${unitText}”有重名，请写上级单位名称，如“${found[0].parentName ?? ''}${found[0].name}”`,
        );
      else err('unit', `单位“${unitText}”不在本次导入的范围（${ctx.unit.name}及下级）内`);
    }
    input.unitId = unit.id;
    return { input, errors, warnings, unit };
  }

  return (rec, header) => {
    const t0 = clock();
    const { input, errors, warnings, unit } = rules(rec, header);
    const t1 = clock();
    let payload: YouthPayload | null = null;
    if (!errors.length) {
      try {
        const n = normaliseYouth(keys, input, today);
        for (const m of n.warnings) warnings.push(`第 ${rec.rowNumber} 行：${m}`);
        payload = payloadFor(n, input, unit.id);
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        errors.push(`第 ${rec.rowNumber} 行：${e.message}`);
      }
    }
    const label = input.name
      ? [
          input.name,
          input.idNumber ? maskIdNumber(input.idNumber) : input.phone ? maskPhone(input.phone) : null,
        ]
          .filter(Boolean)
          .join(' · ')
      : null;
    const judged: JudgedYouth = { errors, warnings, label, payload };
    if (ctx.timed) judged.ms = [t1 - t0, clock() - t1];
    return judged;
  };
}
