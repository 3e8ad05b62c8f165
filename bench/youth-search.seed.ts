import { pinyin } from 'pinyin-pro';
import { idCheckDigit } from '../common/validators/id-number';
import { encryptField } from '../server/platform/crypto/field-crypto';
import type { Keys } from '../server/platform/crypto/keys';
import { idNumberToken, phoneToken } from '../server/modules/youth/youth.input';
import { personPinyin } from '../server/platform/search/pinyin';
import { timed, type Raw } from './support';

/** Surnames with their share of the population in per mille (rounded; 欧阳 and 单 test the odd cases). */
// prettier-ignore
const SURNAMES: [string, number][] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 45], ['杨', 31], ['赵', 23], ['黄', 22], ['周', 19],
  ['吴', 20], ['徐', 15], ['孙', 14], ['胡', 13], ['朱', 13], ['高', 10], ['林', 10], ['何', 12], ['郭', 11],
  ['马', 13], ['罗', 9], ['梁', 8], ['宋', 6], ['郑', 8], ['谢', 6], ['韩', 5], ['唐', 6], ['冯', 5], ['于', 4],
  ['董', 4], ['萧', 1], ['程', 3], ['曹', 5], ['袁', 4], ['邓', 5], ['许', 5], ['傅', 2], ['沈', 2], ['曾', 4],
  ['彭', 5], ['吕', 3], ['苏', 3], ['卢', 2], ['蒋', 3], ['蔡', 3], ['贾', 2], ['丁', 3], ['魏', 3], ['薛', 1],
  ['叶', 3], ['阎', 1], ['余', 3], ['潘', 4], ['杜', 3], ['戴', 1], ['夏', 2], ['钟', 2], ['汪', 2], ['田', 4],
  ['任', 2], ['姜', 2], ['范', 2], ['方', 1], ['石', 2], ['姚', 2], ['谭', 2], ['廖', 2], ['邹', 1], ['熊', 1],
  ['金', 2], ['陆', 2], ['郝', 1], ['孔', 1], ['白', 1], ['崔', 2], ['康', 1], ['毛', 1], ['邱', 1], ['秦', 1],
  ['江', 1], ['史', 1], ['顾', 1], ['侯', 1], ['邵', 1], ['孟', 1], ['龙', 1], ['万', 1], ['段', 1], ['雷', 1],
  ['钱', 1], ['汤', 1], ['尹', 1], ['黎', 1], ['易', 1], ['常', 1], ['武', 1], ['乔', 1], ['贺', 1], ['赖', 1],
  ['龚', 1], ['文', 1], ['欧阳', 1], ['单', 1], ['覃', 1], ['韦', 1],
];

/** Characters of given names, none with a second common reading (so per-character pinyin is the name's). */
const GIVEN =
  '伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉萍红鹏辉建文晨宇浩然欣怡梓涵子轩博思雨佳琪雪婷一诺嘉俊晓天鑫龙飞帅阳凯峰成林斌波宁亮新海云瑶颖慧彤璐琳雯倩蕾薇月晴心悦安梦婕诗语晗铭泽昊睿哲楠旭东航健豪伦毅坤三珊山国庆春燕兰凤金宏志丹晶莹露彬帆锋振立森祥瑞卓恒远';

const ETHNICITIES = ['汉族', '壮族', '回族', '满族', '维吾尔族', '苗族', '彝族', '土家族', '藏族', '蒙古族'];
const POLITICAL = ['群众', '共青团员', '中共党员', '中共预备党员', '民主党派成员'];
const EDUCATION = ['高中', '中专', '大专', '本科', '硕士研究生', '博士研究生'];
const OCCUPATIONS = [
  '网络作家',
  '主播',
  '短视频创作者',
  '插画师',
  '独立音乐人',
  '演员',
  '摄影师',
  '社工',
  '编剧',
];

