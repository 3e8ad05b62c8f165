import { Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  REPORT_FORMS,
  SUBMISSION_STATUSES,
  TIMELINESS,
  type Completeness,
  type ReportForm,
  type SubmissionStatus,
  type Timeliness,
} from '../../../../common/contracts/reports';
import { UNIT_LEVELS, type UnitLevel } from '../../../../common/access';

const STATUS_COLORS: Record<SubmissionStatus, string> = {
  pending: 'default',
  draft: 'blue',
  submitted: 'gold',
  returned: 'red',
  accepted: 'green',
};

const TIMELINESS_COLORS: Record<Timeliness, string> = {
  on_time: 'green',
  late: 'orange',
  missing: 'red',
  not_due: 'default',
};

const FORM_COLORS: Record<ReportForm, string> = {
  roster: 'purple',
  quarterly: 'blue',
  news: 'cyan',
  case: 'geekblue',
  annual: 'magenta',
};

export function StatusTag({ status }: { status: SubmissionStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{SUBMISSION_STATUSES[status]}</Tag>;
}

export function TimelinessTag({ value }: { value: Timeliness }) {
  return (
    <Tag color={TIMELINESS_COLORS[value]} variant="outlined">
      {TIMELINESS[value]}
    </Tag>
  );
}

export function FormTag({ form }: { form: ReportForm }) {
  return <Tag color={FORM_COLORS[form]}>{REPORT_FORMS[form]}</Tag>;
}

export const levelName = (level: string) => UNIT_LEVELS[level as UnitLevel] ?? level;

/** 2026年第4季度 / 2026年度: how cadres name a reporting period. */
export function periodLabel(c: { year: number; quarter: number | null }) {
  return c.quarter ? `${c.year}年第${c.quarter}季度` : `${c.year}年度`;
}

export const ymd = (at: string | null | undefined) => (at ? dayjs(at).format('YYYY-MM-DD') : '—');
export const ymdhm = (at: string | null | undefined) => (at ? dayjs(at).format('YYYY-MM-DD HH:mm') : '—');

/** Days to the deadline while the report is still to be sent: red once past it, orange in the last 3 days. */
export function DaysLeft({ days }: { days: number }) {
  if (days < 0) return <Typography.Text type="danger">已逾期 {-days} 天</Typography.Text>;
  if (days === 0) return <Typography.Text type="danger">今天截止</Typography.Text>;
  return <Typography.Text type={days <= 3 ? 'warning' : undefined}>剩 {days} 天</Typography.Text>;
}

/** Whether the unit still owes the report: the deadline matters only until it is sent. */
export const stillOwed = (status: SubmissionStatus) =>
  status === 'pending' || status === 'draft' || status === 'returned';

export const pct = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/** 已报 12 / 应报 71 with a bar (green on time, orange late): the first thing a cadre asks of a collection. */
export function CompletenessBar({ summary, width = 160 }: { summary: Completeness; width?: number }) {
  const { expected, submitted, onTime, late, missing } = summary;
  return (
    <Tooltip title={`按时 ${onTime}，逾期报送 ${late}，逾期未报 ${missing}`}>
      <Flex vertical style={{ width }}>
        <Typography.Text style={{ fontSize: 12 }}>
          已报 {submitted} / 应报 {expected}
          {missing > 0 && <Typography.Text type="danger">，缺报 {missing}</Typography.Text>}
        </Typography.Text>
        <Progress
          percent={Math.round(summary.completeness * 100)}
          success={{ percent: expected ? Math.round((onTime / expected) * 100) : 0 }}
          size="small"
          strokeColor="#fa8c16"
          status="normal"
          showInfo={false}
        />
      </Flex>
    </Tooltip>
  );
}

export function errorText(e: unknown, fallback: string) {
  return e instanceof Error && e.message ? e.message : fallback;
}

export const formOptions = Object.entries(REPORT_FORMS).map(([value, label]) => ({ value, label }));

/** The current year and the four before it, for year filters (reports are looked at a few years back). */
export function yearOptions(current = dayjs().year()) {
  return Array.from({ length: 5 }, (_, i) => current - i).map((y) => ({ value: y, label: `${y}年` }));
}
