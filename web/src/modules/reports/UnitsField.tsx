import { Flex, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { getUnit } from '../../../../common/contracts/units';
import { call } from '../../api/client';
import { UnitPicker, unitDetailKey, unitTitle } from '../../components/UnitPicker';

function UnitTag({ id, onClose }: { id: number; onClose: () => void }) {
  const unit = useQuery({
    queryKey: unitDetailKey(id),
    queryFn: () => call(getUnit, { params: { id } }),
    staleTime: 5 * 60_000,
  });
  return (
    <Tag closable onClose={onClose} style={{ marginInlineEnd: 0 }}>
      {unit.data ? unitTitle(unit.data) : '加载中…'}
    </Tag>
  );
}

/** Hand-picked units for a collection: pick one at a time from the tree or by name, remove by its tag. */
export function UnitsField({
  value = [],
  onChange,
  id,
}: {
  value?: number[];
  onChange?: (ids: number[]) => void;
  id?: string;
}) {
  return (
    <Flex vertical gap={8}>
      <UnitPicker
        id={id}
        value={undefined}
        placeholder="选择或输入单位名称添加，可多次添加"
        onChange={(unitId) => {
          if (unitId && !value.includes(unitId)) onChange?.([...value, unitId]);
        }}
      />
      {value.length > 0 ? (
        <Flex wrap gap={6}>
          {value.map((unitId) => (
            <UnitTag key={unitId} id={unitId} onClose={() => onChange?.(value.filter((v) => v !== unitId))} />
          ))}
        </Flex>
      ) : (
        <Typography.Text type="secondary">尚未选择单位</Typography.Text>
      )}
    </Flex>
  );
}
