import type { ReactNode } from 'react';
import { DatePicker, Flex, Segmented, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useLocation, useNavigate } from 'react-router';
import {
  MEMBER_STATUSES,
  SOCIETY_KINDS,
  type MemberStatus,
  type SocietyRef,
} from '../../../../common/contracts/federation';

const STATUS_COLORS: Record<MemberStatus, string> = {
  proposed: 'default',
  qualification: 'blue',
  committee: 'geekblue',
  admitted: 'green',
  rejected: 'red',
  exited: 'orange',
};

export function MemberStatusTag({ status }: { status: MemberStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{MEMBER_STATUSES[status]}</Tag>;
}

/** What the register says about a society: kind, 团属, emerging field. */
export function SocietyTags({ society }: { society: SocietyRef }) {
  return (
    <>
      <Tag>{SOCIETY_KINDS[society.kind]}</Tag>
      {society.leagueAffiliated && <Tag color="red">团属</Tag>}
      {society.field && <Tag color="purple">{society.field}</Tag>}
    </>
  );
}

const SECTIONS = [
  { value: '/federation', label: '会员团体' },
  { value: '/federation/supervision', label: '覆盖督导' },
  { value: '/federation/supervision/targets', label: '目标设置' },
];

/** The 组织覆盖 pages share one header: the section switch, and what the page adds on the right. */
export function FederationNav({ extra }: { extra?: ReactNode }) {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const current = SECTIONS.find((s) => s.value === pathname)?.value ?? '/federation';
  return (
    <Flex justify="space-between" align="center" wrap gap={12}>
      <Flex align="center" gap={16}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          组织覆盖
        </Typography.Title>
        <Segmented options={SECTIONS} value={current} onChange={(v) => navigate(String(v))} />
      </Flex>
      {extra}
    </Flex>
  );
}

/** A date as 'YYYY-MM-DD' text in forms and query forms (the value the API takes). */
export function DateText({
  value,
  onChange,
  id,
  placeholder,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  placeholder?: string;
}) {
  return (
    <DatePicker
      id={id}
      placeholder={placeholder}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      style={{ width: '100%' }}
    />
  );
}

export const dash = (v: string | number | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : v;
