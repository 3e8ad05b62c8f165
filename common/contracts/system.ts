import { z } from 'zod';
import { defineContract } from '../contract';

export const healthz = defineContract({
  method: 'GET',
  path: '/healthz',
  access: 'public',
  tag: 'system',
  summary: '存活检查',
  response: z.object({ status: z.literal('ok') }),
});

export const readyz = defineContract({
  method: 'GET',
  path: '/readyz',
  access: 'public',
  tag: 'system',
  summary: '就绪检查：数据库可用且迁移完成',
  response: z.object({ status: z.enum(['ready', 'not_ready']), database: z.string() }),
});
