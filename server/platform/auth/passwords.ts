import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';
import type { Config } from '../../config';
import { hasKeyboardWalk, hasSequence, strengthProblem, type PasswordContext } from './password-strength';

/** argon2id (the library's default algorithm) at the OWASP-recommended floor: 19 MiB, 2 passes. */
const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verifies against a throwaway hash, so an unknown username costs as much time as a known one. */
export async function dummyVerify(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

let commonPasswords: Set<string> | undefined;

function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    const text = fs.readFileSync(path.join(import.meta.dirname, 'common-passwords.txt'), 'utf8');
    commonPasswords = new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !l.startsWith('#')),
    );
  }
  return commonPasswords;
}

export function isCommonPassword(password: string): boolean {
  return loadCommonPasswords().has(password.toLowerCase());
}

const CLASSES: [RegExp, string][] = [
  [/[A-Z]/, '大写字母'],
  [/[a-z]/, '小写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

export type PasswordPolicy = Pick<Config, 'passwordMinLength' | 'passwordMinClasses'>;

export function describePasswordPolicy(config: PasswordPolicy): string {
  return `至少 ${config.passwordMinLength} 位，包含大写字母、小写字母、数字、符号中的至少 ${config.passwordMinClasses} 类；不得包含用户名、姓名或单位名称（含拼音），不得使用键盘连续按键、连续字母数字或常见弱密码，不得与最近 5 次使用过的密码相同`;
}

/**
 * Returns why the password is refused, in Chinese, or null when it is acceptable. The context
 * (username, name, unit) feeds the strength estimate; reuse of old passwords is checked apart,
 * against their hashes (password-history.ts).
 */
export function checkPasswordPolicy(
  password: string,
  config: PasswordPolicy,
  opts: PasswordContext = {},
): string | null {
  if (password.length < config.passwordMinLength) return `密码至少需要 ${config.passwordMinLength} 位`;
  if (password.length > 128) return '密码不能超过 128 位';
  const classes = CLASSES.filter(([re]) => re.test(password)).length;
  if (classes < config.passwordMinClasses) {
    return `密码需包含大写字母、小写字母、数字、符号中的至少 ${config.passwordMinClasses} 类`;
  }
  const username = opts.username?.trim().toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) {
    return '密码不能包含用户名';
  }
  if (isCommonPassword(password)) return '该密码过于常见，容易被猜中，请换一个';
  return strengthProblem(password, opts);
}

/** Letters and digits that cannot be mistaken for one another when read aloud or copied by hand. */
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '#%+=@!?*';

const pick = (chars: string) => chars[crypto.randomInt(chars.length)];

/** A random password (14 characters, or the policy's minimum if longer) with all four classes. */
export function generateInitialPassword(config?: PasswordPolicy): string {
  // Chance alone sometimes lines up four keys (tyui) or letters (mnop) the policy refuses.
  for (;;) {
    const pw = randomPassword(config);
    if (!hasKeyboardWalk(pw) && !hasSequence(pw)) return pw;
  }
}

function randomPassword(config?: PasswordPolicy): string {
  const length = Math.max(14, config?.passwordMinLength ?? 0);
  const all = UPPER + LOWER + DIGITS + SYMBOLS;
  const chars = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(SYMBOLS)];
  while (chars.length < length) chars.push(pick(all));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
