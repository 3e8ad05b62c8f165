import type { Db } from '../../db/client';
import type { DictionaryType } from '../../../common/contracts/dictionaries';
import { NATIONAL_TERMS } from './dictionaries.terms';
import { countNationalItems, insertItem, lockDictionarySeed } from './dictionaries.repo';

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
  return { inserted };
}
