import { ZxcvbnFactory, type MatchExtended } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { personPinyin, placePinyin } from '../search/pinyin';
import { CHINESE_PASSWORD_WORDS } from './password-words';

/** zxcvbn's score 3: about 10⁸ guesses, out of reach of an online attacker held back by the lockout. */
export const MIN_STRENGTH_SCORE = 3;

/** Who the password is for: their own names are the first thing an attacker tries. */
export type PasswordContext = {
  username?: string;
  displayName?: string;
  /** The unit's name and its committee's full name: 南昌市, 共青团南昌市委员会. */
  unitNames?: string[];
};

let estimator: ZxcvbnFactory | undefined;

function getEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, chinese: [...CHINESE_PASSWORD_WORDS] },
    graphs: adjacencyGraphs,
    // Near-miss matching costs ~100 ms a check on this estimator's lists (a cheap way to load the
    // server); the keyboard and sequence rules below catch what it would have added.
    useLevenshteinDistance: false,
  });
  return estimator;
}

const PLACE_SUFFIX = /(特别行政区|自治区|自治州|自治县|地区|新区|省|市|区|县|旗|盟)$/;

/**
 * The user's names as they would type them. `whole`: the name and the unit in pinyin (lixiaomei,
 * nanchang) and in characters, refused anywhere in a password. `all` adds the username's parts and
 * initials (lxm, ncs), which only weigh in the estimate: short strings turn up in random passwords.
 */
export function personalWords(ctx: PasswordContext): { whole: string[]; all: string[] } {
  const whole = new Set<string>();
  const all = new Set<string>();
  const add = (w: string | undefined, strict = false) => {
    const clean = w?.trim().toLowerCase();
    if (!clean || clean.length < 2) return;
    all.add(clean);
    if (strict && (clean.length >= 4 || /[\u0080-\uffff]/.test(clean))) whole.add(clean);
  };
  add(ctx.username);
  for (const part of ctx.username?.split(/[^a-zA-Z0-9]+/) ?? []) add(part);
  if (ctx.displayName) {
    add(ctx.displayName, true);
    const { full, initials } = personPinyin(ctx.displayName);
    add(full, true);
    add(initials);
    const given = [...ctx.displayName].slice(1).join('');
    if (given) add(personPinyin(given).full, true);
  }
  for (const name of ctx.unitNames ?? []) {
    add(name, true);
    const bare = name
      .replace(/^共青团/, '')
      .replace(/委员会$/, '')
      .replace(PLACE_SUFFIX, '');
    for (const n of new Set([name, bare])) {
      const { full, initials } = placePinyin(n);
      add(full, true);
      add(initials);
    }
  }
  return { whole: [...whole], all: [...all] };
}

const KEYBOARD_LINES = [
  '`1234567890-=',
  'qwertyuiop[]\\',
  "asdfghjkl;'",
  'zxcvbnm,./',
  '1qaz',
  '2wsx',
  '3edc',
  '4rfv',
  '5tgb',
  '6yhn',
  '7ujm',
  '8ik,',
  '9ol.',
  '0p;/',
];
const SHIFTED = '~!@#$%^&*()_+';
const UNSHIFTED = '`1234567890-=';

function unshift(text: string): string {
  return [...text.toLowerCase()].map((c) => UNSHIFTED[SHIFTED.indexOf(c)] ?? c).join('');
}

/** Four keys in a row along a keyboard line or column, either way: qwer, 1qaz, !QAZ, ;lkj. */
export function hasKeyboardWalk(text: string): boolean {
  const t = unshift(text);
  for (let i = 0; i + 4 <= t.length; i++) {
    const run = t.slice(i, i + 4);
    const reversed = [...run].reverse().join('');
    if (KEYBOARD_LINES.some((line) => line.includes(run) || line.includes(reversed))) return true;
  }
  return false;
}

/** Four letters or digits in alphabetical or numeric order, either way: abcd, 1234, 9876, DCBA. */
export function hasSequence(text: string): boolean {
  const t = text.toLowerCase();
  let run = 1;
  let step = 0;
  for (let i = 1; i < t.length; i++) {
    const d = t.charCodeAt(i) - t.charCodeAt(i - 1);
    const sameKind = /[a-z]/.test(t[i]) === /[a-z]/.test(t[i - 1]) && /[a-z0-9]/.test(t[i]);
    if (sameKind && (d === 1 || d === -1) && (run === 1 || d === step)) {
      run++;
      step = d;
      if (run >= 4) return true;
    } else {
      run = 1;
      step = 0;
    }
  }
  return false;
}

const WHY = {
  personal: '密码包含您的用户名、姓名或单位名称（含拼音、首字母），容易被猜中',
  keyboard: '密码包含键盘上相邻的按键（如 qwer、1qaz），容易被猜中',
  sequence: '密码包含连续的字母或数字（如 abcd、1234），容易被猜中',
  repeat: '密码包含重复的字符或片段（如 aaaa、abcabc），容易被猜中',
  chinese: '密码包含常见的中文密码词或拼音（如 woaini、5201314、常见姓氏），容易被猜中',
  common: '该密码过于常见，容易被猜中，请换一个',
  date: '密码以日期或年份为主，容易被猜中',
  weak: '密码强度不足，容易被猜中：请加长，或用几个不相关的词组合',
} as const;

/** The weakest part of the estimate, named the way a user can fix it. */
function reasonFor(sequence: MatchExtended[]): string {
  const parts = sequence.filter((m) => m.pattern !== 'bruteforce');
  const has = (test: (m: MatchExtended) => boolean) => parts.some(test);
  if (has((m) => m.pattern === 'dictionary' && m.dictionaryName === 'userInputs')) return WHY.personal;
  if (has((m) => m.pattern === 'spatial' || hasKeyboardWalk(m.token))) return WHY.keyboard;
  if (has((m) => m.pattern === 'sequence' || hasSequence(m.token))) return WHY.sequence;
  if (has((m) => m.pattern === 'repeat')) return WHY.repeat;
  if (has((m) => m.pattern === 'dictionary' && m.dictionaryName === 'chinese')) return WHY.chinese;
  if (has((m) => m.pattern === 'dictionary')) return WHY.common;
  if (has((m) => m.pattern === 'date' || m.pattern === 'regex')) return WHY.date;
  return WHY.weak;
}

/**
 * Why the password is too easy to guess for this user, in Chinese, or null when it is strong
 * enough. A whole name (4+ letters: lixiaomei, nanchang) is refused outright, however much is
 * added to it; initials and short parts only weigh in the estimate.
 */
export function strengthProblem(password: string, ctx: PasswordContext = {}): string | null {
  const words = personalWords(ctx);
  const lower = password.toLowerCase();
  if (words.whole.some((w) => lower.includes(w))) return WHY.personal;
  if (hasKeyboardWalk(password)) return WHY.keyboard;
  if (hasSequence(password)) return WHY.sequence;
  const result = getEstimator().check(password, words.all);
  if (result.score >= MIN_STRENGTH_SCORE) return null;
  return reasonFor(result.sequence);
}
