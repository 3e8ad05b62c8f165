import { asc, eq } from 'drizzle-orm';
import type { Db } from '../server/db/client';
import {
  reportCollections,
  reportSubmissionEvents,
  reportSubmissions,
  units,
  users,
  youth,
  youthInteractions,
} from '../server/db/schema';
import { REPORT_FIGURES } from '../common/contracts/reports';
import { todayInChina } from '../common/validators';
import { USERS } from './fixtures';

/**
 * For e2e/reports.spec.ts: 南昌市's work this quarter (people and contacts, so the quarterly indicators
 * count something), and last quarter's report of the 71 重点联系城市 to the centre, closed, with the mix
 * a real quarter has — most on time, some late, a few returned or never sent (景德镇市 among them) —
 * so the lists, the drill-down and 报送统计 show what cadres will see.
 */
export const REPORT_FIXTURES = {
  people: [
    { name: '陈墨白', pinyin: 'chenmobai', initials: 'cmb', stage: 'key', occupation: '网络作家' },
    { name: '许听澜', pinyin: 'xutinglan', initials: 'xtl', stage: 'contact', occupation: '自媒体人' },
    { name: '杜青禾', pinyin: 'duqinghe', initials: 'dqh', stage: 'contact', occupation: '独立音乐人' },
  ],
} as const;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const addDays = (ymd: string, days: number) => {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const at = (ymd: string, hour = 10) => new Date(`${ymd}T${pad(hour)}:00:00+08:00`);

/** The quarter before today's, as the collection of last quarter names it. */
function lastQuarter(today: string) {
  const [y, m] = today.split('-').map(Number);
  const q = Math.ceil(m / 3) - 1;
  const year = q === 0 ? y - 1 : y;
  const quarter = q === 0 ? 4 : q;
  const first = (quarter - 1) * 3 + 1;
  const end = `${year}-${pad(first + 2)}-${pad(lastDay(year, first + 2))}`;
  return { year, quarter, start: `${year}-${pad(first)}-01`, end };
}

type Outcome = 'on_time' | 'late' | 'returned' | 'missing';
const OUTCOMES: Record<string, Outcome> = { '360100': 'on_time', '360200': 'missing' };

function outcomeOf(code: string, i: number): Outcome {
  if (OUTCOMES[code]) return OUTCOMES[code];
  if (i % 9 === 8) return 'missing';
  if (i % 13 === 5) return 'returned';
  if (i % 7 === 3) return 'late';
  return 'on_time';
}

async function seedPeople(db: Db, nanchangId: number, today: string) {
  for (const p of REPORT_FIXTURES.people) {
    const [row] = await db
      .insert(youth)
      .values({
        unitId: nanchangId,
        name: p.name,
        namePinyin: p.pinyin,
        nameInitials: p.initials,
        stage: p.stage,
        occupation: p.occupation,
      })
      .returning({ id: youth.id });
    await db.insert(youthInteractions).values({
      youthId: row.id,
      unitId: nanchangId,
      date: today,
      way: '走访',
      contactedBy: '南昌经办',
      summary: '了解近期创作情况和需求',
    });
  }
}

async function seedLastQuarter(db: Db, centreId: number, adminId: number | null, today: string) {
  const lq = lastQuarter(today);
  const deadline = addDays(lq.end, 15);
  const [c] = await db
    .insert(reportCollections)
    .values({
      unitId: centreId,
      form: 'quarterly',
      title: `${lq.year}年第${lq.quarter}季度工作进展`,
      year: lq.year,
      quarter: lq.quarter,
      periodStart: lq.start,
      periodEnd: lq.end,
      targetMode: 'key_cities',
      targetLevels: ['province', 'city'],
      deadline,
      instructions: '请各重点联系城市团委报送本季度联系服务新兴青年工作进展，重点反映典型做法和成效。',
      status: 'closed',
      closedAt: at(addDays(deadline, 16), 17),
      createdBy: adminId,
    })
    .returning({ id: reportCollections.id });
  const cities = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(eq(units.keyContactCity, true))
    .orderBy(asc(units.code));
  for (const [i, u] of cities.entries()) {
    const outcome = outcomeOf(u.code, i);
    const base = { collectionId: c.id, unitId: u.id, reviewerUnitId: centreId, deadline };
    if (outcome === 'missing') {
      await db.insert(reportSubmissions).values(base);
      continue;
    }
    const first = outcome === 'late' ? addDays(deadline, 2 + (i % 5)) : addDays(deadline, -1 - (i % 6));
    const reviewed = addDays(first, 2);
    const figures = REPORT_FIGURES.map((f, k) => {
      const n = ((i + 3) * (k + 5)) % 97;
      return { key: f.key, auto: n, value: n, explain: null };
    });
    const [s] = await db
      .insert(reportSubmissions)
      .values({
        ...base,
        status: outcome === 'returned' ? 'returned' : 'accepted',
        content: {
          progress: `${u.name}团委本季度走访联系新兴青年，组织青春沙龙和业务培训，完善重点培养对象名册。`,
          practices: '依托青年之家和文创园区联系点开展常态化联系服务。',
        },
        figures,
        figuresAt: at(first, 9),
        firstSubmittedAt: at(first),
        submittedAt: at(first),
        reviewedAt: at(reviewed, 15),
        reviewedBy: adminId,
        returnCount: outcome === 'returned' ? 1 : 0,
      })
      .returning({ id: reportSubmissions.id });
    await db.insert(reportSubmissionEvents).values([
      { submissionId: s.id, unitId: u.id, action: 'submitted', at: at(first) },
      outcome === 'returned'
        ? {
            submissionId: s.id,
            unitId: centreId,
            action: 'returned',
            comment: '指标与文字材料不一致，请核实后重新报送。',
            byUser: adminId,
            at: at(reviewed, 15),
          }
        : { submissionId: s.id, unitId: centreId, action: 'accepted', byUser: adminId, at: at(reviewed, 15) },
    ]);
  }
}

export async function seedReportFixtures(db: Db, centreId: number, nanchangId: number) {
  const today = todayInChina();
  const [admin] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, USERS.admin.username));
  await seedPeople(db, nanchangId, today);
  await seedLastQuarter(db, centreId, admin?.id ?? null, today);
}
