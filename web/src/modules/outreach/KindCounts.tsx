import { Card, Flex, Typography } from 'antd';
import type { KindCount } from '../../../../common/contracts/outreach';
import { BRAND_RED } from '../../app/theme';

/**
 * 按类型: one tile per kind with its count over the current filter; a click filters the list by that
 * kind, a second click clears it. The first tile is the total.
 */
export function KindCounts({
  counts,
  totalLabel,
  unit,
  selected,
  onPick,
  testId,
}: {
  counts: KindCount[];
  totalLabel: string;
  unit: string;
  selected?: string;
  onPick: (kind: string | undefined) => void;
  testId: string;
}) {
  const total = counts.reduce((n, k) => n + k.count, 0);
  const tiles = [
    { kind: '', label: totalLabel, count: total },
    ...counts.map((k) => ({ ...k, label: k.kind })),
  ];
  return (
    <Card size="small" styles={{ body: { padding: 12 } }} data-testid={testId}>
      <Flex gap={8} wrap>
        {tiles.map((t) => {
          const active = t.kind ? selected === t.kind : !selected;
          return (
            <button
              key={t.label}
              type="button"
              aria-pressed={active}
              aria-label={`${t.label} ${t.count} ${unit}`}
              onClick={() => onPick(t.kind && t.kind !== selected ? t.kind : undefined)}
              style={{
                flex: '1 1 110px',
                minWidth: 110,
                padding: '8px 12px',
                textAlign: 'left',
                cursor: 'pointer',
                background: active ? '#fff1f0' : '#fafafa',
                border: `1px solid ${active ? BRAND_RED : '#f0f0f0'}`,
                borderRadius: 6,
              }}
            >
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {t.label}
              </Typography.Text>
              <span style={{ fontSize: 20, fontWeight: 600, color: t.count ? '#262626' : '#bfbfbf' }}>
                {t.count}
              </span>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                {unit}
              </Typography.Text>
            </button>
          );
        })}
      </Flex>
    </Card>
  );
}
