import { useQuery } from '@tanstack/react-query';
import { getCall } from '../../../../common/contracts/calls';
import { call } from '../../api/client';

export const CALLS_LIST_KEY = 'calls';

export const callDetailKey = (id: number) => ['calls', id, 'detail'];

export function useCallDetail(id: number) {
  return useQuery({
    queryKey: callDetailKey(id),
    queryFn: () => call(getCall, { params: { id } }),
    enabled: id > 0,
    meta: { silent: true },
  });
}
