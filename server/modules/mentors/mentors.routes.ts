import type { FastifyInstance } from 'fastify';
import {
  createMentor,
  exportMentorTeam,
  getMentor,
  listMentors,
  mentorTeam,
  revealMentor,
  setMentorAccount,
  updateMentor,
} from '../../../common/contracts/mentors';
import {
  createPairing,
  createPairingLog,
  downloadAgreement,
  endPairing,
  extendPairing,
  getPairing,
  listPairings,
  pairingAttention,
  signPairing,
  startPairing,
  uploadAgreement,
} from '../../../common/contracts/mentors-pairings';
import { createMyLog, getMyPairing, listMyPairings } from '../../../common/contracts/mentors-workspace';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import * as agreement from './mentors-agreement.service';
import * as pairings from './mentors-pairings.service';
import { exportTeam, team } from './mentors-team.service';
import * as workspace from './mentors-workspace.service';
import * as mentors from './mentors.service';

export function registerMentorRoutes(app: FastifyInstance) {
  route(app, listMentors, ({ query }, ctx) => mentors.list(ctx, query));
  route(app, createMentor, ({ body }, ctx) => mentors.create(ctx, body));
  route(app, getMentor, ({ params }, ctx) => mentors.detail(ctx, params.id));
  route(app, updateMentor, ({ params, body }, ctx) => mentors.update(ctx, params.id, body));
  route(app, revealMentor, ({ params, body }, ctx) => mentors.reveal(ctx, params.id, body.reason));
  route(app, setMentorAccount, ({ params, body }, ctx) => mentors.setAccount(ctx, params.id, body));
  route(app, mentorTeam, ({ query }, ctx) => team(ctx, query.unitId));
  route(app, exportMentorTeam, async ({ query }, ctx) => {
    const { buffer, filename } = await exportTeam(ctx, query.unitId);
    return sendXlsx(ctx.reply, filename, buffer);
  });

  route(app, listPairings, ({ query }, ctx) => pairings.list(ctx, query));
  route(app, pairingAttention, ({ query }, ctx) =>
    pairings.attention(ctx, query.silentDays, query.endingDays),
  );
  route(app, createPairing, ({ body }, ctx) => pairings.create(ctx, body));
  route(app, getPairing, ({ params }, ctx) => pairings.detail(ctx, params.id));
  route(app, signPairing, ({ params, body }, ctx) =>
    pairings.sign(ctx, params.id, body.version, body.signedOn),
  );
  route(app, startPairing, ({ params, body }, ctx) => pairings.start(ctx, params.id, body.version));
  route(app, extendPairing, ({ params, body }, ctx) =>
    pairings.extend(ctx, params.id, body.version, body.endDate, body.note),
  );
  route(app, endPairing, ({ params, body }, ctx) => pairings.end(ctx, params.id, body));
  route(app, uploadAgreement, ({ params, file }, ctx) => agreement.uploadAgreement(ctx, params.id, file));
  route(app, downloadAgreement, async ({ params }, ctx) => {
    const f = await agreement.downloadAgreement(ctx, params.id);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
  route(app, createPairingLog, ({ params, body }, ctx) => pairings.addLog(ctx, ctx.viewer, params.id, body));

  route(app, listMyPairings, (_input, ctx) => workspace.listMine(ctx));
  route(app, getMyPairing, ({ params }, ctx) => workspace.getMine(ctx, params.id));
  route(app, createMyLog, ({ params, body }, ctx) => workspace.addMine(ctx, params.id, body));
}
