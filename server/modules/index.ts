import type { FastifyInstance } from 'fastify';
import { registerSystemRoutes } from './system/system.routes';
import { registerAuthRoutes } from './auth/auth.routes';
import { registerAccountsRoutes } from './accounts/accounts.routes';
import { registerUnitsRoutes } from './units/units.routes';
import { registerAuditRoutes } from './audit/audit.routes';
import { registerDictionaryRoutes } from './dictionaries/dictionaries.routes';
import { registerHomeRoutes } from './home/home.routes';
import { registerYouthRoutes } from './youth/youth.routes';

/** Every domain module registers its routes here. */
export async function registerModules(app: FastifyInstance) {
  registerSystemRoutes(app);
  registerAuthRoutes(app);
  registerAccountsRoutes(app);
  registerUnitsRoutes(app);
  registerAuditRoutes(app);
  registerDictionaryRoutes(app);
  registerHomeRoutes(app);
  registerYouthRoutes(app);
}
