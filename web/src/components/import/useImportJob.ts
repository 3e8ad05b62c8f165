import { useQuery } from '@tanstack/react-query';
import type { ImportContracts, ImportJob } from '../../../../common/contracts/imports';
import { call } from '../../api/client';

const RUNNING = new Set<ImportJob['status']>(['analysing', 'importing']);

/** The job, polled every second while its worker is busy. */
export function useImportJob(contracts: ImportContracts, id: number | undefined) {
  return useQuery({
    queryKey: ['import-job', contracts.kind, id],
    queryFn: () => call(contracts.get, { params: { id: id! } }),
    enabled: id !== undefined,
    refetchInterval: (q) => (q.state.data && RUNNING.has(q.state.data.status) ? 1000 : false),
  });
}
