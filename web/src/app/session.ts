import { useCallback } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission } from '../../../common/access';
import { getMe, type Me } from '../../../common/contracts/auth';
import { ApiError, call, setCsrfToken } from '../api/client';

export const ME_KEY = ['me'] as const;
const NOTICE_KEY = ['login-notice'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await call(getMe);
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** The signed-in user: undefined while loading, null when there is no session. */
export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, meta: { silent: true } });
}

export function useMe(): Me | null | undefined {
  return useMeQuery().data;
}

/** For pages inside the signed-in shell, where the session is known to exist. */
export function useViewer(): Me {
  const me = useMe();
  if (!me) throw new Error('未登录');
  return me;
}

export function useSetMe() {
  const queryClient = useQueryClient();
  return useCallback(
    (me: Me | null) => {
      setCsrfToken(me?.csrfToken ?? null);
      queryClient.setQueryData(ME_KEY, me);
    },
    [queryClient],
  );
}

export function useCan() {
  const me = useMe();
  return useCallback((permission: Permission) => Boolean(me?.permissions.includes(permission)), [me]);
}

/**
 * Why the user is back on the login page (the session expired). Kept in the query cache, not in
 * the location, because the redirect comes from whichever guard sees the session end first.
 */
export function useLoginNotice(): string | undefined {
  const { data } = useQuery<string | null>({
    queryKey: NOTICE_KEY,
    queryFn: () => null,
    enabled: false,
    staleTime: Infinity,
  });
  return data ?? undefined;
}

export function useEndSession() {
  const queryClient = useQueryClient();
  const setMe = useSetMe();
  return useCallback(
    (notice?: string) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      if (notice) queryClient.setQueryData(NOTICE_KEY, notice);
      setMe(null);
    },
    [queryClient, setMe],
  );
}
