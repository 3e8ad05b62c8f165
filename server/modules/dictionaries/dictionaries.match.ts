import { normalizeText } from '../../../common/validators';

/**
 * The form in which a cell value or typed text is compared with labels and aliases. Full-width and
 * half-width forms, compatibility characters (Kangxi radicals and ㈠-style forms that PDF and Word
 * copies carry), invisible characters, spaces and letter case make no difference.
 */
export function dictionaryKey(text: string): string {
  return normalizeText(text).normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

export type DictEntry = { id: number; label: string; aliases: string[] };
export type DictHit = { id: number; label: string; viaAlias: boolean };

/**
 * What cadres write → the item. A label always wins over an alias with the same key; the admin
 * rules keep them apart, so that only matters for data older than the rules.
 */
export function dictionaryLookup(items: DictEntry[]): Map<string, DictHit> {
  const map = new Map<string, DictHit>();
  for (const item of items) {
    const k = dictionaryKey(item.label);
    if (!map.has(k)) map.set(k, { id: item.id, label: item.label, viaAlias: false });
  }
  for (const item of items) {
    for (const alias of item.aliases) {
      const k = dictionaryKey(alias);
      if (k && !map.has(k)) map.set(k, { id: item.id, label: item.label, viaAlias: true });
    }
  }
  return map;
}
