/**
 * Cyrillic (Kyrgyz and Russian) → Latin transliteration with the spelling variants that occur in
 * real records: the same person is "Zhumabaev Aibek" in a passport, "Jumabayev Aybek" on an
 * English form and "Ömürbekov"/"Omurbekov" depending on whether the typist had diacritics.
 *
 * A style is a set of choices, one per troublesome letter; the named styles are the spellings one
 * actually meets, and `randomTranslitStyle` varies one of them by a feature or two (a librarian who
 * writes "j" for ж but keeps "kh" for х). The identity matcher is tested against these variants,
 * so they must stay plausible: no random garbage, only choices a person would make.
 */
import type { Rng } from './random';

export interface TranslitStyle {
  /** ж */ zh: 'zh' | 'j';
  /** й */ y: 'i' | 'y';
  /** е at the start of a word or after a vowel */ ye: 'e' | 'ye';
  /** ё */ yo: 'e' | 'yo';
  /** ө */ oe: 'ö' | 'o' | 'oe';
  /** ү */ ue: 'ü' | 'u' | 'ue';
  /** ң (always "n" before г/к: Чыңгыз → Chyngyz) */ ng: 'ng' | 'n';
  /** х */ kh: 'kh' | 'h';
  /** щ */ shch: 'shch' | 'sch';
  /** ю */ yu: 'iu' | 'yu';
  /** я */ ya: 'ia' | 'ya';
  /** -ий at the end of a word (Дмитрий) */ iy: 'ii' | 'iy' | 'y';
  /** кс */ ks: 'ks' | 'x';
  /** ы */ yi: 'y' | 'i';
}

/** ICAO 9303 as printed in Kyrgyz passports: Zhumabaev Aibek, Iuliia. */
export const PASSPORT_STYLE: TranslitStyle = {
  zh: 'zh', y: 'i', ye: 'e', yo: 'e', oe: 'o', ue: 'u', ng: 'ng', kh: 'kh', shch: 'shch', yu: 'iu', ya: 'ia', iy: 'ii', ks: 'ks', yi: 'y',
};
/** Passport style written by someone who keeps the Kyrgyz letters: Ömürbekov, Tüleev. */
export const DIACRITIC_STYLE: TranslitStyle = { ...PASSPORT_STYLE, oe: 'ö', ue: 'ü' };
/** English-language habit: Jumabayev Aybek, Yuliya, Dmitriy. */
export const ENGLISH_STYLE: TranslitStyle = {
  zh: 'j', y: 'y', ye: 'ye', yo: 'yo', oe: 'o', ue: 'u', ng: 'ng', kh: 'h', shch: 'sch', yu: 'yu', ya: 'ya', iy: 'iy', ks: 'ks', yi: 'y',
};
/** Older Russian-school (BGN-like) spelling: Zhumabayev, Yelena, Khasanov. */
export const BGN_STYLE: TranslitStyle = {
  zh: 'zh', y: 'y', ye: 'ye', yo: 'yo', oe: 'o', ue: 'u', ng: 'ng', kh: 'kh', shch: 'shch', yu: 'yu', ya: 'ya', iy: 'iy', ks: 'ks', yi: 'y',
};
/** Phonetic spelling of a hurried typist: Jumabaev Aibek, Chingiz, Dmitry, Alexandr. */
export const PHONETIC_STYLE: TranslitStyle = {
  zh: 'j', y: 'i', ye: 'e', yo: 'e', oe: 'o', ue: 'u', ng: 'n', kh: 'h', shch: 'sch', yu: 'yu', ya: 'ya', iy: 'y', ks: 'x', yi: 'i',
};

export const TRANSLIT_STYLES = {
  passport: PASSPORT_STYLE,
  diacritic: DIACRITIC_STYLE,
  english: ENGLISH_STYLE,
  bgn: BGN_STYLE,
  phonetic: PHONETIC_STYLE,
} as const;
export type TranslitStyleName = keyof typeof TRANSLIT_STYLES;

