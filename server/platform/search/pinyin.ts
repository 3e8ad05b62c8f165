import { pinyin } from 'pinyin-pro';

/**
 * Readings that place names keep and a general dictionary gets wrong (乐亭 is lào tíng, 歙县 shè
 * xiàn, 都 in place names is always dū). Applied per name, not through pinyin-pro's global
 * customPinyin, so people's names elsewhere in the app are not read as places.
 */
const PLACE_READINGS: Record<string, string> = {
  都: 'du',
  什: 'shi',
  大城: 'da cheng',
  乐亭: 'lao ting',
  蔚县: 'yu xian',
  洪洞: 'hong tong',
  六合: 'lu he',
  蚌山: 'beng shan',
  黄陂: 'huang pi',
  乐清: 'yue qing',
  民乐: 'min le',
  曾都: 'zeng du',
  浚县: 'xun xian',
  大埔: 'da bu',
  涡阳: 'guo yang',
  尉犁: 'yu li',
  筠连: 'jun lian',
  单县: 'shan xian',
  叶县: 'she xian',
  歙县: 'she xian',
  泌阳: 'bi yang',
};

/** Full pinyin without tones or spaces (ü as v, the way it is typed) and the initials: 南昌市 → nanchangshi, ncs. */
export function placePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true });
  const chars = [...name];
  if (syllables.length === chars.length) {
    for (const [word, reading] of Object.entries(PLACE_READINGS)) {
      const parts = reading.split(' ');
      for (let at = name.indexOf(word); at >= 0; at = name.indexOf(word, at + 1)) {
        const index = [...name.slice(0, at)].length;
        parts.forEach((p, i) => (syllables[index + i] = p));
      }
    }
  }
  return searchKeys(syllables);
}

/**
 * Names repeat (a roster of 100,000 people holds about 17,000 different names) and pinyin-pro takes
 * ~13 µs a name: the keys of names already seen are kept, and forgotten all at once past this many.
 */
const PERSON_CACHE_MAX = 20_000;
const personCache = new Map<string, { full: string; initials: string }>();

/** 张三 → zhangsan / zs, with surname readings (单 shan, 曾 zeng); Latin names keep their letters. */
export function personPinyin(name: string): { full: string; initials: string } {
  const known = personCache.get(name);
  if (known) return { ...known };
  const keys = personKeys(name);
  if (personCache.size >= PERSON_CACHE_MAX) personCache.clear();
  personCache.set(name, keys);
  return { ...keys };
}

function personKeys(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, {
    toneType: 'none',
    type: 'array',
    v: true,
    surname: 'head',
    nonZh: 'removed',
  });
  const keys = searchKeys(syllables);
  if (keys.full) return keys;
  return searchKeys(
    name
      .replace(/[^a-zA-Z\s]/g, ' ')
      .trim()
      .split(/\s+/),
  );
}

/** What the name_pinyin / name_initials columns hold: lowercase letters only, joined, and their first letters. */
function searchKeys(syllables: string[]): { full: string; initials: string } {
  const clean = syllables.map((s) => s.toLowerCase().replace(/[^a-z]/g, '')).filter(Boolean);
  return { full: clean.join(''), initials: clean.map((s) => s.charAt(0)).join('') };
}
