import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  listConflicts,
  listRounds,
  roundEntryOptions,
  roundProgress,
  roundRanking,
  type RankingFilter,
} from '../../../../../common/contracts/judging';
import { call } from '../../../api/client';

export const roundsKey = (callId: number) => ['call-rounds', callId];
export const roundKey = (roundId: number) => ['call-round', roundId];

export function useRounds(callId: number) {
  return useQuery({
    queryKey: roundsKey(callId),
    queryFn: () => call(listRounds, { params: { id: callId } }),
  });
}

export function useRoundData(roundId: number) {
  const progress = useQuery({
    queryKey: [...roundKey(roundId), 'progress'],
    queryFn: () => call(roundProgress, { params: { roundId } }),
  });
  const conflicts = useQuery({
    queryKey: [...roundKey(roundId), 'conflicts'],
    queryFn: () => call(listConflicts, { params: { roundId } }),
  });
  return { progress, conflicts };
}

export type RankingParams = { page: number; pageSize: number; filter: RankingFilter; q: string };

/** One page of the ranking; the key holds the params and sits under the round's, so reloads cover it. */
export function useRanking(roundId: number, p: RankingParams) {
  return useQuery({
    queryKey: [...roundKey(roundId), 'ranking', p],
    queryFn: () =>
      call(roundRanking, {
        params: { roundId },
        query: { page: p.page, pageSize: p.pageSize, filter: p.filter, q: p.q || undefined },
      }),
    placeholderData: keepPreviousData,
  });
}

/** A few of the round's entries by number or title, for picking one (the conflict dialog). */
export function useEntryOptions(roundId: number, q: string, enabled = true) {
  return useQuery({
    queryKey: [...roundKey(roundId), 'entry-options', q],
    queryFn: () => call(roundEntryOptions, { params: { roundId }, query: { q: q || undefined } }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** After any change to a round: its list entry, its progress, conflicts and ranking. */
export function useReloadRound(callId: number, roundId?: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: roundsKey(callId) });
    if (roundId) void queryClient.invalidateQueries({ queryKey: roundKey(roundId) });
  };
}
