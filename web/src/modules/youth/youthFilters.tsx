import { Flex, InputNumber, TreeSelect } from 'antd';
import { YOUTH_STAGES, type YouthFilter, type YouthStage } from '../../../../common/contracts/youth';
import { textFilter, type Filters, type QueryField } from '../../components/ListPage';
import { idOptions, treeOptions, type TreeOption } from './useDictionary';
import type { DictItem } from '../../../../common/contracts/dictionaries';

type RangeProps = { id?: string; value?: string; onChange?: (value: string | undefined) => void };

/** 年龄 from–to, held as one 'min~max' text so it fits a list filter and the address bar. */
function AgeRange({ id, value, onChange }: RangeProps) {
  const [min, max] = (value ?? '~').split('~').map((s) => (s === '' ? null : Number(s)));
  const set = (a: number | null, b: number | null) =>
    onChange?.(a === null && b === null ? undefined : `${a ?? ''}~${b ?? ''}`);
  return (
    <Flex align="center" gap={6}>
      <InputNumber
        id={id}
        min={0}
        max={120}
        precision={0}
        placeholder="最小"
        value={min}
        onChange={(v) => set(v, max)}
        style={{ flex: 1 }}
      />
      <span>至</span>
      <InputNumber
        min={0}
        max={120}
        precision={0}
        placeholder="最大"
        value={max}
        onChange={(v) => set(min, v)}
        style={{ flex: 1 }}
      />
      <span>岁</span>
    </Flex>
  );
}

type NumberProps = { id?: string; value?: string | number; onChange?: (value: number | null) => void };

function DaysInput({ id, value, onChange }: NumberProps) {
  return (
    <InputNumber
      id={id}
      min={1}
      max={36500}
      precision={0}
      prefix="≥"
      suffix="天"
      placeholder="如 90"
      style={{ width: '100%' }}
      value={value === undefined || value === '' ? null : Number(value)}
      onChange={onChange}
    />
  );
}

type TreeProps = { id?: string; value?: string | number; onChange?: (value: number | undefined) => void };

function CategorySelect({ id, value, onChange, tree }: TreeProps & { tree: TreeOption[] }) {
  return (
    <TreeSelect
      id={id}
      allowClear
      placeholder="全部"
      treeData={tree}
      value={value === undefined || value === '' ? undefined : Number(value)}
      onChange={onChange}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
    />
  );
}

export function youthFields(dicts: {
  category: DictItem[];
  source: DictItem[];
  need: DictItem[];
}): QueryField[] {
  const tree = treeOptions(dicts.category);
  return [
    {
      type: 'input',
      name: 'q',
      label: '关键字',
      placeholder: '姓名、拼音、身份证号或手机号',
      private: true,
    },
    { type: 'unit', name: 'unitId', label: '单位', descendantsName: 'includeDescendants' },
    { type: 'custom', name: 'categoryId', label: '群体类别', render: () => <CategorySelect tree={tree} /> },
    {
      type: 'select',
      name: 'stage',
      label: '阶段',
      options: Object.entries(YOUTH_STAGES).map(([value, label]) => ({ label, value })),
    },
    { type: 'select', name: 'sourceId', label: '来源', options: idOptions(dicts.source) },
    { type: 'select', name: 'needId', label: '需求', options: idOptions(dicts.need) },
    { type: 'input', name: 'tag', label: '标签', placeholder: '完整标签名' },
    { type: 'custom', name: 'age', label: '年龄', render: () => <AgeRange /> },
    { type: 'custom', name: 'notContactedDays', label: '未联系', render: () => <DaysInput /> },
  ];
}

/** A positive whole number from a filter (the address bar gives text). */
function countFilter(filters: Filters, name: string): number | undefined {
  const n = Number(filters[name]);
  return filters[name] !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The form's filters as the contract's filter: for the list and for "export the current filter". */
export function toYouthFilter(filters: Filters): YouthFilter {
  const [ageMin, ageMax] = (textFilter(filters, 'age') ?? '~')
    .split('~')
    .map((s) => (s ? Number(s) : undefined));
  return {
    q: textFilter(filters, 'q'),
    unitId: countFilter(filters, 'unitId'),
    includeDescendants: filters.includeDescendants !== false && filters.includeDescendants !== 'false',
    categoryId: countFilter(filters, 'categoryId'),
    stage: textFilter(filters, 'stage') as YouthStage | undefined,
    sourceId: countFilter(filters, 'sourceId'),
    needId: countFilter(filters, 'needId'),
    tag: textFilter(filters, 'tag'),
    ageMin,
    ageMax,
    notContactedDays: countFilter(filters, 'notContactedDays'),
  };
}
