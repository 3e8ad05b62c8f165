import {
  EVENT_KINDS,
  EVENT_KIND_LABELS,
  type EventFilter,
  type listEvents,
} from '../../../../common/contracts/events';
import type { ContractInput } from '../../../../common/contract';
import { rangeFilter, textFilter, type Filters, type QueryField } from '../../components/ListPage';

export const EVENT_FIELDS: QueryField[] = [
  { type: 'input', name: 'q', label: '关键字', placeholder: '活动名称或地点' },
  {
    type: 'select',
    name: 'kind',
    label: '活动类型',
    options: EVENT_KINDS.map((k) => ({ label: EVENT_KIND_LABELS[k], value: k })),
  },
  { type: 'dateRange', name: 'date', label: '活动日期' },
  { type: 'unit', name: 'unitId', label: '组织单位', descendantsName: 'includeDescendants' },
];

type Query = NonNullable<ContractInput<typeof listEvents>['query']>;

/** The form's filters as the contract's query: for the list and for “导出当前筛选”. */
export function toEventQuery(filters: Filters): Omit<Query, 'page' | 'pageSize' | 'sort'> {
  const range = rangeFilter(filters, 'date');
  const unitId = Number(filters.unitId);
  return {
    q: textFilter(filters, 'q'),
    kind: textFilter(filters, 'kind') as EventFilter['kind'],
    dateFrom: range?.[0]?.format('YYYY-MM-DD'),
    dateTo: range?.[1]?.format('YYYY-MM-DD'),
    unitId: filters.unitId !== undefined && unitId > 0 ? unitId : undefined,
    includeDescendants:
      filters.includeDescendants === false || filters.includeDescendants === 'false' ? 'false' : 'true',
  };
}
