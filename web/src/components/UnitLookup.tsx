import { useState, type CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { UNIT_LEVELS, type UnitLevel } from '../../../common/access';
import { unitLookup, type UnitLookupItem } from '../../../common/contracts/units';
import { call } from '../api/client';
import { useDebounced } from './useDebounced';

type Props = {
  value?: number;
  onChange?: (value: number | undefined) => void;
  id?: string;
  placeholder?: string;
  level?: UnitLevel;
  style?: CSSProperties;
  /** The endpoint that searches; each purpose has its own permission (transfers, forwarding sign-ups). */
  source?: typeof unitLookup;
};

/** 西湖区（浙江省 / 杭州市）: the parents tell namesakes apart. */
export function lookupLabel(u: Pick<UnitLookupItem, 'name' | 'parentNames'>) {
  return u.parentNames.length ? `${u.name}（${u.parentNames.join(' / ')}）` : u.name;
}

/**
 * Any unit in the country, found by name, 全拼 or 首字母 — unlike UnitPicker, not limited to the
 * viewer's scope: for choosing where a record is transferred to.
 */
export function UnitLookup({
  value,
  onChange,
  id,
  placeholder = '输入单位名称或拼音查找',
  level,
  style,
  source = unitLookup,
}: Props) {
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(null);
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['units', 'lookup', source.path, q, level],
    queryFn: () => call(source, { query: { q, level } }),
    enabled: q.length > 0,
  });
  const options = (found.data?.items ?? []).map((u) => ({
    value: u.id,
    label: lookupLabel(u),
    unit: u,
  }));
  return (
    <Select<{ value: number; label: string } | undefined, (typeof options)[number]>
      id={id}
      style={{ width: '100%', ...style }}
      placeholder={placeholder}
      allowClear
      labelInValue
      value={
        value === undefined
          ? undefined
          : { value, label: picked?.value === value ? picked.label : String(value) }
      }
      onChange={(v) => {
        setText('');
        setPicked(v ? { value: v.value, label: String(v.label) } : null);
        onChange?.(v?.value);
      }}
      showSearch={{ searchValue: text, onSearch: setText, filterOption: false, autoClearSearchValue: true }}
      options={q ? options : []}
      optionRender={(o) => (
        <span>
          {o.data.unit.name}
          <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
            {[...o.data.unit.parentNames, UNIT_LEVELS[o.data.unit.level]].join(' / ')}
          </Typography.Text>
        </span>
      )}
      notFoundContent={
        found.isFetching ? <Spin size="small" /> : q ? '没有匹配的单位' : '请输入单位名称或拼音'
      }
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 320 } } }}
    />
  );
}
