import { performance } from 'node:perf_hooks';
import { maskIdNumber, maskPhone } from '../../../common/masking';
import {
  isFormulaLike,
  normalizeText,
  parseGender,
  parseIdNumber,
  parseLooseDate,
  parsePhone,
  todayInChina,
} from '../../../common/validators';
import type { DictionaryType } from '../../../common/contracts/dictionaries';
import { pathInScope } from '../../platform/access/scope';
import { AppError } from '../../platform/http/errors';
import { cellMessage, cellText, isEmptyCell, type RawCell } from '../../platform/import';
import type { HeaderMatch } from '../../platform/import/header-detect';
import type { ImportRecord } from '../../platform/import/row-reader';
import type { Analyser, ImportScope, StagedRow } from '../../platform/import/jobs/types';
import { listVisibleItems } from '../dictionaries/dictionaries.repo';
import { dictionaryKey, dictionaryLookup, type DictHit } from '../dictionaries/dictionaries.match';
import { unitIdsOnPath } from '../dictionaries/dictionaries.service';
import type { YouthColumnKey } from './youth-import.columns';
import { changedFields, payloadFor } from './youth-import.compare';
import * as repo from './youth-import.repo';
import { normaliseYouth, type NormalisedYouth, type YouthFieldsInput } from './youth.input';

type Rec = ImportRecord<YouthColumnKey>;
type Header = HeaderMatch<YouthColumnKey>;

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

/** A dictionary as a lookup from what cadres write (labels and aliases, by dictionaryKey) to the item. */
type Lookup = Map<string, DictHit>;

const key = (text: string) => normalizeText(text).replace(/\s+/g, '').toLowerCase();

async function lookup(scope: ImportScope, type: DictionaryType): Promise<Lookup> {
  return dictionaryLookup(await listVisibleItems(scope.db, type, unitIdsOnPath(scope.unit.path), false));
}

/** Unit names as written in rosters: 东湖区, 东湖区团委, 共青团南昌市东湖区委员会, 南昌市东湖区. */
function unitKey(name: string) {
  return key(name)
    .replace(/^共青团/, '')
    .replace(/(团委|委员会|团工委)$/, '');
}

function unitLookup(units: repo.UnitChoice[]) {
  const map = new Map<string, repo.UnitChoice[]>();
  const add = (k: string, u: repo.UnitChoice) => map.set(k, [...(map.get(k) ?? []), u]);
  for (const u of units) {
    add(unitKey(u.name), u);
    if (u.parentName) add(unitKey(u.parentName + u.name), u);
  }
  return map;
}

/** The cell as text the field rules read: dates as YYYY-MM-DD, a formula's cached value, never evaluated. */
function text(cell: RawCell | undefined): string | undefined {
  if (!cell) return undefined;
  if (isEmptyCell(cell)) return '';
  if (cell.value === null && cell.formula) return cell.formula;
  if (typeof cell.value === 'boolean') return cell.value ? '是' : '否';
  return normalizeText(cellText(cell));
}

function followersOf(raw: string): number | null | 'bad' {
  const t = raw.replace(/[,，\s]/g, '');
  const m = /^(\d+(?:\.\d+)?)(万|w|W|千|k|K)?\+?$/.exec(t);
  if (!m) return 'bad';
  const scale = /[万wW]/.test(m[2] ?? '') ? 10_000 : m[2] ? 1_000 : 1;
  return Math.round(Number(m[1]) * scale);
}

function accountsOf(raw: string, followers: number | null) {
  return raw
    .split(/[;；\n]+/)
    .map((part) => part.trim())
    .filter(Boolean)
    .slice(0, 20)
    .map((part, i) => {
      const m = /^([^:：]{1,30})[:：](.+)$/.exec(part);
      return {
        platform: m ? m[1].trim() : '未注明平台',
        handle: (m ? m[2] : part).trim().slice(0, 100),
        followers: i === 0 ? followers : null,
      };
    });
}

