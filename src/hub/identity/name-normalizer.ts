/**
 * Name normalisation for the identity registry.
 *
 * The same person is typed differently in each source: Cyrillic in AVN (Kyrgyz or Russian
 * spelling), a Latin transliteration in the library (one of several schemes: Zhumabaev, Jumabaev,
 * Dzhumabaev; Aibek, Aybek; Ömürbekova, Omurbekova, Oemuerbekova), sometimes without the
 * patronymic, sometimes with surname and given name swapped. Rather than guessing which scheme a
 * clerk used, every spelling is reduced to one coarse Latin *skeleton* in which the ambiguous
 * distinctions (zh/j/dj, kh/h, y/i, ya/ia/a, ts/c, ö/o/oe, double letters…) are folded away.
 * The fold is many-to-one on purpose and applied identically to both sides; the few different
 * names it makes collide are kept apart by the birth date (and the PIN, the student number).
 */

/** Cyrillic letters (Kyrgyz, Russian, and the few Kazakh/Uzbek/Tajik ones clerks paste in) to Latin. */
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', ң: 'n', о: 'o', ө: 'o', п: 'p', р: 'r', с: 's', т: 't',
  у: 'u', ү: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'yu', я: 'ya',
  ә: 'a', ғ: 'g', қ: 'k', ұ: 'u', һ: 'h', і: 'i', ў: 'u', ҳ: 'h', ҷ: 'j', ӣ: 'i', ӯ: 'u',
};

/** Latin letters with marks whose plain base letter would lose the distinction schemes make. */
const LATIN_SPECIAL: Record<string, string> = {
  ş: 'sh', ș: 'sh', š: 'sh', ç: 'ch', č: 'ch', ž: 'zh', ı: 'i', ğ: 'g', ə: 'a', ß: 'ss', œ: 'o', æ: 'a',
};

/**
 * Spelling folds, applied in order to each lower-case Latin token. Longer digraphs come first so
 * that "dzh" is not read as "d" + "zh".
 */
const FOLDS: [RegExp, string][] = [
  [/shch|sch/g, 'sh'],
  [/dzh|zh|dj/g, 'j'],
  [/kh/g, 'h'],
  [/ts|tz/g, 'c'],
  [/x/g, 'ks'],
  [/q/g, 'k'],
  [/w/g, 'v'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/gh/g, 'g'],
  [/ng/g, 'n'], // ң is written ng, ñ, ň or n (Чыңгыз: Chyngyz, Chingiz)
  [/yo/g, 'e'], // ё: Pyotr / Petr, Artyom / Artem
  [/y/g, 'i'], // ы, й and y are one letter in practice: Aibek / Aybek, Kyzy / Kizi
  [/(.)\1+/g, '$1'], // double letters: Mukhammed / Mukhamed, uulu / ulu, Iuliia / Iulia
  [/(?<=[a-z])i(?=[aeou])/g, ''], // inside a word ya/ia, yu/iu, ye/ie: Daniyar / Daniar, Aliyev / Aliev
  [/^i(?=e)/, ''], // initial е is ye or e (Yelena / Elena); initial я, ю keep it (Yana is not Anna)
  // German-style ö/ü, after the y-folds so that Kuluyev / Kuluev (у + е, not ü) fold alike.
  [/oe/g, 'o'],
  [/ue/g, 'u'],
  [/(.)\1+/g, '$1'],
];

/** Patronymic particles: "Бакыт уулу" (son of Bakyt), "Бакыт кызы" (daughter of Bakyt), and kin. */
const PARTICLES = new Map<string, string>([
  ['ulu', 'ulu'], ['uli', 'ulu'], ['ugli', 'ulu'], ['ogli', 'ulu'], ['oglu', 'ulu'],
  ['kizi', 'kizi'], ['kiz', 'kizi'],
]);

