import type { FastifyInstance } from 'fastify';
import {
  createContactPoint,
  deleteContactPoint,
  exportContactPoints,
  getContactPoint,
  getOutreachSummary,
  listContactPoints,
  updateContactPoint,
} from '../../../common/contracts/outreach';
import {
  addBranchMembers,
  createBranch,
  dissolveBranch,
  exportBranches,
  getBranch,
  leaveBranch,
  listBranchSocieties,
  listBranches,
  updateBranch,
  updateBranchMember,
} from '../../../common/contracts/outreach-branches';
import { sendXlsx } from '../../platform/excel/xlsx-writer';
import { route } from '../../platform/http/route';
import * as points from './contact-point.service';
import * as members from './league-branch-members.service';
import * as branches from './league-branch.service';
import { branchesXlsx, contactPointsXlsx } from './outreach-export.service';

/** 组织覆盖: 联系点 and the League organisations (流动团支部 …) set up among emerging youth. */
export function registerOutreachRoutes(app: FastifyInstance) {
  route(app, getOutreachSummary, (_input, ctx) => points.summary(ctx));

  route(app, listContactPoints, ({ query }, ctx) => points.list(ctx, query));
  route(app, exportContactPoints, async ({ query }, ctx) => {
    const { buffer, filename } = await contactPointsXlsx(ctx, query);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, createContactPoint, ({ body }, ctx) => points.create(ctx, body));
  route(app, getContactPoint, ({ params }, ctx) => points.detail(ctx, params.id));
  route(app, updateContactPoint, ({ params, body }, ctx) => points.update(ctx, params.id, body));
  route(app, deleteContactPoint, ({ params }, ctx) => points.remove(ctx, params.id));

  route(app, listBranches, ({ query }, ctx) => branches.list(ctx, query));
  route(app, exportBranches, async ({ query }, ctx) => {
    const { buffer, filename } = await branchesXlsx(ctx, query);
    return sendXlsx(ctx.reply, filename, buffer);
  });
  route(app, listBranchSocieties, async ({ query }, ctx) => ({
    items: await branches.societies(ctx, query.q),
  }));
  route(app, createBranch, ({ body }, ctx) => branches.create(ctx, body));
  route(app, getBranch, ({ params }, ctx) => branches.detail(ctx, params.id));
  route(app, updateBranch, ({ params, body }, ctx) => branches.update(ctx, params.id, body));
  route(app, dissolveBranch, ({ params, body }, ctx) => branches.dissolve(ctx, params.id, body));

  route(app, addBranchMembers, ({ params, body }, ctx) => members.add(ctx, params.id, body));
  route(app, updateBranchMember, ({ params, body }, ctx) =>
    members.changeRole(ctx, params.id, params.youthId, body.role),
  );
  route(app, leaveBranch, ({ params, body }, ctx) =>
    members.leave(ctx, params.id, params.youthId, body.leftOn),
  );
}
