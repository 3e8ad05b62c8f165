import type { FastifyInstance } from 'fastify';
import { createDictItem, getDictionary, updateDictItem } from '../../../common/contracts/dictionaries';
import { route } from '../../platform/http/route';
import { createDictionaryItem, getDictionaryTree, updateDictionaryItem } from './dictionaries.service';

export function registerDictionaryRoutes(app: FastifyInstance) {
  route(app, getDictionary, async ({ params, query }, ctx) =>
    getDictionaryTree(ctx, params.type, query.includeDisabled === 'true'),
  );

  route(app, createDictItem, async ({ params, body }, ctx) => createDictionaryItem(ctx, params.type, body));

  route(app, updateDictItem, async ({ params, body }, ctx) => updateDictionaryItem(ctx, params.id, body));
}
