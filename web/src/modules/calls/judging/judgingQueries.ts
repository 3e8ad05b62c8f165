import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  listConflicts,
  listRounds,
  roundProgress,
  roundRanking,
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
  const ranking = useQuery({
    queryKey: [...roundKey(roundId), 'ranking'],
    queryFn: () => call(roundRanking, { params: { roundId } }),
  });
  return { progress, conflicts, ranking };
}

/** After any change to a round: its list entry, its progress, conflicts and ranking. */
export function useReloadRound(callId: number, roundId?: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: roundsKey(callId) });
    if (roundId) void queryClient.invalidateQueries({ queryKey: roundKey(roundId) });
  };
}
