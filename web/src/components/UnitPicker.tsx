import { useMemo, useState, type CSSProperties } from 'react';
import { Spin, TreeSelect, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getUnit, unitChildren, unitSearch, type UnitNode } from '../../../common/contracts/units';
import { call } from '../api/client';
import { useDebounced } from './useDebounced';

type Props = {
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** The selected unit's name when the caller already knows it (saves a lookup). */
  valueLabel?: string;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
};

type Option = {
  value: number;
  title: string;
  isLeaf: boolean;
  path?: string;
  children?: Option[];
};

/** The central committee's region name says little: show it by its organisation name. */
export function unitTitle(unit: Pick<UnitNode, 'level' | 'name' | 'orgName'>) {
  return unit.level === 'central' ? unit.orgName : unit.name;
}

export const unitChildrenKey = (parentId?: number) => ['units', 'children', parentId ?? 'root'] as const;
export const unitDetailKey = (id?: number) => ['units', 'detail', id] as const;

export function fetchUnitChildren(parentId?: number) {
  return call(unitChildren, { query: { parentId } }).then((r) => r.items);
}

function build(nodes: UnitNode[], loaded: Map<number, UnitNode[]>): Option[] {
  return nodes.map((n) => {
    const kids = loaded.get(n.id);
    return {
      value: n.id,
      title: unitTitle(n),
      isLeaf: n.childCount === 0,
      children: kids ? build(kids, loaded) : undefined,
    };
  });
}

/**
 * A unit in the viewer's scope: browse the tree (children load on expand) or type a name,
 * 全拼 or 首字母 (the server searches). For forms and query forms alike.
 */
export function UnitPicker({
  value,
  onChange,
  valueLabel,
  id,
  placeholder = '请选择单位',
  disabled,
  style,
}: Props) {
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState(() => new Map<number, UnitNode[]>());
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<{ id: number; label: string } | null>(null);
  const q = useDebounced(text.trim());

  const roots = useQuery({ queryKey: unitChildrenKey(), queryFn: () => fetchUnitChildren() });
  const found = useQuery({
    queryKey: ['units', 'search', q],
    queryFn: () => call(unitSearch, { query: { q, pageSize: 30 } }),
    enabled: q.length > 0,
  });
  const knownLabel = picked?.id === value ? picked?.label : valueLabel;
  const lookup = useQuery({
    queryKey: unitDetailKey(value),
    queryFn: () => call(getUnit, { params: { id: value } }),
    enabled: value !== undefined && !knownLabel,
    staleTime: 5 * 60_000,
  });

  const treeData = useMemo<Option[]>(() => {
    if (q) {
      return (found.data?.items ?? []).map((u) => ({
        value: u.id,
        title: unitTitle(u),
        isLeaf: true,
        path: u.pathNames.slice(0, -1).join(' / '),
      }));
    }
    return build(roots.data ?? [], loaded);
  }, [q, found.data, roots.data, loaded]);

  const loadData = async (node: { value?: string | number }) => {
    const parentId = Number(node.value);
    if (loaded.has(parentId)) return;
    const items = await queryClient.fetchQuery({
      queryKey: unitChildrenKey(parentId),
      queryFn: () => fetchUnitChildren(parentId),
    });
    setLoaded((prev) => new Map(prev).set(parentId, items));
  };

  const label = knownLabel ?? (lookup.data ? unitTitle(lookup.data) : '加载中…');
  return (
    <TreeSelect<{ value: number; label: string } | undefined, Option>
      id={id}
      style={{ width: '100%', ...style }}
      disabled={disabled}
      placeholder={placeholder}
      allowClear
      labelInValue
      value={value === undefined ? undefined : { value, label }}
      onChange={(v) => {
        setText('');
        if (!v) {
          setPicked(null);
          onChange?.(undefined);
          return;
        }
        setPicked({ id: v.value, label: String(v.label) });
        onChange?.(v.value);
      }}
      treeData={treeData}
      loadData={q ? undefined : loadData}
      showSearch={{ searchValue: text, onSearch: setText, filterTreeNode: false, autoClearSearchValue: true }}
      treeTitleRender={(node) =>
        node.path ? (
          <span>
            {node.title}
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>
              {node.path}
            </Typography.Text>
          </span>
        ) : (
          node.title
        )
      }
      notFoundContent={found.isFetching || roots.isPending ? <Spin size="small" /> : '没有匹配的单位'}
      listHeight={320}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { minWidth: 300 } } }}
    />
  );
}
