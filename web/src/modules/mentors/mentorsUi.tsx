import { Flex, Progress, Segmented, Tag, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { PAIRING_STATUSES, type PairingStatus } from '../../../../common/contracts/mentors-pairings';

const STATUS_COLORS: Record<PairingStatus, string> = {
  proposed: 'default',
  signed: 'blue',
  active: 'green',
  completed: 'purple',
  terminated: 'red',
};

export function PairingStatusTag({ status }: { status: PairingStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{PAIRING_STATUSES[status]}</Tag>;
}

/** 带教负荷: open pairings against the places the mentor offers. */
export function LoadBar({ open, max }: { open: number; max: number }) {
  const full = open >= max;
  return (
    <Flex align="center" gap={8} style={{ minWidth: 120 }}>
      <Progress
        percent={Math.min(100, Math.round((open / Math.max(max, 1)) * 100))}
        showInfo={false}
        size="small"
        status={full ? 'exception' : 'normal'}
        style={{ width: 60, margin: 0 }}
      />
      <Typography.Text type={full ? 'danger' : undefined}>
        {open}/{max}
      </Typography.Text>
    </Flex>
  );
}

const SECTIONS = [
  { value: '/mentors', label: '导师名册' },
  { value: '/mentors/pairings', label: '结对管理' },
  { value: '/mentors/attention', label: '需关注' },
  { value: '/mentors/team', label: '梦想导师团' },
];

/** The 梦想导师 pages share one header: the section switch, and what the page adds on the right. */
export function MentorsNav({ extra }: { extra?: React.ReactNode }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((s) => s.value === pathname)?.value ?? '/mentors';
  return (
    <Flex justify="space-between" align="center" wrap gap={12}>
      <Flex align="center" gap={16}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          梦想导师
        </Typography.Title>
        <Segmented options={SECTIONS} value={current} onChange={(v) => navigate(String(v))} />
      </Flex>
      {extra}
    </Flex>
  );
}

export const dash = (v: string | null | undefined) => v || '—';
