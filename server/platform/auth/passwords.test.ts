import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import {
  checkPasswordPolicy,
  generateInitialPassword,
  hashPassword,
  isCommonPassword,
  verifyPassword,
} from './passwords';
import { hasKeyboardWalk, hasSequence } from './password-strength';

const config = loadConfig({});

describe('password policy', () => {
  it('accepts a long password with three classes that is not common', () => {
    expect(checkPasswordPolicy('Qingnian#Jx2026', config, { username: 'jx_admin' })).toBeNull();
    expect(checkPasswordPolicy('hongyan-28-jinggang', config)).toBeNull();
  });

  it('refuses a short password, naming the minimum length', () => {
    expect(checkPasswordPolicy('Ab1#xyz', config)).toMatch(/至少需要 8 位/);
  });

  it('refuses too few character classes', () => {
    expect(checkPasswordPolicy('jinggangshan', config)).toMatch(/至少 3 类/);
    expect(checkPasswordPolicy('jinggang2026', config)).toMatch(/大写字母、小写字母、数字、符号/);
    expect(checkPasswordPolicy('jinggang2026', { ...config, passwordMinClasses: 2 })).toBeNull();
  });

  it('refuses a password containing the username, whatever the case', () => {
    expect(checkPasswordPolicy('NC_Operator#2026', config, { username: 'nc_operator' })).toBe(
      '密码不能包含用户名',
    );
  });

  it('refuses common passwords, compared in lower case', () => {
    for (const pw of [
      'P@ssw0rd',
      'Admin@123',
      'Aa123456',
      'qwe123!@#',
      'Woaini1314!',
      'Zhang123!',
      'Abc@123456',
    ]) {
      expect(checkPasswordPolicy(pw, config), pw).toMatch(/过于常见/);
    }
    expect(isCommonPassword('WOAINI1314')).toBe(true);
    expect(isCommonPassword('Qingnian#Jx2026')).toBe(false);
  });

  it('refuses keyboard walks and sequences that the class rule lets through, saying which', () => {
    expect(checkPasswordPolicy('Abcdefg1', config)).toMatch(/连续的字母或数字/);
    expect(checkPasswordPolicy('Hx#mnop5Lm!', config)).toMatch(/连续的字母或数字/);
    expect(checkPasswordPolicy('Qwer1234!', config)).toMatch(/键盘上相邻的按键/);
    expect(checkPasswordPolicy('1qaz@WSXmk', config)).toMatch(/键盘上相邻的按键/);
    expect(hasKeyboardWalk('!QAZ')).toBe(true);
    expect(hasSequence('xyz1')).toBe(false);
  });

  it("refuses the user's own name and unit, in characters or pinyin, and Chinese password words", () => {
    const who = {
      username: 'nc_worker1',
      displayName: '李晓梅',
      unitNames: ['南昌市', '共青团南昌市委员会'],
    };
    expect(checkPasswordPolicy('Lixiaomei#2026', config, who)).toMatch(/姓名或单位名称/);
    expect(checkPasswordPolicy('Xiaomei@Hz77', config, who)).toMatch(/姓名或单位名称/);
    expect(checkPasswordPolicy('Nanchang#2026x', config, who)).toMatch(/姓名或单位名称/);
    expect(checkPasswordPolicy('Tuanzhongyang#2026', config)).toMatch(/中文密码词/);
    expect(checkPasswordPolicy('Nc#Worker2026', config, who)).toBeNull();
  });

  it('honours a longer configured minimum', () => {
    expect(checkPasswordPolicy('Qingnian#Jx26', { ...config, passwordMinLength: 16 })).toMatch(/16 位/);
  });
});

describe('initial passwords', () => {
  it('are 14 random characters that satisfy the strictest policy', () => {
    const strict = { ...config, passwordMinClasses: 4 };
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const pw = generateInitialPassword();
      expect(pw).toHaveLength(14);
      expect(checkPasswordPolicy(pw, strict, { username: 'admin' })).toBeNull();
      seen.add(pw);
    }
    expect(seen.size).toBe(200);
    expect(generateInitialPassword({ ...config, passwordMinLength: 20 })).toHaveLength(20);
  });
});

describe('argon2id hashing', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('Qingnian#Jx2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'Qingnian#Jx2026')).toBe(true);
    expect(await verifyPassword(hash, 'qingnian#Jx2026')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
});
