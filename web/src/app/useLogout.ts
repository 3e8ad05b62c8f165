import { useCallback } from 'react';
import { logout } from '../../../common/contracts/auth';
import { call } from '../api/client';
import { useEndSession } from './session';

/**
 * Ends the session on the server (best effort) and forgets everything cached for this user;
 * the route guard then shows the login page.
 */
export function useLogout() {
  const endSession = useEndSession();
  return useCallback(async () => {
    try {
      await call(logout);
    } catch {
      // Already expired or unreachable: the local session ends either way.
    }
    endSession();
  }, [endSession]);
}
