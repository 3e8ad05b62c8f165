import type { FastifyInstance } from 'fastify';
import { youthImport } from '../../../common/contracts/youth-import';
import { registerImportRoutes } from '../../platform/import/jobs/routes';
import type { ImportKind } from '../../platform/import/jobs/types';
import { pathInScope } from '../../platform/access/scope';
import { prepareYouthImport } from './youth-import.analyse';
import { YOUTH_COLUMNS, type YouthColumnKey } from './youth-import.columns';
import * as repo from './youth-import.repo';
import { buildYouthTemplate } from './youth-import.template';

/** The registry's part of the platform import flow. */
export const YOUTH_IMPORT: ImportKind<YouthColumnKey> = {
  kind: youthImport.kind,
  what: '青年',
  columns: YOUTH_COLUMNS,
  prepare: prepareYouthImport,
  template: buildYouthTemplate,
  auditAction: 'youth.imported',
  analyzeTables: ['youth'],
  async recheck(db, scope, mode, range) {
    const registered = await repo.newRowsNowRegistered(db, scope.jobId, range);
    const gone =
      mode === 'upsert' ? await repo.updateRowsOutOfScope(db, scope.jobId, scope.viewer, range) : [];
    return [
      ...registered.map((r) => ({
        rowNumber: r.rowNumber,
        message: pathInScope(r.unitPath, scope.viewer)
          ? `第 ${r.rowNumber} 行：检查之后该身份证号已在「${r.unitName}」登记，本行不导入`
          : `第 ${r.rowNumber} 行：该青年已由「${r.unitName}」登记保管，不能重复登记；如已迁入本地，可在青年库中申请转入`,
      })),
      ...gone.map((r) => ({
        rowNumber: r.rowNumber,
        message: `第 ${r.rowNumber} 行：检查之后该记录已转出本单位管辖范围，未更新`,
      })),
    ];
  },
  async write(tx, scope, mode, range) {
    const inserted = await repo.insertNewRows(tx, scope.jobId, scope.viewer.userId, range);
    const updated = mode === 'upsert' ? await repo.applyUpdateRows(tx, scope.jobId, scope.viewer, range) : 0;
    return { inserted, updated };
  },
};

export function registerYouthImportRoutes(app: FastifyInstance) {
  registerImportRoutes(app, youthImport, YOUTH_IMPORT);
}
