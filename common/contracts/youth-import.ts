import { importContracts } from './imports';

/** 青年库 import: the platform's import flow at /api/youth/imports. */
export const youthImport = importContracts({
  kind: 'youth',
  basePath: '/api/youth/imports',
  permission: 'youth.write',
  tag: 'youth',
  what: '青年',
});
