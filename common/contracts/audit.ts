import { z } from 'zod';
import { defineContract, pageOf, pageQuery } from '../contract';

export const auditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditFilter = z.object({
  username: z.string().trim().max(64).optional(),
  unitId: z.coerce.number().int().positive().optional(),
  action: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

export const listAudit = defineContract({
  method: 'GET',
  path: '/api/audit',
  access: 'audit.read',
  tag: 'audit',
  summary: '审计日志（本单位及下级）',
  query: pageQuery.extend(auditFilter.shape),
  response: pageOf(auditEntry),
});

export const exportAudit = defineContract({
  method: 'GET',
  path: '/api/audit/export',
  access: 'audit.export',
  tag: 'audit',
  summary: '按当前筛选导出审计日志 (.xlsx)',
  query: auditFilter,
  response: z.unknown(),
  binary: true,
});
