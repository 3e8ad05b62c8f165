import type { FastifyInstance } from 'fastify';
import {
  changePassword,
  getMe,
  login,
  logout,
  passwordPolicy,
  totpDisable,
  totpEnable,
  totpSetup,
  verifyTotp,
} from '../../../common/contracts/auth';
import { route } from '../../platform/http/route';
import { describePasswordPolicy } from '../../platform/auth/passwords';
import * as auth from './auth.service';
import * as totp from './totp.service';

export function registerAuthRoutes(app: FastifyInstance) {
  route(app, login, ({ body }, ctx) => auth.login(ctx, body));
  route(app, getMe, (_input, ctx) => auth.currentMe(ctx));
  route(app, logout, async (_input, ctx) => {
    await auth.logout(ctx);
    return { ok: true as const };
  });
  route(app, changePassword, ({ body }, ctx) => auth.changePassword(ctx, body));
  route(app, verifyTotp, ({ body }, ctx) => totp.verifyLoginTotp(ctx, body.code));
  route(app, totpSetup, (_input, ctx) => totp.setupTotp(ctx));
  route(app, totpEnable, ({ body }, ctx) => totp.enableTotp(ctx, body.code));
  route(app, totpDisable, ({ body }, ctx) => totp.disableTotp(ctx, body.password));
  route(app, passwordPolicy, async (_input, { config }) => ({
    minLength: config.passwordMinLength,
    minClasses: config.passwordMinClasses,
    description: describePasswordPolicy(config),
  }));
}
