import { useQuery } from '@tanstack/react-query';
import { listRoles } from '../../../../common/contracts/accounts';
import { call } from '../../api/client';

export const ROLES_KEY = ['roles'] as const;

export function useRoles() {
  return useQuery({ queryKey: ROLES_KEY, queryFn: () => call(listRoles).then((r) => r.items) });
}