/** The first record under each key (as a scan in result order would find it); falsy keys are skipped. */
function indexBy<T>(items: T[], keyOf: (item: T) => string | null | false | undefined) {
  const map = new Map<string, T>();
  for (const item of items) {
    const k = keyOf(item);
    if (k && !map.has(k)) map.set(k, item);
  }
  return map;
}

/**
 * Where analyse() spends its time (bench/youth-import.bench.ts): the field rules, normalising (SM4,
 * blind indexes, pinyin), the look-ups of existing records, and comparing with what they found.
 */
export type AnalysePhases = { validateMs: number; normaliseMs: number; lookupMs: number; compareMs: number };

/** Judges one file row by row: the field rules of the registry, then who it is and what importing would do. */
export async function prepareYouthImport(
  scope: ImportScope,
  phases?: AnalysePhases,
): Promise<Analyser<YouthColumnKey>> {
  const [category, source, need, ethnicity, political, education, units] = await Promise.all([
    lookup(scope, 'category'),
    lookup(scope, 'source'),
    lookup(scope, 'need'),
    lookup(scope, 'ethnicity'),
    lookup(scope, 'political_status'),
    lookup(scope, 'education'),
    repo.unitsUnder(scope.db, scope.unit.path),
  ]);
  const unitsByName = unitLookup(units);
  const today = todayInChina();

  function judge(rec: Rec, header: Header) {
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
        {
          fromNumericCell: idCell!.numeric,
        },
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
    input.ethnicity = pick('ethnicity', ethnicity, '民族', false)?.label ?? (v('ethnicity') || undefined);
    input.politicalStatus =
      pick('politicalStatus', political, '政治面貌', false)?.label ?? (v('politicalStatus') || undefined);
    input.education = pick('education', education, '学历', false)?.label ?? (v('education') || undefined);
    input.categoryId = pick('category', category, '群体类别', true)?.id;
    input.sourceId = pick('source', source, '来源', false)?.id;

    const needsText = v('needs');
    if (needsText) {
      const ids: number[] = [];
      const unknown: string[] = [];
      for (const part of needsText
        .split(LIST_SPLIT)
        .map((p) => p.trim())
        .filter(Boolean)) {
        const hit = need.get(dictionaryKey(part));
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

    let unit = scope.unit as { id: number; name: string; path: string };
    const unitText = v('unit');
    if (unitText) {
      const found = unitsByName.get(unitKey(unitText)) ?? [];
      if (found.length === 1) unit = found[0];
      else if (found.length > 1)
        err(
          'unit',
          `单位“${unitText}”有重名，请写上级单位名称，如“${found[0].parentName ?? ''}${found[0].name}”`,
        );
      else err('unit', `单位“${unitText}”不在本次导入的范围（${scope.unit.name}及下级）内`);
    }
    input.unitId = unit.id;
    return { input, errors, warnings, unit };
  }

  function normalise(rec: Rec, input: YouthFieldsInput, errors: string[]): NormalisedYouth | null {
    if (errors.length) return null;
    try {
      return normaliseYouth(scope.keys, input, today);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      errors.push(`第 ${rec.rowNumber} 行：${e.message}`);
      return null;
    }
  }

  return {
    async analyse(records, header) {
      const clock = phases ? () => performance.now() : () => 0;
      const judged = records.map((rec) => {
        const t0 = clock();
        const j = judge(rec, header);
        const t1 = clock();
        const n = normalise(rec, j.input, j.errors);
        if (phases) {
          phases.validateMs += t1 - t0;
          phases.normaliseMs += clock() - t1;
        }
        return { rec, ...j, n };
      });
      const idTokens = judged.flatMap((j) => (j.n?.idNumber ? [j.n.idNumber.token] : []));
      const byName = judged.flatMap((j) =>
        j.n && !j.n.idNumber && (j.n.phone || j.n.values.birthDate)
          ? [
              {
                name: j.n.values.name,
                phoneIdx: j.n.phone?.token,
                birthDate: j.n.values.birthDate ?? undefined,
              },
            ]
          : [],
      );
      const nameOnly = judged.flatMap((j) =>
        j.n && !j.n.idNumber && !j.n.phone && !j.n.values.birthDate
          ? [{ name: j.n.values.name, unitId: j.unit.id }]
          : [],
      );
      const lookupStart = clock();
      const [foundById, foundByPair, foundByName] = await Promise.all([
        repo.findByIdTokens(scope.db, idTokens),
        repo.findByNameAnd(scope.db, scope.viewer, byName),
        repo.findByNameOnly(scope.db, nameOnly),
      ]);
      const compareStart = clock();
      if (phases) phases.lookupMs += compareStart - lookupStart;
      const byId = indexBy(foundById, (e) => e.idNumberIdx);
      const byPhone = indexBy(foundByPair, (e) => e.phoneIdx && `${e.name}|${e.phoneIdx}`);
      const byBirth = indexBy(foundByPair, (e) => !e.phoneIdx && e.birthDate && `${e.name}|${e.birthDate}`);
      const byNameOnly = indexBy(foundByName, (e) => `${e.name}|${e.unitId}`);

      const result = judged.map(({ rec, input, errors, warnings, unit, n }): StagedRow => {
        const staged: StagedRow = {
          rowNumber: rec.rowNumber,
          action: 'error',
          messages: [...errors, ...warnings],
          warnings: warnings.length,
          label: input.name
            ? [
                input.name,
                input.idNumber ? maskIdNumber(input.idNumber) : input.phone ? maskPhone(input.phone) : null,
              ]
                .filter(Boolean)
                .join(' · ')
            : null,
          matchKey: null,
          targetId: null,
          payload: null,
        };
        if (!n) return staged;
        const w = n.warnings.map((m) => `第 ${rec.rowNumber} 行：${m}`);
        staged.messages.push(...w);
        staged.warnings += w.length;
        const v = n.values;
        let existing: repo.ExistingYouth | undefined;
        if (n.idNumber) {
          staged.matchKey = `身份证号|${n.idNumber.token}`;
          existing = byId.get(n.idNumber.token);
        } else if (n.phone) {
          staged.matchKey = `姓名和手机号|${v.name}|${n.phone.token}`;
          existing = byPhone.get(`${v.name}|${n.phone.token}`);
        } else if (v.birthDate) {
          staged.matchKey = `姓名和出生日期|${v.name}|${v.birthDate}`;
          existing = byBirth.get(`${v.name}|${v.birthDate}`);
        } else {
          staged.matchKey = `姓名|${v.name}|${unit.id}`;
          existing = byNameOnly.get(`${v.name}|${unit.id}`);
        }
        const payload = payloadFor(n, input, unit.id);
        if (!existing) {
          staged.action = 'new';
          staged.payload = payload;
          return staged;
        }
        if (!pathInScope(existing.unitPath, scope.viewer)) {
          staged.messages.unshift(
            `第 ${rec.rowNumber} 行：该青年已由「${existing.unitName}」登记保管，不能重复登记；如已迁入本地，可在青年库中申请转入`,
          );
          return staged;
        }
        staged.targetId = existing.id;
        const changes = changedFields(existing, payload);
        if (changes.fields.length === 0) {
          staged.action = 'duplicate';
          staged.messages.unshift(
            `第 ${rec.rowNumber} 行：与已登记的记录（${existing.unitName}）一致，不重复导入`,
          );
          return staged;
        }
        staged.action = 'update';
        staged.payload = changes.patch;
        staged.messages.unshift(
          `第 ${rec.rowNumber} 行：已登记（${existing.unitName}），选择“新增并更新”时将更新：${changes.fields.join('、')}`,
        );
        if (existing.unitId !== unit.id) {
          staged.messages.push(
            `第 ${rec.rowNumber} 行：记录仍由「${existing.unitName}」保管，导入不改变保管单位`,
          );
          staged.warnings += 1;
        }
        return staged;
      });
      if (phases) phases.compareMs += clock() - compareStart;
      return result;
    },
  };
}
