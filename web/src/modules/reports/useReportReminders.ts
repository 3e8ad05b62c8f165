import { useQuery } from '@tanstack/react-query';
import { reportReminders } from '../../../../common/contracts/reports';
import { call } from '../../api/client';
import { useCan } from '../../app/session';

export const remindersKey = ['reports', 'reminders'] as const;

/** The viewer's unit's reminders, shared by the home card and the menu badge; refreshed every few minutes. */
export function useReportReminders() {
  const can = useCan();
  return useQuery({
    queryKey: remindersKey,
    queryFn: () => call(reportReminders),
    enabled: can('reports.read'),
    refetchInterval: 5 * 60_000,
    meta: { silent: true },
  });
}

/**
 * Menu badges by path: 待报送 counts the unit's reports overdue or due within the reminder window (two
 * disjoint sets; a returned report is in one of them unless its deadline is far off), 待审核 what waits.
 */
export function useReportBadges(): Record<string, number> {
  const { data } = useReportReminders();
  return data ? { '/reports/due': data.overdue + data.dueSoon, '/reports/review': data.toReview } : {};
}
