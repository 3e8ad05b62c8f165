import { useState } from 'react';
import { Spin, Tag, Tree, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { UnitNode } from '../../../../common/contracts/units';
import { fetchUnitChildren, unitChildrenKey, unitTitle } from '../../components/UnitPicker';

type TreeItem = { key: number; title: string; isLeaf: boolean; unit: UnitNode; children?: TreeItem[] };

function build(nodes: UnitNode[], loaded: Map<number, UnitNode[]>): TreeItem[] {
  return nodes.map((unit) => {
    const kids = loaded.get(unit.id);
    return {
      key: unit.id,
      title: unitTitle(unit),
      isLeaf: unit.childCount === 0,
      unit,
      children: kids ? build(kids, loaded) : undefined,
    };
  });
}

export function UnitLabel({ unit }: { unit: UnitNode }) {
  return (
    <span>
      {unitTitle(unit)}
      {unit.keyContactCity && (
        <Tag
          color="red"
          style={{ marginInlineStart: 6, marginInlineEnd: 0, fontSize: 11, lineHeight: '16px' }}
        >
          重点
        </Tag>
      )}
      {unit.descendantCount > 0 && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          下辖 {unit.descendantCount}
        </Typography.Text>
      )}
    </span>
  );
}

/** The viewer's part of the tree: its root opened, deeper levels fetched as they are expanded. */
export function UnitTree({ selectedId, onSelect }: { selectedId?: number; onSelect: (id: number) => void }) {
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState(() => new Map<number, UnitNode[]>());
  const roots = useQuery({ queryKey: unitChildrenKey(), queryFn: () => fetchUnitChildren() });
  const first = roots.data?.[0];
  const firstKids = useQuery({
    queryKey: unitChildrenKey(first?.id),
    queryFn: () => fetchUnitChildren(first?.id),
    enabled: Boolean(first && first.childCount > 0),
  });

  if (!roots.data || (first && first.childCount > 0 && !firstKids.data))
    return <Spin style={{ margin: 24 }} />;
  const all = new Map(loaded);
  if (first && firstKids.data) all.set(first.id, firstKids.data);

  return (
    <Tree<TreeItem>
      blockNode
      showLine={{ showLeafIcon: false }}
      treeData={build(roots.data, all)}
      defaultExpandedKeys={first ? [first.id] : []}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(_, info) => onSelect(info.node.unit.id)}
      titleRender={(node) => <UnitLabel unit={node.unit} />}
      loadData={async (node) => {
        if (all.has(node.unit.id)) return;
        const items = await queryClient.fetchQuery({
          queryKey: unitChildrenKey(node.unit.id),
          queryFn: () => fetchUnitChildren(node.unit.id),
        });
        setLoaded((prev) => new Map(prev).set(node.unit.id, items));
      }}
    />
  );
}
