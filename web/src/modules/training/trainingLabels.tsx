import { Tag } from 'antd';
import { CLASS_STATUSES, type ClassStatus } from '../../../../common/contracts/training';
import { ENROLMENT_STATUSES, type EnrolmentStatus } from '../../../../common/contracts/training-enrolment';

const STATUS_COLORS: Record<ClassStatus, string> = {
  planning: 'default',
  enrolling: 'blue',
  ongoing: 'processing',
  finished: 'success',
  cancelled: 'default',
};

export function ClassStatusTag({ status }: { status: ClassStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{CLASS_STATUSES[status]}</Tag>;
}

const ENROLMENT_COLORS: Record<EnrolmentStatus, string> = {
  applied: 'default',
  admitted: 'blue',
  waitlisted: 'orange',
  completed: 'success',
  withdrawn: 'default',
};

export function EnrolmentTag({ status, position }: { status: EnrolmentStatus; position?: number | null }) {
  return (
    <Tag color={ENROLMENT_COLORS[status]}>
      {ENROLMENT_STATUSES[status]}
      {status === 'waitlisted' && position ? ` 第 ${position} 位` : ''}
    </Tag>
  );
}

/** 0.8 → 80%; null → — */
export const pct = (rate: number | null | undefined) =>
  rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`;

export const invalidateClass = (id: number) => [
  ['training', 'class', id],
  ['list', 'training-classes'],
];
