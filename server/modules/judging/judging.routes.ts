import type { FastifyInstance } from 'fastify';
import {
  abstainEntry,
  addConflict,
  assignRound,
  closeRound,
  createRound,
  declareConflict,
  downloadMyEntryFile,
  getMyEntry,
  listConflicts,
  listJudgeCandidates,
  listMyEntries,
  listMyRounds,
  listRounds,
  openRound,
  requestRescore,
  roundProgress,
  roundEntryOptions,
  roundRanking,
  setRoundJudges,
  submitScore,
  updateRound,
} from '../../../common/contracts/judging';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import * as judge from './judging-judge.service';
import * as results from './judging-results.service';
import * as rounds from './judging-rounds.service';

export function registerJudgingRoutes(app: FastifyInstance) {
  route(app, listRounds, ({ params }, ctx) => rounds.listRounds(ctx, params.id));
  route(app, createRound, ({ params, body }, ctx) => rounds.createRound(ctx, params.id, body));
  route(app, updateRound, ({ params, body }, ctx) =>
    rounds.updateRound(ctx, params.roundId, body.settings, body.version),
  );
  route(app, listJudgeCandidates, ({ params }, ctx) => rounds.judgeCandidates(ctx, params.id));
  route(app, setRoundJudges, ({ params, body }, ctx) => rounds.setJudges(ctx, params.roundId, body.judges));
  route(app, listConflicts, ({ params }, ctx) => rounds.listConflicts(ctx, params.roundId));
  route(app, addConflict, ({ params, body }, ctx) => rounds.addConflict(ctx, params.roundId, body));
  route(app, assignRound, ({ params, body }, ctx) => rounds.assign(ctx, params.roundId, body.seed));
  route(app, openRound, ({ params, body }, ctx) => rounds.open(ctx, params.roundId, body.version));
  route(app, roundProgress, ({ params }, ctx) => results.progressOf(ctx, params.roundId));
  route(app, roundRanking, ({ params, query }, ctx) => results.ranking(ctx, params.roundId, query));
  route(app, roundEntryOptions, ({ params, query }, ctx) =>
    results.entryOptions(ctx, params.roundId, query.q),
  );
  route(app, requestRescore, ({ params, body }, ctx) => results.requestRescore(ctx, params.roundId, body));
  route(app, closeRound, async ({ params, body }, ctx) => {
    const callId = await results.close(ctx, params.roundId, body.version);
    return rounds.presentRound(ctx, callId, params.roundId);
  });

  route(app, listMyRounds, (_input, ctx) => judge.myRounds(ctx));
  route(app, listMyEntries, ({ params }, ctx) => judge.myEntries(ctx, params.roundId));
  route(app, getMyEntry, ({ params }, ctx) => judge.myEntry(ctx, params.roundId, params.entryId));
  route(app, downloadMyEntryFile, async ({ params }, ctx) => {
    const f = await judge.myEntryFile(ctx, params.roundId, params.entryId, params.fileId);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
  route(app, submitScore, ({ params, body }, ctx) => judge.score(ctx, params.roundId, params.entryId, body));
  route(app, abstainEntry, ({ params, body }, ctx) =>
    judge.abstain(ctx, params.roundId, params.entryId, body.reason),
  );
  route(app, declareConflict, ({ params, body }, ctx) =>
    judge.declareConflict(ctx, params.roundId, params.entryId, body.reason),
  );
}
