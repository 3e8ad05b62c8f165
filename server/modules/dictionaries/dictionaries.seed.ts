import type { Db } from '../../db/client';
import type { DictionaryType } from '../../../common/contracts/dictionaries';
import { NATIONAL_TERMS } from './dictionaries.terms';
import { NATIONAL_ALIASES } from './dictionaries.aliases';
import { dictionaryKey } from './dictionaries.match';
import {
  countNationalItems,
  insertItem,
  listAllItems,
  lockDictionarySeed,
  readMeta,
  setAliases,
  writeMeta,
} from './dictionaries.repo';

/** Set once the national aliases have been seeded: removals by an administrator then stay removed. */
export const ALIASES_SEEDED_KEY = 'dictionaries.aliases.v1';

/**
 * Loads the national dictionaries. Idempotent: a type that already has national items is left
 * alone, so an administrator's edits (renames, disabled items, additions) survive every restart.
 */
export async function seedDictionaries(db: Db): Promise<{ inserted: number }> {
  let inserted = 0;
  for (const [type, terms] of Object.entries(NATIONAL_TERMS) as [
    DictionaryType,
    (typeof NATIONAL_TERMS)[DictionaryType],
  ][]) {
    await db.transaction(async (tx) => {
      await lockDictionarySeed(tx);
      if ((await countNationalItems(tx, type)) > 0) return;
      let order = 0;
      for (const term of terms) {
        order += 1;
        const label = typeof term === 'string' ? term : term.label;
        const parent = await insertItem(tx, {
          dictType: type,
          unitId: null,
          parentId: null,
          label,
          sortOrder: order,
        });
        inserted += 1;
        if (typeof term === 'string') continue;
        let childOrder = 0;
        for (const child of term.children) {
          childOrder += 1;
          await insertItem(tx, {
            dictType: type,
            unitId: null,
            parentId: parent.id,
            label: child,
            sortOrder: childOrder,
          });
          inserted += 1;
        }
      }
    });
  }
  await seedNationalAliases(db);
  return { inserted };
}

/**
 * Gives the national items their aliases, once per database (new ones and those created before
 * aliases existed alike). An alias that some unit already uses as a label or alias anywhere in the
 * dictionary is skipped, and an item an administrator renamed gets none: both stay as they are.
 */
export async function seedNationalAliases(db: Db): Promise<{ aliased: number }> {
  return db.transaction(async (tx) => {
    await lockDictionarySeed(tx);
    if (await readMeta(tx, ALIASES_SEEDED_KEY)) return { aliased: 0 };
    let aliased = 0;
    for (const [type, table] of Object.entries(NATIONAL_ALIASES) as [
      DictionaryType,
      Record<string, string[]>,
    ][]) {
      const items = await listAllItems(tx, type);
      const taken = new Set(items.flatMap((i) => [i.label, ...i.aliases].map(dictionaryKey)));
      for (const item of items) {
        if (item.unitId !== null || !table[item.label]) continue;
        const fresh = table[item.label].filter((alias) => !taken.has(dictionaryKey(alias)));
        if (!fresh.length) continue;
        fresh.forEach((alias) => taken.add(dictionaryKey(alias)));
        await setAliases(tx, item.id, [...item.aliases, ...fresh]);
        aliased += 1;
      }
    }
    await writeMeta(tx, ALIASES_SEEDED_KEY, new Date().toISOString());
    return { aliased };
  });
}
