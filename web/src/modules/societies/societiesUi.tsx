import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ACTIVITY_LEVELS, SOCIETY_KINDS, type SocietyKind } from '../../../../common/contracts/societies';
import { searchYouth } from '../../../../common/contracts/youth';
import { call } from '../../api/client';
import { useDebounced } from '../../components/useDebounced';

const KIND_COLORS: Record<SocietyKind, string> = {
  registered: 'blue',
  unregistered: 'orange',
  community: 'cyan',
};

export function KindTag({ kind }: { kind: SocietyKind }) {
  return <Tag color={KIND_COLORS[kind]}>{SOCIETY_KINDS[kind]}</Tag>;
}

const ACTIVITY_COLORS = { high: 'green', medium: 'gold', low: 'default' } as const;

export function ActivityTag({ level }: { level: keyof typeof ACTIVITY_LEVELS | null }) {
  if (!level) return <>—</>;
  return <Tag color={ACTIVITY_COLORS[level]}>{ACTIVITY_LEVELS[level]}</Tag>;
}

export const dash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : v;

export const YMD = 'YYYY-MM-DD';

/**
 * A person picked from the 青年库 (POST /api/youth/search, the viewer's scope): name or pinyin typed,
 * the options say the person's category and keeping unit so namesakes can be told apart.
 */
export function YouthSelect({
  value,
  onChange,
  id,
  placeholder = '输入姓名或拼音，从青年库中查找',
  initial,
}: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  id?: string;
  placeholder?: string;
  initial?: { label: string; value: number } | null;
}) {
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const found = useQuery({
    queryKey: ['society-youth-select', q],
    queryFn: () => call(searchYouth, { body: { q: q || undefined, pageSize: 20 } }).then((r) => r.items),
  });
  const options = (found.data ?? []).map((y) => ({
    label: `${y.name}（${[y.category?.label, y.unit.name].filter(Boolean).join('，')}）`,
    value: y.id,
  }));
  if (initial && !options.some((o) => o.value === initial.value)) options.unshift(initial);
  return (
    <Select
      id={id}
      allowClear
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setText }}
      placeholder={placeholder}
      options={options}
      loading={found.isFetching}
      notFoundContent="青年库中没有找到，请先在青年库登记"
    />
  );
}
