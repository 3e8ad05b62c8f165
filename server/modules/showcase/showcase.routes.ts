import type { FastifyInstance } from 'fastify';
import {
  downloadPublicStoryCover,
  downloadPublicUnitWorkFile,
  getEntryShowcase,
  getPublicUnitPage,
  getPublicUnitStory,
  getPublicUnitWork,
  getUnitPageLink,
  listPublicUnitStories,
  listPublicUnitWorks,
  setEntryShowcase,
} from '../../../common/contracts/showcase';
import { route } from '../../platform/http/route';
import * as publicSide from './showcase-public.service';
import * as showcase from './showcase.service';

export function registerShowcaseRoutes(app: FastifyInstance) {
  route(app, getEntryShowcase, ({ params }, ctx) => showcase.entryShowcase(ctx, params.id));
  route(app, setEntryShowcase, ({ params, body }, ctx) => showcase.setShowcase(ctx, params.id, body));
  route(app, getUnitPageLink, (_input, ctx) => showcase.unitPageLink(ctx));

  route(app, getPublicUnitPage, ({ params }, ctx) => publicSide.unitPage(ctx, params.code));
  route(app, listPublicUnitWorks, ({ params, query }, ctx) => publicSide.works(ctx, params.code, query.page));
  route(app, listPublicUnitStories, ({ params, query }, ctx) =>
    publicSide.stories(ctx, params.code, query.page),
  );
  route(app, getPublicUnitWork, ({ params }, ctx) => publicSide.work(ctx, params.code, params.entryId));
  route(app, downloadPublicUnitWorkFile, ({ params }, ctx) =>
    publicSide.workFile(ctx, params.code, params.entryId, params.fileId),
  );
  route(app, getPublicUnitStory, ({ params }, ctx) => publicSide.story(ctx, params.code, params.id));
  route(app, downloadPublicStoryCover, ({ params }, ctx) =>
    publicSide.storyCover(ctx, params.code, params.id),
  );
}
