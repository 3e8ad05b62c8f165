import { Empty, Flex, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { unitSearch } from '../../../../common/contracts/units';
import { call } from '../../api/client';
import { UnitLabel } from './UnitTree';

type Props = { q: string; keyCitiesOnly: boolean; selectedId?: number; onSelect: (id: number) => void };

/** Search hits or the key contact cities, each with where it sits in the tree. */
export function UnitResults({ q, keyCitiesOnly, selectedId, onSelect }: Props) {
  const { data, isFetching } = useQuery({
    queryKey: ['units', 'search', q, keyCitiesOnly],
    queryFn: () =>
      call(unitSearch, {
        query: { q: q || undefined, keyContactCity: keyCitiesOnly ? 'true' : undefined, pageSize: 100 },
      }),
  });
  if (!data) return <Spin style={{ margin: 24 }} />;
  return (
    <Flex vertical gap={2}>
      <Typography.Text type="secondary" style={{ padding: '4px 8px', fontSize: 12 }}>
        <span>共 {data.total} 个</span>
        {data.total > data.items.length && `，显示前 ${data.items.length} 个，请输入更准确的名称`}
        {isFetching && <Spin size="small" style={{ marginInlineStart: 8 }} />}
      </Typography.Text>
      {data.items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的组织" />}
      {data.items.map((u) => {
        const path = u.pathNames[u.pathNames.length - 1] === u.name ? u.pathNames.slice(0, -1) : u.pathNames;
        return (
          <div
            key={u.id}
            role="button"
            tabIndex={0}
            onClick={() => onSelect(u.id)}
            onKeyDown={(e) => e.key === 'Enter' && onSelect(u.id)}
            style={{
              padding: '6px 8px',
              borderRadius: 4,
              cursor: 'pointer',
              background: u.id === selectedId ? '#fdeeee' : undefined,
            }}
          >
            <UnitLabel unit={u} />
            {path.length > 0 && (
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {path.join(' / ')}
                </Typography.Text>
              </div>
            )}
          </div>
        );
      })}
    </Flex>
  );
}