const SIMPLE: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', з: 'z', и: 'i', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', ц: 'ts', ч: 'ch', ш: 'sh', ъ: '', ь: '', э: 'e',
};
const VOWELS = new Set('аеёиоуыэюяөү');
/** Particles of Kyrgyz patronymic names stay lower case: "Bakyt uulu". */
const PARTICLES = new Set(['uulu', 'kyzy', 'kizi', 'kyzi', 'uuly']);

/** Transliterates Cyrillic text (other characters pass through) and capitalises each word. */
export function transliterate(text: string, style: TranslitStyle = PASSPORT_STYLE): string {
  const lower = text.toLowerCase();
  let out = '';
  for (let i = 0; i < lower.length; i++) {
    const ch = lower[i];
    const prev = i > 0 ? lower[i - 1] : ' ';
    const next = i + 1 < lower.length ? lower[i + 1] : ' ';
    const wordStart = !/[а-яёөүң]/.test(prev);
    const wordEndAfterNext = i + 2 >= lower.length || !/[а-яёөүң]/.test(lower[i + 2]);
    switch (ch) {
      case 'ж': out += style.zh; break;
      case 'й': out += style.y; break;
      case 'е': out += wordStart || VOWELS.has(prev) || prev === 'ь' || prev === 'ъ' ? style.ye : 'e'; break;
      case 'ё': out += style.yo; break;
      case 'ө': out += style.oe; break;
      case 'ү': out += style.ue; break;
      case 'ң': out += next === 'г' || next === 'к' ? 'n' : style.ng; break;
      case 'х': out += style.kh; break;
      case 'щ': out += style.shch; break;
      case 'ю': out += style.yu; break;
      case 'я': out += style.ya; break;
      case 'ы':
        if (next === 'й' && wordEndAfterNext) { out += 'y'; i++; } else out += style.yi;
        break;
      case 'и':
        if (next === 'й' && wordEndAfterNext) { out += style.iy; i++; } else out += 'i';
        break;
      case 'к':
        if (next === 'с') { out += style.ks; i++; } else out += 'k';
        break;
      default:
        out += SIMPLE[ch] ?? ch;
    }
  }
  return capitalizeWords(out);
}

function capitalizeWords(text: string): string {
  return text.replace(/[^\s-]+/g, (word) => (PARTICLES.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)));
}

/** Every distinct spelling of `text` under the named styles (passport first). */
export function transliterationVariants(text: string): string[] {
  return [...new Set(Object.values(TRANSLIT_STYLES).map((style) => transliterate(text, style)))];
}

const STYLE_WEIGHTS: Array<readonly [TranslitStyle, number]> = [
  [PASSPORT_STYLE, 40],
  [ENGLISH_STYLE, 22],
  [BGN_STYLE, 14],
  [PHONETIC_STYLE, 14],
  [DIACRITIC_STYLE, 10],
];
const FLIPS: { [K in keyof TranslitStyle]: ReadonlyArray<TranslitStyle[K]> } = {
  zh: ['zh', 'j'], y: ['i', 'y'], ye: ['e', 'ye'], yo: ['e', 'yo'], oe: ['ö', 'o', 'oe'], ue: ['ü', 'u', 'ue'], ng: ['ng', 'n'],
  kh: ['kh', 'h'], shch: ['shch', 'sch'], yu: ['iu', 'yu'], ya: ['ia', 'ya'], iy: ['ii', 'iy', 'y'], ks: ['ks', 'x'], yi: ['y', 'i'],
};

/** A realistic style: one of the named ones, sometimes with one or two letters done differently. */
export function randomTranslitStyle(rng: Rng): TranslitStyle {
  const style: TranslitStyle = { ...rng.weightedPick(STYLE_WEIGHTS) };
  const flips = rng.chance(0.35) ? rng.int(1, 2) : 0;
  const keys = Object.keys(FLIPS) as Array<keyof TranslitStyle>;
  for (let i = 0; i < flips; i++) {
    const key = rng.pick(keys);
    (style as unknown as Record<string, string>)[key] = rng.pick(FLIPS[key] as readonly string[]);
  }
  return style;
}

/** One random plausible Latin spelling of `text`. */
export function transliterateVariant(text: string, rng: Rng): string {
  return transliterate(text, randomTranslitStyle(rng));
}
