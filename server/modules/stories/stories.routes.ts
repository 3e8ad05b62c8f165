import type { FastifyInstance } from 'fastify';
import {
  createStory,
  downloadStoryCover,
  getStory,
  listStories,
  publishStory,
  storyEntryOptions,
  storyPersonOptions,
  updateStory,
  uploadStoryCover,
  withdrawStory,
} from '../../../common/contracts/stories';
import { sendDownload } from '../../platform/http/download';
import { route } from '../../platform/http/route';
import * as stories from './stories.service';

export function registerStoryRoutes(app: FastifyInstance) {
  route(app, listStories, ({ query }, ctx) => stories.list(ctx, query));
  route(app, getStory, ({ params }, ctx) => stories.detail(ctx, params.id));
  route(app, createStory, ({ body }, ctx) => stories.create(ctx, body));
  route(app, updateStory, ({ params, body }, ctx) => stories.update(ctx, params.id, body));
  route(app, publishStory, ({ params, body }, ctx) => stories.publish(ctx, params.id, body.version));
  route(app, withdrawStory, ({ params, body }, ctx) =>
    stories.withdraw(ctx, params.id, body.version, body.reason),
  );
  route(app, uploadStoryCover, ({ params, file }, ctx) => stories.uploadCover(ctx, params.id, file));
  route(app, downloadStoryCover, async ({ params }, ctx) => {
    const f = await stories.cover(ctx, params.id);
    return sendDownload(ctx.reply, { filename: f.filename, mime: f.mime, body: f.stream, size: f.size });
  });
  route(app, storyPersonOptions, ({ query }, ctx) => stories.personOptions(ctx, query));
  route(app, storyEntryOptions, ({ query }, ctx) => stories.entryOptions(ctx, query));
}
