import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { mentors, users } from '../../db/schema';
import { createTestContext, type TestContext } from '../../test/harness';
import { seedDemo } from './demo.seed';

let t: TestContext;
const passwords = new Map<string, string>();
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

describe('seedDemo', () => {
  it('creates one account per role on the real unit tree, with random passwords, once', async () => {
    const { accounts } = await seedDemo(t.db, t.config);
    for (const a of accounts) passwords.set(a.username, a.password);
    expect(accounts.map((a) => a.role).sort()).toEqual(
      ['judge', 'leader', 'mentor', 'operator', 'operator', 'reviewer', 'unit_admin', 'unit_admin'].sort(),
    );
    expect(accounts.find((a) => a.username === 'jx_admin')).toMatchObject({
      unitName: '江西省',
      roleLabel: '单位管理员',
    });
    expect(accounts.find((a) => a.username === 'dh_operator')?.unitName).toBe('东湖区');
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);

    const rows = await t.db
      .select()
      .from(users)
      .where(
        inArray(
          users.username,
          accounts.map((a) => a.username),
        ),
      );
    expect(rows.every((r) => !r.mustChangePassword && !r.totpEnabled)).toBe(true);
    const mentorUser = rows.find((r) => r.role === 'mentor')!;
    const [mentor] = await t.db.select().from(mentors).where(eq(mentors.userId, mentorUser.id));
    expect(mentor).toMatchObject({ name: '南昌梦想导师', namePinyin: 'nanchangmengxiangdaoshi' });

    expect(await seedDemo(t.db, t.config)).toEqual({ accounts: [] });
  });

  it('demo accounts sign in; roles that require TOTP enrol first', async () => {
    const signIn = async (username: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: passwords.get(username) },
      });
      return res.json().stage as string;
    };
    expect(await signIn('nc_operator')).toBe('full');
    expect(await signIn('nc_reviewer')).toBe('totp_enroll');
  });
});