/** A PostgreSQL array literal of plain words (the bench's own constants: nothing to escape). */
function arrayLiteral(items: (string | number)[], type: 'text' | 'int'): string {
  for (const i of items) if (/[{},"'\\\s]/.test(String(i))) throw new Error(`unexpected array item ${i}`);
  return `'{${items.join(',')}}'::${type}[]`;
}

const givenPinyin = (ch: string) => pinyin(ch, { toneType: 'none', v: true }).replace(/[^a-z]/g, '');

/** A valid 18-digit ID number (GB 11643 check digit) for the n-th known person. */
export function benchIdNumber(n: number): string {
  const first17 = `440103${1990 + (n % 15)}0${1 + (n % 9)}1${n % 10}${String(100 + n).slice(-3)}`;
  return first17 + idCheckDigit(first17);
}
const benchPhone = (n: number) => `139${String(10_000_000 + n * 7919).slice(-8)}`;

export type KnownPerson = { id: number; name: string; idNumber: string; phone: string };

export type SeedReport = {
  insertMs: number;
  indexMs: number;
  analyzeMs: number;
  totalMs: number;
  known: KnownPerson[];
  pinyinMismatches: { sampled: number; mismatched: string[] };
};

/**
 * n people in one INSERT … SELECT per chunk over generate_series, secondary indexes dropped first and
 * rebuilt from their own definitions afterwards (the schema is the migrated one, byte for byte). Every
 * "random" choice is a hash of the row number, so two runs hold the same people.
 */
export async function seedYouth(
  raw: Raw,
  keys: Keys,
  n: number,
  log: (line: string) => void,
): Promise<SeedReport> {
  const started = performance.now();
  const one = async <T>(text: string) => (await raw.query<T>(text))[0];
  const counties = (
    await one<{ a: number[] }>(`select array_agg(id order by id) as a from units where level = 'county'`)
  ).a;
  const leafCategories = (
    await one<{ a: number[] }>(
      `select array_agg(id order by id) as a from dict_items where dict_type = 'category' and parent_id is not null`,
    )
  ).a;
  const sources = (
    await one<{ a: number[] }>(
      `select array_agg(id order by id) as a from dict_items where dict_type = 'source'`,
    )
  ).a;
  const needs = (
    await one<{ a: number[] }>(
      `select array_agg(id order by id) as a from dict_items where dict_type = 'need'`,
    )
  ).a;

  // Weighted surname choice in O(1): a per-mille bucket array of surname numbers (int[] subscripts are constant-time).
  const surnameBuckets: number[] = [];
  SURNAMES.forEach(([, w], i) => surnameBuckets.push(...Array<number>(w).fill(i + 1)));
  const surnamePy = SURNAMES.map(([s]) => personPinyin(s));
  const given = [...new Set(GIVEN)];
  const givenPy = given.map(givenPinyin);

  // Real ciphertexts (the presenter decrypts them to mask), reused across rows: the decrypt cost per row is real.
  const encIds = Array.from({ length: 64 }, (_, i) => encryptField(keys, benchIdNumber(1000 + i)));
  const encPhones = Array.from({ length: 64 }, (_, i) => encryptField(keys, benchPhone(1000 + i)));

  const h = (seed: number, mod: number) => `abs(hashint4extended(g, ${seed}) % ${mod})`;
  const pick = (arr: string, seed: number, len: number) => `(${arr})[1 + ${h(seed, len)}]`;
  const nGiven = given.length;
  const columns = `unit_id, name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_number_enc, id_number_idx,
    phone_enc, phone_idx, political_status, education, residence, category_id, occupation, source_id, needs, tags, stage,
    last_contact_at, created_at, updated_at`;
  const insert = (lo: number, hi: number) => `
    insert into youth (${columns})
    select unit_id, sn || g1 || g2, sp || p1 || p2, si || left(p1, 1) || left(p2, 1), gender, ethnicity, birth_date,
      id_enc, id_idx, ph_enc, ph_idx, political, education, residence, category_id, occupation, source_id, needs, tags,
      stage, last_contact_at, created_at, created_at
    from (
      select g,
        ${pick(arrayLiteral(counties, 'int'), 1, counties.length)} as unit_id,
        (${arrayLiteral(
          SURNAMES.map(([s]) => s),
          'text',
        )})[s] as sn,
        (${arrayLiteral(
          surnamePy.map((p) => p.full),
          'text',
        )})[s] as sp,
        (${arrayLiteral(
          surnamePy.map((p) => p.initials),
          'text',
        )})[s] as si,
        (${arrayLiteral(given, 'text')})[1 + ${h(3, nGiven)}] as g1,
        (${arrayLiteral(givenPy, 'text')})[1 + ${h(3, nGiven)}] as p1,
        case when ${h(4, 10)} < 3 then '' else (${arrayLiteral(given, 'text')})[1 + ${h(5, nGiven)}] end as g2,
        case when ${h(4, 10)} < 3 then '' else (${arrayLiteral(givenPy, 'text')})[1 + ${h(5, nGiven)}] end as p2,
        case when ${h(6, 2)} = 0 then 'male' else 'female' end as gender,
        case when ${h(7, 100)} < 91 then '汉族' else ${pick(arrayLiteral(ETHNICITIES, 'text'), 8, ETHNICITIES.length)} end as ethnicity,
        date '1985-01-01' + ${h(9, 8766)}::int as birth_date,
        case when ${h(10, 100)} < 85 then ${pick(arrayLiteral(encIds, 'text'), 11, 64)} end as id_enc,
        case when ${h(10, 100)} < 85 then rtrim(translate(encode(sha256(('id:' || g)::bytea), 'base64'), '+/', '-_'), '=') end as id_idx,
        case when ${h(12, 100)} < 75 then ${pick(arrayLiteral(encPhones, 'text'), 13, 64)} end as ph_enc,
        case when ${h(12, 100)} < 75
          then rtrim(translate(encode(sha256(('ph:' || (g - (${h(14, 20)} = 0)::int))::bytea), 'base64'), '+/', '-_'), '=') end as ph_idx,
        ${pick(arrayLiteral(POLITICAL, 'text'), 15, POLITICAL.length)} as political,
        ${pick(arrayLiteral(EDUCATION, 'text'), 16, EDUCATION.length)} as education,
        '现居本地' as residence,
        case when ${h(17, 100)} < 95 then ${pick(arrayLiteral(leafCategories, 'int'), 18, leafCategories.length)} end as category_id,
        ${pick(arrayLiteral(OCCUPATIONS, 'text'), 19, OCCUPATIONS.length)} as occupation,
        ${pick(arrayLiteral(sources, 'int'), 20, sources.length)} as source_id,
        case when ${h(21, 3)} = 0 then array[${pick(arrayLiteral(needs, 'int'), 22, needs.length)}] else '{}'::int[] end as needs,
        case when ${h(23, 50)} = 0 then '{返乡创业}'::text[] else '{}'::text[] end as tags,
        case when ${h(24, 10)} = 0 then 'key' else 'contact' end as stage,
        case when ${h(25, 10)} < 3 then null
          else now() - make_interval(days => ${h(26, 365)}::int, secs => ${h(27, 86400)}::int) end as last_contact_at,
        now() - make_interval(secs => (${n} - g) * 30) as created_at
      from (select g, 1 + ${h(2, surnameBuckets.length)} as b from generate_series(${lo}, ${hi}) g) gs
      cross join lateral (select (${arrayLiteral(surnameBuckets, 'int')})[b] as s) sb
    ) r`;

  const indexes = await raw.query<{ name: string; def: string }>(
    `select indexname as name, indexdef as def from pg_indexes
     where schemaname = 'public' and tablename = 'youth' and indexname <> 'youth_pkey'`,
  );
  for (const ix of indexes) await raw.exec(`drop index ${ix.name}`);

  const chunk = Math.max(1, Math.min(200_000, Math.ceil(n / 5)));
  const insertMs = (
    await timed(async () => {
      for (let lo = 1; lo <= n; lo += chunk) {
        const hi = Math.min(n, lo + chunk - 1);
        const t = await timed(() => raw.exec(insert(lo, hi)));
        log(`  rows ${lo.toLocaleString('en')}–${hi.toLocaleString('en')}: ${(t.ms / 1000).toFixed(1)} s`);
      }
    })
  ).ms;

  const indexMs = (
    await timed(async () => {
      await raw.exec(`set maintenance_work_mem = '256MB'`);
      for (const ix of indexes) {
        const t = await timed(() => raw.exec(ix.def));
        log(`  index ${ix.name}: ${(t.ms / 1000).toFixed(1)} s`);
      }
    })
  ).ms;

  // A few people whose real ID numbers and phones the bench searches for through the blind index.
  const known: KnownPerson[] = [];
  for (const [k, id] of [Math.ceil(n / 3), Math.ceil(n / 2), n].entries()) {
    const idNumber = benchIdNumber(k + 1);
    const phone = benchPhone(k + 1);
    const rows = await raw.query<{ name: string }>(
      `update youth set id_number_enc = $1, id_number_idx = $2, phone_enc = $3, phone_idx = $4 where id = $5 returning name`,
      [
        encryptField(keys, idNumber),
        idNumberToken(keys, idNumber).token,
        encryptField(keys, phone),
        phoneToken(keys, phone).token,
        id,
      ],
    );
    known.push({ id, name: rows[0].name, idNumber, phone });
  }

  const analyzeMs = (await timed(() => raw.exec('analyze'))).ms;

  const sample = await raw.query<{ name: string; py: string; ini: string }>(
    `select name, name_pinyin as py, name_initials as ini from youth where id % ${Math.max(1, Math.floor(n / 2000))} = 0`,
  );
  const mismatched = sample
    .filter((r) => {
      const p = personPinyin(r.name);
      return p.full !== r.py || p.initials !== r.ini;
    })
    .map(
      (r) =>
        `${r.name} ${r.py}/${r.ini} (app: ${personPinyin(r.name).full}/${personPinyin(r.name).initials})`,
    );

  return {
    insertMs,
    indexMs,
    analyzeMs,
    totalMs: performance.now() - started,
    known,
    pinyinMismatches: { sampled: sample.length, mismatched },
  };
}
