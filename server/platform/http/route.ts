import fs from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Contract } from '../../../common/contract';
import type { RequestContext } from './context';
import { requestContext } from './request-context';
import { receiveUpload, type UploadedFile } from './upload';

type Out<S> = NonNullable<S> extends z.ZodType ? z.output<NonNullable<S>> : undefined;

type Input<C extends Contract> = {
  params: Out<C['params']>;
  query: Out<C['query']>;
  body: Out<C['body']>;
  /** Upload contracts only (elsewhere absent): the received file, removed when the handler returns unless moved. */
  file: UploadedFile;
};

export type Handler<C extends Contract> = (
  input: Input<C>,
  ctx: RequestContext,
) => Promise<C['binary'] extends true ? unknown : z.input<C['response']>>;

/** Fastify path syntax from the contract's `/api/units/:id` (identical today; one place if that changes). */
const toFastifyPath = (p: string) => p;

/** Anyone may send to a public route (sign-in): a few kilobytes is all it needs, not the app-wide upload limit. */
export const PUBLIC_BODY_LIMIT = 16 * 1024;

/**
 * Registers one endpoint from its contract. Validation, the OpenAPI entry and the permission all
 * come from the contract; the permission check itself runs in the access hook (access-hook.ts).
 */
export function route<C extends Contract>(app: FastifyInstance, contract: C, handler: Handler<C>) {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: contract.method,
    url: toFastifyPath(contract.path),
    config: { access: contract.access },
    ...(contract.access === 'public' ? { bodyLimit: PUBLIC_BODY_LIMIT } : {}),
    schema: {
      tags: [contract.tag],
      summary: contract.summary,
      ...(contract.params ? { params: contract.params } : {}),
      ...(contract.query ? { querystring: contract.query } : {}),
      ...(contract.body && !contract.upload ? { body: contract.body } : {}),
      ...(contract.upload ? { consumes: ['multipart/form-data'] } : {}),
      ...(contract.binary ? {} : { response: { 200: contract.response } }),
    },
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const ctx = requestContext(req, reply);
      if (!contract.upload) {
        const input = { params: req.params, query: req.query, body: req.body } as Input<C>;
        return handler(input, ctx);
      }
      const { file, fields } = await receiveUpload(req, {
        dataDir: ctx.config.dataDir,
        maxBytes: contract.upload.maxBytes,
        fields: contract.body,
      });
      try {
        return await handler({ params: req.params, query: req.query, body: fields, file } as Input<C>, ctx);
      } finally {
        await fs.promises.rm(file.path, { force: true });
      }
    },
  });
}
