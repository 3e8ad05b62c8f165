import type { FastifyInstance } from 'fastify';
import {
  createAccount,
  listAccounts,
  listRoles,
  resetAccountPassword,
  resetAccountTotp,
  revokeAccountSessions,
  unlockAccount,
  updateAccount,
  updateRoleSettings,
} from '../../../common/contracts/accounts';
import type { Role } from '../../../common/access';
import { route } from '../../platform/http/route';
import * as accounts from './accounts.service';

export function registerAccountsRoutes(app: FastifyInstance) {
  route(app, listAccounts, ({ query }, ctx) =>
    accounts.listAccounts(ctx, {
      q: query.q || undefined,
      unitId: query.unitId,
      includeDescendants: query.includeDescendants === 'true',
      role: query.role,
      status: query.status,
      sort: query.sort,
      page: query.page,
      pageSize: query.pageSize,
    }),
  );
  route(app, createAccount, ({ body }, ctx) =>
    accounts.createAccount(ctx, { ...body, role: body.role as Role }),
  );
  route(app, updateAccount, ({ params, body }, ctx) =>
    accounts.updateAccount(ctx, params.id, { ...body, role: body.role as Role | undefined }),
  );
  route(app, resetAccountPassword, ({ params }, ctx) => accounts.resetPassword(ctx, params.id));
  route(app, unlockAccount, ({ params }, ctx) => accounts.unlockAccount(ctx, params.id));
  route(app, revokeAccountSessions, ({ params }, ctx) => accounts.revokeSessions(ctx, params.id));
  route(app, resetAccountTotp, ({ params }, ctx) => accounts.resetTotp(ctx, params.id));
  route(app, listRoles, (_input, ctx) => accounts.listRoles(ctx));
  route(app, updateRoleSettings, ({ params, body }, ctx) =>
    accounts.updateRoleSettings(ctx, params.role as Role, body.requireTotp),
  );
}
