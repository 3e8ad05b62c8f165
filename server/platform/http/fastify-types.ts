import type { Viewer } from '../access/viewer';
import type { Db } from '../../db/client';
import type { Config } from '../../config';
import type { Keys } from '../crypto/keys';
import type { Access } from '../../../common/access';
import type { RegisteredRoute } from './access-hook';

export type AppServices = { db: Db; config: Config; keys: Keys; ready: () => Promise<boolean> };

declare module 'fastify' {
  interface FastifyInstance {
    zm: AppServices;
    zmRoutes: RegisteredRoute[];
    /** Stops accepting connections and resolves once those open have finished (graceful-shutdown.ts). */
    zmDrain: () => Promise<void>;
  }
  interface FastifyRequest {
    viewer?: Viewer;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
