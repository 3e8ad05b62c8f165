import { useQuery } from '@tanstack/react-query';
import { getDictionary, type DictionaryType, type DictItem } from '../../../../common/contracts/dictionaries';
import { call } from '../../api/client';

export type TreeOption = { title: string; value: number; children?: TreeOption[] };

/** Enabled items of one dictionary; shares the cache entry the dictionaries page keeps. */
export function useDictionary(type: DictionaryType) {
  const query = useQuery({
    queryKey: ['dictionaries', type, false],
    queryFn: () => call(getDictionary, { params: { type } }),
    staleTime: 5 * 60_000,
  });
  return query.data?.items ?? [];
}

/** Options whose value is the item's id (群体类别、来源、需求). */
export const idOptions = (items: DictItem[]) => items.map((i) => ({ label: i.label, value: i.id }));

/** Options whose value is the label itself (民族、政治面貌、学历 are stored as text). */
export const labelOptions = (items: DictItem[]) => items.map((i) => ({ label: i.label, value: i.label }));

/** The two-level 群体类别 tree for a TreeSelect. */
export function treeOptions(items: DictItem[]): TreeOption[] {
  return items.map((i) => ({
    title: i.label,
    value: i.id,
    children: i.children?.length ? treeOptions(i.children) : undefined,
  }));
}
