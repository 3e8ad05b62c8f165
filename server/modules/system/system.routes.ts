import type { FastifyInstance } from 'fastify';
import { healthz, readyz } from '../../../common/contracts/system';
import { route } from '../../platform/http/route';

export function registerSystemRoutes(app: FastifyInstance) {
  route(app, healthz, async () => ({ status: 'ok' as const }));

  route(app, readyz, async (_input, ctx) => {
    try {
      const ok = await ctx.reply.server.zm.ready();
      if (!ok) ctx.reply.status(503);
      return { status: ok ? ('ready' as const) : ('not_ready' as const), database: ok ? 'ok' : '未迁移' };
    } catch {
      ctx.reply.status(503);
      return { status: 'not_ready' as const, database: '无法连接' };
    }
  });
}
