import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DictionaryType } from '../../../common/contracts/dictionaries';
import { NATIONAL_ALIASES } from './dictionaries.aliases';
import { dictionaryKey, dictionaryLookup, type DictEntry } from './dictionaries.match';
import { NATIONAL_TERMS } from './dictionaries.terms';

/** The national dictionary as the import sees it after seeding: every item with its aliases. */
function seeded(type: DictionaryType): DictEntry[] {
  const labels = NATIONAL_TERMS[type].flatMap((t) =>
    typeof t === 'string' ? [t] : [t.label, ...t.children],
  );
  return labels.map((label, i) => ({ id: i + 1, label, aliases: NATIONAL_ALIASES[type]?.[label] ?? [] }));
}

const TYPES = Object.keys(NATIONAL_TERMS) as DictionaryType[];
const SPACES = [' ', '\u3000', '\t', '\u00a0', '\u200b', '\ufeff', '  '];
// Compatibility forms that arrive in text copied from PDFs and Word: Kangxi radicals and CJK compatibility.
const LOOKALIKES: Record<string, string> = {
  大: '\u2f24',
  人: '\u2f08',
  工: '\u2f2f',
  子: '\u2f26',
  小: '\u2f29',
};

function toFullWidth(ch: string): string {
  const c = ch.charCodeAt(0);
  return c >= 0x21 && c <= 0x7e ? String.fromCharCode(c + 0xfee0) : ch;
}
function toHalfWidthChar(ch: string): string {
  const c = ch.charCodeAt(0);
  return c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch;
}

/** The same text as a roster might carry it: widths swapped, case changed, spaces and invisibles inserted. */
const noisy = (text: string) =>
  fc
    .array(fc.tuple(fc.nat(5), fc.constantFrom(...SPACES), fc.boolean()), {
      minLength: text.length + 1,
      maxLength: text.length + 1,
    })
    .map((noise) => {
      let out = noise[0][2] ? noise[0][1] : '';
      [...text].forEach((ch, i) => {
        const [how, space, pad] = noise[i + 1];
        let c = ch;
        if (how === 1) c = toFullWidth(ch);
        else if (how === 2) c = toHalfWidthChar(ch);
        else if (how === 3) c = ch.toUpperCase() === ch ? ch.toLowerCase() : ch.toUpperCase();
        else if (how === 4) c = LOOKALIKES[ch] ?? ch;
        out += c + (pad ? space : '');
      });
      return out;
    });

describe('dictionaryKey', () => {
  it('ignores width, spaces, invisibles, case and compatibility forms', () => {
    expect(dictionaryKey(' 中专（中职、技校） ')).toBe(dictionaryKey('中专(中职、技校)'));
    expect(dictionaryKey('大\u3000专')).toBe('大专');
    expect(dictionaryKey('\u2f24学本科')).toBe('大学本科');
    expect(dictionaryKey('ＭＣＮ\u200b主播')).toBe('mcn主播');
    expect(dictionaryKey('大专')).not.toBe(dictionaryKey('大学专科'));
  });

  it('is idempotent on any text', () => {
    const cjkNoise = fc.string({
      unit: fc.oneof(
        fc.constantFrom(
          ...SPACES,
          '（',
          '）',
          'Ａ',
          'ｂ',
          '\u2f24',
          '㈠',
          'ﬁ',
          'İ',
          'Σ',
          'Ⓐ',
          '㎒',
          '_x000D_',
        ),
        fc.string({ unit: 'binary', maxLength: 1 }),
      ),
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), cjkNoise), (s) => {
        const once = dictionaryKey(s);
        expect(dictionaryKey(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('national aliases', () => {
  it('name only existing labels and never repeat a label or another alias of the same dictionary', () => {
    for (const type of TYPES) {
      const items = seeded(type);
      const labels = new Set(items.map((i) => i.label));
      for (const label of Object.keys(NATIONAL_ALIASES[type] ?? {}))
        expect(labels, `${type}：${label}`).toContain(label);
      const keys = items.flatMap((i) => [i.label, ...i.aliases]).map(dictionaryKey);
      expect(new Set(keys).size, type).toBe(keys.length);
    }
  });

  it('cover the cases rosters write', () => {
    const hit = (type: DictionaryType, text: string) =>
      dictionaryLookup(seeded(type)).get(dictionaryKey(text));
    expect(hit('education', '本科')).toMatchObject({ label: '大学本科', viaAlias: true });
    expect(hit('education', '大专')).toMatchObject({ label: '大学专科', viaAlias: true });
    expect(hit('education', '研究生')?.label).toBe('硕士研究生');
    expect(hit('education', '博士')?.label).toBe('博士研究生');
    expect(hit('education', '职高')?.label).toBe('中专（中职、技校）');
    expect(hit('political_status', '团员')?.label).toBe('共青团员');
    expect(hit('political_status', '党员')?.label).toBe('中共党员');
    expect(hit('political_status', '预备党员')?.label).toBe('中共预备党员');
    expect(hit('political_status', '群众')).toMatchObject({ label: '群众', viaAlias: false });
    expect(hit('category', '外卖小哥')?.label).toBe('外卖骑手');
    expect(hit('category', '快递员')?.label).toBe('快递小哥');
    expect(hit('category', '网约车')?.label).toBe('网约车司机');
    const ethnicity = NATIONAL_TERMS.ethnicity as string[];
    expect(ethnicity).toHaveLength(56);
    for (const label of ethnicity) expect(hit('ethnicity', label.replace(/族$/, ''))?.label).toBe(label);
    expect(hit('ethnicity', '汉')?.label).toBe('汉族');
    expect(hit('ethnicity', '土')?.label).toBe('土族');
    expect(hit('ethnicity', '土家')?.label).toBe('土家族');
    expect(hit('education', '本科生')).toBeUndefined();
  });

  it('resolve any label or alias to its item through width and space noise', () => {
    const cases = TYPES.flatMap((type) =>
      seeded(type).flatMap((item) => [item.label, ...item.aliases].map((text) => ({ type, text, item }))),
    );
    const lookups = new Map(TYPES.map((type) => [type, dictionaryLookup(seeded(type))]));
    fc.assert(
      fc.property(
        fc.constantFrom(...cases).chain((c) => noisy(c.text).map((written) => ({ ...c, written }))),
        ({ type, item, written }) => {
          expect(lookups.get(type)!.get(dictionaryKey(written))).toMatchObject({
            id: item.id,
            label: item.label,
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('dictionaryLookup', () => {
  it('lets a label win over another item’s alias with the same key', () => {
    const map = dictionaryLookup([
      { id: 1, label: '大学本科', aliases: ['本科'] },
      { id: 2, label: '本科', aliases: [] },
    ]);
    expect(map.get('本科')).toEqual({ id: 2, label: '本科', viaAlias: false });
  });
});
