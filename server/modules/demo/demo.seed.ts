import { inArray } from 'drizzle-orm';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import { mentors, units, users } from '../../db/schema';
import { personPinyin } from '../../platform/search/pinyin';
import { ROLES, type Role } from '../../../common/access';
import { recordAudit } from '../../platform/audit/audit';
import { generateInitialPassword, hashPassword } from '../../platform/auth/passwords';
import { seedReportDemo } from '../reports/report-demo';

export type DemoAccount = {
  username: string;
  password: string;
  role: Role;
  roleLabel: string;
  unitName: string;
};

/** Units of the demo: 江西省, its key contact city 南昌市 with two districts, and 九江市 with 共青城市. */
export const DEMO_UNIT_CODES = {
  jiangxi: '360000',
  nanchang: '360100',
  donghu: '360102',
  xihu: '360103',
  jiujiang: '360400',
  gongqingcheng: '360482',
} as const;

const DEMO_ACCOUNTS: {
  username: string;
  displayName: string;
  role: Role;
  unit: keyof typeof DEMO_UNIT_CODES;
}[] = [
  { username: 'jx_admin', displayName: '江西省团委管理员', role: 'unit_admin', unit: 'jiangxi' },
  { username: 'jx_leader', displayName: '江西省团委领导', role: 'leader', unit: 'jiangxi' },
  { username: 'nc_admin', displayName: '南昌市团委管理员', role: 'unit_admin', unit: 'nanchang' },
  { username: 'nc_reviewer', displayName: '南昌市团委审核员', role: 'reviewer', unit: 'nanchang' },
  { username: 'nc_operator', displayName: '南昌市团委经办人', role: 'operator', unit: 'nanchang' },
  { username: 'dh_operator', displayName: '东湖区团委经办人', role: 'operator', unit: 'donghu' },
  { username: 'nc_mentor', displayName: '南昌梦想导师', role: 'mentor', unit: 'nanchang' },
  { username: 'nc_judge', displayName: '南昌评审专家', role: 'judge', unit: 'nanchang' },
];

/**
 * Demo accounts, one per role, on the real unit tree. Passwords are random and returned once for
 * the CLI to print; there are no fixed demo passwords. Roles that require TOTP are created without
 * it, so their first sign-in walks through enrolment. Running it again creates nothing.
 */
export async function seedDemo(db: Db, _config: Config): Promise<{ accounts: DemoAccount[] }> {
  const usernames = DEMO_ACCOUNTS.map((a) => a.username);
  const existing = await db.select({ id: users.id }).from(users).where(inArray(users.username, usernames));
  if (existing.length) return { accounts: [] };

  const codes = Object.values(DEMO_UNIT_CODES);
  const rows = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(inArray(units.code, codes));
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const missing = codes.filter((c) => !byCode.has(c));
  if (missing.length) throw new Error(`组织树中缺少演示所需的单位：${missing.join('、')}，请先导入组织树`);

  const prepared = await Promise.all(
    DEMO_ACCOUNTS.map(async (a) => {
      const password = generateInitialPassword();
      return {
        ...a,
        password,
        passwordHash: await hashPassword(password),
        unitRow: byCode.get(DEMO_UNIT_CODES[a.unit])!,
      };
    }),
  );
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const userIds = new Map<string, number>();
    for (const a of prepared) {
      const [row] = await tx
        .insert(users)
        .values({
          username: a.username,
          displayName: a.displayName,
          role: a.role,
          unitId: a.unitRow.id,
          passwordHash: a.passwordHash,
          mustChangePassword: false,
        })
        .returning({ id: users.id });
      userIds.set(a.username, row.id);
      // The demo mentor is on the city's 梦想导师团, so signing in shows 我的结对 rather than “未关联”.
      if (a.role === 'mentor') {
        const { full, initials } = personPinyin(a.displayName);
        await tx.insert(mentors).values({
          unitId: a.unitRow.id,
          name: a.displayName,
          namePinyin: full,
          nameInitials: initials,
          source: '作协会员',
          specialty: '网络文学创作指导',
          employer: '南昌市作家协会',
          title: '副秘书长',
          maxMentees: 3,
          userId: row.id,
        });
      }
      await recordAudit(
        tx,
        {},
        {
          action: 'account.created',
          targetType: 'user',
          targetId: row.id,
          targetLabel: a.username,
          detail: { role: a.role, unitId: a.unitRow.id, demo: true },
        },
      );
    }
    await seedReportDemo(tx, {
      jiangxiId: byCode.get(DEMO_UNIT_CODES.jiangxi)!.id,
      nanchangId: byCode.get(DEMO_UNIT_CODES.nanchang)!.id,
      openedBy: userIds.get('jx_admin')!,
      draftedBy: userIds.get('nc_operator')!,
    });
  });
  return {
    accounts: prepared.map((a) => ({
      username: a.username,
      password: a.password,
      role: a.role,
      roleLabel: ROLES[a.role].label,
      unitName: a.unitRow.name,
    })),
  };
}
