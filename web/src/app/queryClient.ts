import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from '../api/client';
import { feedback } from './feedback';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { silent?: boolean };
    mutationMeta: { silent?: boolean };
  }
}

/** Server messages are written for users: show them as they are. 401 is handled by the session. */
function report(error: Error) {
  if (error instanceof ApiError && error.status === 401) return;
  if (error instanceof ApiError && error.code === 'version_conflict') {
    feedback.notification?.warning({ title: '保存未成功', description: error.message });
    return;
  }
  feedback.message?.error(error.message || '操作失败，请稍后重试');
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (!query.meta?.silent) report(error);
    },
  }),
  mutationCache: new MutationCache({
    onError: (error, _vars, _ctx, mutation) => {
      if (!mutation.meta?.silent) report(error);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
    },
    mutations: { retry: false },
  },
});
