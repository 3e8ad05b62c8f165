import { todayInChina } from '../../../common/validators';
import type { DictionaryType } from '../../../common/contracts/dictionaries';
import { pathInScope } from '../../platform/access/scope';
import type { ImportScope, StagedRow, Analyser } from '../../platform/import/jobs/types';
import { task } from '../../platform/worker/untrusted';
import { listVisibleItems } from '../dictionaries/dictionaries.repo';
import { dictionaryLookup } from '../dictionaries/dictionaries.match';
import { unitIdsOnPath } from '../dictionaries/dictionaries.service';
import type { YouthColumnKey } from './youth-import.columns';
import { changedFields, type YouthPayload } from './youth-import.compare';
import type { JudgeContext, JudgedYouth } from './youth-import.judge';
import * as repo from './youth-import.repo';

const JUDGE_TASK = task(import.meta.url, './youth-import.judge.ts', 'youthJudge');

async function lookup(scope: ImportScope, type: DictionaryType) {
  return dictionaryLookup(await listVisibleItems(scope.db, type, unitIdsOnPath(scope.unit.path), false));
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
 * Where analysis spends its time (bench/youth-import.bench.ts): the field rules and normalising (SM4,
 * blind indexes, pinyin), both in the reading worker, then the look-ups of existing records and
 * comparing with what they found, here.
 */
export type AnalysePhases = { validateMs: number; normaliseMs: number; lookupMs: number; compareMs: number };

/** Who a row is: the first of ID number, name and phone, name and birth date, name in its unit. */
function matchOf(p: YouthPayload): {
  kind: 'id' | 'phone' | 'birth' | 'name';
  key: string;
  matchKey: string;
} {
  if (p.idNumberIdx) {
    const k = p.idNumberIdx as string;
    return { kind: 'id', key: k, matchKey: `身份证号|${k}` };
  }
  if (p.phoneIdx) {
    const k = `${p.name}|${p.phoneIdx as string}`;
    return { kind: 'phone', key: k, matchKey: `姓名和手机号|${k}` };
  }
  if (p.birthDate) {
    const k = `${p.name}|${p.birthDate as string}`;
    return { kind: 'birth', key: k, matchKey: `姓名和出生日期|${k}` };
  }
  const k = `${p.name}|${p.unitId}`;
  return { kind: 'name', key: k, matchKey: `姓名|${k}` };
}

/**
 * Judges one file: each row's field rules and normalising run in the reading worker
 * (youth-import.judge.ts, given the dictionaries and units read here); here, a batch at a time,
 * who each row is among the existing records and what importing it would do.
 */
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
  const context: JudgeContext = {
    dicts: { category, source, need, ethnicity, political, education },
    units,
    unit: scope.unit,
    keys: { data: scope.keys.data, index: scope.keys.index, dataKeyId: scope.keys.dataKeyId },
    today: todayInChina(),
    timed: !!phases,
  };
  const clock = phases ? () => performance.now() : () => 0;

  return {
    judge: { task: JUDGE_TASK, context },
    async analyse(records) {
      const judged = records.map((rec) => {
        const j = rec.judged as JudgedYouth;
        if (phases && j.ms) {
          phases.validateMs += j.ms[0];
          phases.normaliseMs += j.ms[1];
        }
        return { rowNumber: rec.rowNumber, ...j, match: j.payload && matchOf(j.payload) };
      });
      const idTokens: string[] = [];
      const byName: { name: string; phoneIdx?: string; birthDate?: string }[] = [];
      const nameOnly: { name: string; unitId: number }[] = [];
      for (const { payload: p, match } of judged) {
        if (!p || !match) continue;
        if (match.kind === 'id') idTokens.push(match.key);
        else if (match.kind === 'phone') byName.push({ name: p.name, phoneIdx: p.phoneIdx as string });
        else if (match.kind === 'birth') byName.push({ name: p.name, birthDate: p.birthDate as string });
        else nameOnly.push({ name: p.name, unitId: p.unitId });
      }
      const lookupStart = clock();
      const [foundById, foundByPair, foundByName] = await Promise.all([
        repo.findByIdTokens(scope.db, idTokens),
        repo.findByNameAnd(scope.db, scope.viewer, byName),
        repo.findByNameOnly(scope.db, nameOnly),
      ]);
      const compareStart = clock();
      if (phases) phases.lookupMs += compareStart - lookupStart;
      const found = {
        id: indexBy(foundById, (e) => e.idNumberIdx),
        phone: indexBy(foundByPair, (e) => e.phoneIdx && `${e.name}|${e.phoneIdx}`),
        birth: indexBy(foundByPair, (e) => !e.phoneIdx && e.birthDate && `${e.name}|${e.birthDate}`),
        name: indexBy(foundByName, (e) => `${e.name}|${e.unitId}`),
      };

      const result = judged.map(({ rowNumber, errors, warnings, label, payload, match }): StagedRow => {
        const staged: StagedRow = {
          rowNumber,
          action: 'error',
          messages: [...errors, ...warnings],
          warnings: warnings.length,
          label,
          matchKey: null,
          targetId: null,
          payload: null,
        };
        if (!payload || !match) return staged;
        staged.matchKey = match.matchKey;
        const existing = found[match.kind].get(match.key);
        if (!existing) {
          staged.action = 'new';
          staged.payload = payload;
          return staged;
        }
        if (!pathInScope(existing.unitPath, scope.viewer)) {
          staged.messages.unshift(
            `第 ${rowNumber} 行：该青年已由「${existing.unitName}」登记保管，不能重复登记；如已迁入本地，可在青年库中申请转入`,
          );
          return staged;
        }
        staged.targetId = existing.id;
        const changes = changedFields(existing, payload);
        if (changes.fields.length === 0) {
          staged.action = 'duplicate';
          staged.messages.unshift(
            `第 ${rowNumber} 行：与已登记的记录（${existing.unitName}）一致，不重复导入`,
          );
          return staged;
        }
        staged.action = 'update';
        staged.payload = changes.patch;
        staged.messages.unshift(
          `第 ${rowNumber} 行：已登记（${existing.unitName}），选择“新增并更新”时将更新：${changes.fields.join('、')}`,
        );
        if (existing.unitId !== payload.unitId) {
          staged.messages.push(
            `第 ${rowNumber} 行：记录仍由「${existing.unitName}」保管，导入不改变保管单位`,
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
