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

/** Any JSON body unless the contract declares more: parsing it blocks the event loop, holding it costs memory. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/**
 * Anyone may send to a public route (sign-in), and a session that has only passed the password step
 * may use only the sign-in steps: a few kilobytes is all they need.
 */
export const PUBLIC_BODY_LIMIT = 16 * 1024;

/** Room for the multipart envelope and the text fields around an upload's file. */
const MULTIPART_OVERHEAD = 1024 * 1024;

/** The most a request to this route may carry, checked on Content-Length before the body is read. */
export function bodyLimitOf(contract: Contract): number {
  if (contract.upload) return contract.upload.maxBytes + MULTIPART_OVERHEAD;
  if (contract.access === 'public' || contract.access === 'login-step') return PUBLIC_BODY_LIMIT;
  return contract.bodyLimit ?? DEFAULT_BODY_LIMIT;
}

/**
 * Registers one endpoint from its contract. Validation, the OpenAPI entry and the permission all
 * come from the contract; the permission check itself runs in the access hook (access-hook.ts).
 */
export function route<C extends Contract>(app: FastifyInstance, contract: C, handler: Handler<C>) {
  app.withTypeProvider<ZodTypeProvider>().route({
    method: contract.method,
    url: toFastifyPath(contract.path),
    config: { access: contract.access },
    bodyLimit: bodyLimitOf(contract),
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
