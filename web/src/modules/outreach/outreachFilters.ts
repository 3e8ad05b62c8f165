import {
  CONTACT_POINT_KINDS,
  CONTACT_RELATIONS,
  type ContactPointFilter,
  type listContactPoints,
} from '../../../../common/contracts/outreach';
import {
  BRANCH_KINDS,
  BRANCH_STATUSES,
  type BranchFilter,
  type listBranches,
} from '../../../../common/contracts/outreach-branches';
import type { ContractInput } from '../../../../common/contract';
import { textFilter, type Filters, type QueryField } from '../../components/ListPage';

const options = (values: readonly string[]) => values.map((v) => ({ label: v, value: v }));

export const CONTACT_POINT_FIELDS: QueryField[] = [
  { type: 'input', name: 'q', label: '关键字', placeholder: '名称、地址或联系人' },
  { type: 'select', name: 'kind', label: '类型', options: options(CONTACT_POINT_KINDS) },
  { type: 'select', name: 'relation', label: '联系方式', options: options(CONTACT_RELATIONS) },
  {
    type: 'select',
    name: 'active',
    label: '状态',
    options: [
      { label: '在联', value: 'true' },
      { label: '已停止联系', value: 'false' },
    ],
  },
  { type: 'unit', name: 'unitId', label: '登记单位', descendantsName: 'includeDescendants' },
];

export const BRANCH_FIELDS: QueryField[] = [
  { type: 'input', name: 'q', label: '关键字', placeholder: '名称或所在联系点、社团' },
  { type: 'select', name: 'kind', label: '类型', options: options(BRANCH_KINDS) },
  {
    type: 'select',
    name: 'status',
    label: '状态',
    options: Object.entries(BRANCH_STATUSES).map(([value, label]) => ({ label, value })),
  },
  { type: 'unit', name: 'unitId', label: '所属单位', descendantsName: 'includeDescendants' },
];

const unitOf = (filters: Filters) => {
  const unitId = Number(filters.unitId);
  return {
    unitId: filters.unitId !== undefined && unitId > 0 ? unitId : undefined,
    includeDescendants:
      filters.includeDescendants === false || filters.includeDescendants === 'false'
        ? ('false' as const)
        : ('true' as const),
  };
};

type PointQuery = NonNullable<ContractInput<typeof listContactPoints>['query']>;
type BranchQuery = NonNullable<ContractInput<typeof listBranches>['query']>;

/** The form's filters as the contract's query: for the list and for “导出当前筛选”. */
export function toContactPointQuery(filters: Filters): Omit<PointQuery, 'page' | 'pageSize' | 'sort'> {
  const active = textFilter(filters, 'active');
  return {
    q: textFilter(filters, 'q'),
    kind: textFilter(filters, 'kind') as ContactPointFilter['kind'],
    relation: textFilter(filters, 'relation') as ContactPointFilter['relation'],
    active: active === 'true' || active === 'false' ? active : undefined,
    ...unitOf(filters),
  };
}

export function toBranchQuery(filters: Filters): Omit<BranchQuery, 'page' | 'pageSize' | 'sort'> {
  return {
    q: textFilter(filters, 'q'),
    kind: textFilter(filters, 'kind') as BranchFilter['kind'],
    status: textFilter(filters, 'status') as BranchFilter['status'],
    ...unitOf(filters),
  };
}

export const RELATION_COLORS: Record<string, string> = { 签约: 'red', 挂牌: 'orange', 日常联系: 'blue' };
