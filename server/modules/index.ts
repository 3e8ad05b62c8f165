import type { FastifyInstance } from 'fastify';
import { registerSystemRoutes } from './system/system.routes';
import { registerAuthRoutes } from './auth/auth.routes';
import { registerAccountsRoutes } from './accounts/accounts.routes';
import { registerUnitsRoutes } from './units/units.routes';
import { registerAuditRoutes } from './audit/audit.routes';
import { registerDictionaryRoutes } from './dictionaries/dictionaries.routes';
import { registerHomeRoutes } from './home/home.routes';
import { registerYouthRoutes } from './youth/youth.routes';
import { registerYouthBatchRoutes } from './youth/youth-batch.routes';
import { registerYouthAttachmentRoutes } from './youth/youth-attachments.routes';
import { registerYouthImportRoutes } from './youth/youth-import';
import { registerTrainingRoutes } from './training/training.routes';
import { registerEventRoutes } from './events/events.routes';
import { registerMentorRoutes } from './mentors/mentors.routes';
import { registerSocietyRoutes } from './societies/societies.routes';
import { registerOutreachRoutes } from './outreach/outreach.routes';
import { registerFederationRoutes } from './federation/federation.routes';
import { registerReportRoutes } from './reports/reports.routes';
import { registerPlanRoutes } from './plans/plans.routes';
import { registerPrivacyRoutes } from './privacy/privacy.routes';
import { registerPublicPlatformRoutes } from './privacy/public-platform.routes';
import { registerSignupRoutes } from './signup/signup.routes';

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
  registerYouthBatchRoutes(app);
  registerYouthAttachmentRoutes(app);
  registerYouthImportRoutes(app);
  registerTrainingRoutes(app);
  registerEventRoutes(app);
  registerMentorRoutes(app);
  registerSocietyRoutes(app);
  registerOutreachRoutes(app);
  registerFederationRoutes(app);
  registerReportRoutes(app);
  registerPlanRoutes(app);
  registerPrivacyRoutes(app);
  registerPublicPlatformRoutes(app);
  registerSignupRoutes(app);
}
