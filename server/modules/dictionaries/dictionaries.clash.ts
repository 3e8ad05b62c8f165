import { normalizeText } from '../../../common/validators';
import { dictionaryKey } from './dictionaries.match';
import type { DictRow } from './dictionaries.repo';

function ownerOf(row: DictRow): string {
  const owner = row.unitId === null ? '全国通用项' : `${row.unitName ?? '其他单位'}新增项`;
  return row.enabled ? owner : `${owner}，已停用`;
}

/** Aliases as they will be kept: normalised, one per matching key, none that merely repeats the label. */
export function cleanAliases(label: string, aliases: string[]): string[] {
  const seen = new Set([dictionaryKey(label)]);
  const kept: string[] = [];
  for (const raw of aliases) {
    // Kept as typed, Chinese punctuation included, like labels (研究生（硕士）); matching ignores width anyway.
    const alias = normalizeText(raw, { keepFullWidthPunctuation: true });
    const k = dictionaryKey(alias);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    kept.push(alias);
  }
  return kept;
}

/** Why one of `aliases` may not be added: it is already another item's label or alias in this dictionary. */
export function aliasClash(aliases: string[], others: DictRow[]): string | undefined {
  for (const alias of aliases) {
    const k = dictionaryKey(alias);
    for (const other of others) {
      if (dictionaryKey(other.label) === k) {
        return `别名“${alias}”与字典项“${other.label}”（${ownerOf(other)}）的名称相同，不能作为别名`;
      }
      if (other.aliases.some((a) => dictionaryKey(a) === k)) {
        return `别名“${alias}”已是“${other.label}”（${ownerOf(other)}）的别名，同一字典内别名不能重复`;
      }
    }
  }
  return undefined;
}

/** Why an item may not carry `label`: another item already answers to it as an alias. */
export function labelClash(label: string, others: DictRow[]): string | undefined {
  const k = dictionaryKey(label);
  const other = others.find((o) => o.aliases.some((a) => dictionaryKey(a) === k));
  return other && `“${label}”已是“${other.label}”（${ownerOf(other)}）的别名，名称不能与之相同`;
}