/** Lower-cases, transliterates Cyrillic and flattens Latin diacritics; keeps letters and spaces. */
export function toLatin(text: string): string {
  let out = '';
  for (const ch of text.toLowerCase()) {
    const mapped = CYRILLIC[ch] ?? LATIN_SPECIAL[ch];
    out += mapped ?? ch;
  }
  // ö → o, ü → u, ñ/ň → n…: strip the combining marks left by NFD.
  out = out.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  // Hyphens and other separators split words; apostrophes (Il'ya, g') and other marks vanish.
  return out
    .replace(/['’ʼ`´"«».,()]/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();
}

/**
 * Names repeat a lot (a few thousand distinct words over tens of thousands of records), so the
 * skeletons are memoised; the cache is simply dropped when it grows past a bound.
 */
const skeletonCache = new Map<string, string>();
const SKELETON_CACHE_LIMIT = 100_000;

/** One word's canonical skeleton. */
export function skeleton(word: string): string {
  const cached = skeletonCache.get(word);
  if (cached !== undefined) return cached;
  let s = toLatin(word).replace(/ /g, '');
  for (const [pattern, replacement] of FOLDS) s = s.replace(pattern, replacement);
  if (skeletonCache.size >= SKELETON_CACHE_LIMIT) skeletonCache.clear();
  skeletonCache.set(word, s);
  return s;
}

/**
 * The words of a name part as skeletons, with a patronymic particle glued to the word before it
 * ("bakit ulu" is one token): "Бакыт уулу" must stay one unit when the order of fields varies.
 */
export function nameTokens(part: string | null | undefined): readonly string[] {
  if (!part) return [];
  const cached = tokensCache.get(part);
  if (cached) return cached;
  const tokens = computeNameTokens(part);
  if (tokensCache.size >= SKELETON_CACHE_LIMIT) tokensCache.clear();
  tokensCache.set(part, tokens);
  return tokens;
}

const tokensCache = new Map<string, readonly string[]>();

function computeNameTokens(part: string): string[] {
  const words = toLatin(part).split(' ').filter(Boolean).map(skeleton).filter(Boolean);
  const tokens: string[] = [];
  for (const word of words) {
    const particle = PARTICLES.get(word);
    if (particle && tokens.length > 0) tokens[tokens.length - 1] += `_${particle}`;
    else tokens.push(word);
  }
  return tokens;
}

export interface NameParts {
  surname: string;
  givenName: string;
  patronymic?: string | null;
}

export interface NormalizedName {
  /** Sorted skeleton tokens of surname and given name: robust to swapped fields. */
  key: string;
  tokens: string[];
  /** The father's name from the patronymic (see fatherStem), or null where the source has none: optional extra evidence. */
  patronymic: string | null;
  /** The given name's tokens, or null where only the sorted key is known (a stored name key). */
  given: readonly string[] | null;
}

export function normalizeName(name: NameParts): NormalizedName {
  const given = nameTokens(name.givenName);
  const tokens = [...nameTokens(name.surname), ...given].sort();
  return { key: tokens.join(' '), tokens, patronymic: fatherStem(name.patronymic), given };
}

/**
 * A patronymic reduced to the father's name: Бакытович, Бакытовна, Бакыт уулу and Bakyt kyzy
 * all say "father Bakyt" (many Kyrgyz write either form), so they compare equal.
 */
export function fatherStem(patronymic: string | null | undefined): string | null {
  const tokens = nameTokens(patronymic);
  if (tokens.length === 0) return null;
  const joined = tokens.join(' ').replace(/_(ulu|kizi)$/, '');
  // Skeletons of -ович/-евич/-овна/-евна/-ич/-на (after the folds: ovich, evich, ovna, evna…).
  const stem = joined.replace(/(?:ov|ev|)(?:ich|na)$/, '');
  return stem.length >= 3 ? stem : joined;
}

/** The registry's name key of a name (what `person.name_key` stores). */
export function nameKey(name: NameParts): string {
  return normalizeName(name).key;
}

/** Rebuilds a NormalizedName from a stored key (the hub keeps keys, not names). */
export function fromNameKey(key: string): NormalizedName {
  const tokens = key.split(' ').filter(Boolean);
  return { key: tokens.join(' '), tokens, patronymic: null, given: null };
}

/**
 * How two patronymics relate: 'unknown' when either side has none (many systems omit it),
 * otherwise 'same' or 'different' (with one typo tolerated).
 */
export function comparePatronymics(a: string | null, b: string | null): 'same' | 'different' | 'unknown' {
  if (!a || !b) return 'unknown';
  if (a === b) return 'same';
  return tokenClose(a, b) ? 'same' : 'different';
}

export type NameAgreement = 'exact' | 'close' | 'different';

/**
 * Whether two names can belong to one person.
 * - exact: same surname/given-name tokens (in any order);
 * - close: the tokens pair up with at most a typo each, or one name has an extra token (a second
 *   surname), or only the surname differs while given name and patronymic agree (a married name);
 * - different: anything else. A PIN or student number pointing at a 'different' name is a conflict.
 */
export function compareNames(a: NormalizedName, b: NormalizedName): NameAgreement {
  if (a.key === b.key) return 'exact';
  if (a.tokens.length === 0 || b.tokens.length === 0) return 'different';
  const [shorter, longer] = a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
  // Greedy pairing is enough for two or three tokens: exact partners first, then close ones.
  const free = [...longer];
  const unmatched: string[] = [];
  for (const token of shorter) {
    const at = free.indexOf(token);
    if (at >= 0) free.splice(at, 1);
    else unmatched.push(token);
  }
  let allPaired = true;
  for (const token of unmatched) {
    const at = free.findIndex((other) => tokenClose(token, other));
    if (at >= 0) free.splice(at, 1);
    else allPaired = false;
  }
  if (allPaired && shorter.length >= 2) return 'close';
  // Married name: the given name matches and the patronymic agrees, only the surname changed.
  if (a.tokens.length === 2 && b.tokens.length === 2 && comparePatronymics(a.patronymic, b.patronymic) === 'same') {
    const shared = a.tokens.filter((t) => b.tokens.includes(t)).length;
    if (shared >= 1) return 'close';
  }
  return 'different';
}

/**
 * Whether two names that compare 'close' are nevertheless another person's: twins share a birth
 * date and often a surname and a father, and their names are near by construction. Two names are
 * distinct when
 * - a given name differs (a given-name token of one side, where the source says which field it
 *   typed, is missing from the other's tokens): after the spelling folds above, what is left of a
 *   difference in a given name is as likely another name (Асель / Айсель, Нурлан / Эрлан) as a
 *   typo, and only a PIN or a student number can tell;
 * - or any two differing tokens are the male and female form of one name (Асанов / Асанова,
 *   Нурлан / Нурлана, Вишневский / Вишневская, Евгений / Евгения).
 * A typo in the surname alone, a second surname or a married name (same given name and father)
 * stays 'close' and may still link on name and birth date.
 */
export function distinctNames(a: NormalizedName, b: NormalizedName): boolean {
  if (a.key === b.key) return false;
  if (a.given?.some((token) => !b.tokens.includes(token))) return true;
  if (b.given?.some((token) => !a.tokens.includes(token))) return true;
  return a.tokens.some((x) => !b.tokens.includes(x) && b.tokens.some((y) => !a.tokens.includes(y) && genderForms(x, y)));
}

/**
 * Whether two skeleton tokens are the male and female form of one name: the female form adds an
 * "a" (nurlan / nurlana, asanov / asanova, sadir / sadira) or ends in "a" where the male form ends
 * in another vowel (evgeni / evgena, vishnevski / vishnevska, novi / nova).
 */
export function genderForms(x: string, y: string): boolean {
  if (x === y) return false;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  if (long === `${short}a`) return short.length >= 3;
  return (
    x.length === y.length &&
    x.length >= 4 &&
    x.slice(0, -1) === y.slice(0, -1) &&
    x.endsWith('a') !== y.endsWith('a') &&
    /[aeiou]$/.test(x) &&
    /[aeiou]$/.test(y)
  );
}

/** One typo (edit distance 1) in a token, two in a long one; short tokens must match exactly. */
export function tokenClose(a: string, b: string): boolean {
  if (a === b) return true;
  const length = Math.min(a.length, b.length);
  if (length < 4) return false;
  const allowed = length >= 8 ? 2 : 1;
  if (Math.abs(a.length - b.length) > allowed) return false;
  return editDistance(a, b, allowed) <= allowed;
}

/** Levenshtein distance with transpositions counted as one edit, cut off above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev: number[] = new Array(cols).fill(0);
  let prev: number[] = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current: number[] = new Array(cols);
    current[0] = i;
    let rowMin = current[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j] + 1, current[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2] + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return rowMin;
    prevPrev = prev;
    prev = current;
  }
  return prev[cols - 1];
}
