import type { z } from 'zod';
import { searchYouth, type YouthFilter } from '../common/contracts/youth';
import { todayInChina } from '../common/validators';
import type { Keys } from '../server/platform/crypto/keys';
import { idNumberToken, phoneToken } from '../server/modules/youth/youth.input';
import { COUNT_CAP } from '../server/modules/youth/youth-search.service';
import type { KnownPerson } from './youth-search.seed';

export type ScopeLevel = 'central' | 'province' | 'city';
export type SearchBody = z.output<NonNullable<(typeof searchYouth)['body']>>;

/** One search a cadre runs: the body the route would receive, and the same query written as plain SQL. */
export type SearchCase = {
  label: string;
  scope: ScopeLevel;
  body: SearchBody;
  /** Conditions after the scope; `$1` is the scope's path prefix, the rest number from `$2`. */
  where: string;
  params: unknown[];
};

export const PAGE_SIZE = 20;

/** The same birth-date bound as the service: the day the person turns `years`, in Beijing's calendar. */
function yearsBefore(today: string, years: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y - years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const body = (filter: Partial<YouthFilter>): SearchBody =>
  searchYouth.body!.parse({ ...filter, page: 1, pageSize: PAGE_SIZE });

export function searchCases(keys: Keys, known: KnownPerson, categoryId: number): SearchCase[] {
  const today = todayInChina();
  return [
    { label: 'central, first page', scope: 'central', body: body({}), where: 'true', params: [] },
    {
      label: 'province + stage key',
      scope: 'province',
      body: body({ stage: 'key' }),
      where: 'y.stage = $2',
      params: ['key'],
    },
    {
      label: "city + name '张'",
      scope: 'city',
      body: body({ q: '张' }),
      where: 'y.name like $2',
      params: ['张%'],
    },
    {
      label: "province + initials 'zs'",
      scope: 'province',
      body: body({ q: 'zs' }),
      where: '(y.name_pinyin like $2 or y.name_initials like $2)',
      params: ['zs%'],
    },
    {
      label: "central + pinyin 'zhangsan'",
      scope: 'central',
      body: body({ q: 'zhangsan' }),
      where: '(y.name_pinyin like $2 or y.name_initials like $3)',
      params: ['%zhangsan%', 'zhangsan%'],
    },
    {
      label: 'central + exact ID number',
      scope: 'central',
      body: body({ q: known.idNumber }),
      where: 'y.id_number_idx = $2',
      params: [idNumberToken(keys, known.idNumber).token],
    },
    {
      label: 'central + exact phone',
      scope: 'central',
      body: body({ q: known.phone }),
      where: 'y.phone_idx = $2',
      params: [phoneToken(keys, known.phone).token],
    },
    {
      label: 'province + age 18–25 + category',
      scope: 'province',
      body: body({ ageMin: 18, ageMax: 25, categoryId }),
      where: `y.category_id in (select dc.id from dict_items dc where dc.id = $2 or dc.parent_id = $2)
        and y.birth_date <= $3::date and y.birth_date > $4::date`,
      params: [categoryId, yearsBefore(today, 18), yearsBefore(today, 26)],
    },
    {
      label: 'city + not contacted 90 days',
      scope: 'city',
      body: body({ notContactedDays: 90 }),
      where: '(y.last_contact_at is null or y.last_contact_at < now() - make_interval(days => $2::int))',
      params: [90],
    },
  ];
}

const SCOPE = 'y.unit_id in (select su.id from units su where su.path like $1)';

/** The page, as the repository reads it: the same columns and joins, newest first. */
export const pageSql = (c: SearchCase) => `
  select y.id, y.unit_id as "unitId", u.name as "unitName", u.path as "unitPath", y.name, y.gender,
    y.birth_date::text as "birthDate", y.id_number_enc as "idNumberEnc", y.phone_enc as "phoneEnc",
    y.category_id as "categoryId", c.label as "categoryLabel", y.occupation, y.stage, y.tags,
    y.last_contact_at as "lastContactAt", y.version
  from youth y join units u on u.id = y.unit_id left join dict_items c on c.id = y.category_id
  where ${SCOPE} and ${c.where}
  order by y.id desc limit ${PAGE_SIZE} offset 0`;

/** The capped count (docs/decisions/0004). */
export const countSql = (c: SearchCase) => `
  select count(*)::int as n from (select 1 from youth y where ${SCOPE} and ${c.where} limit ${COUNT_CAP + 1}) s`;
