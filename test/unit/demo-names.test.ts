/**
 * The demo generator's spellings and its random numbers, without a database: the Latin variants it
 * writes into the library and the deterministic, forkable PRNG every table is drawn from. (The
 * seeded university itself: test/integration/demo.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/demo/random';
import { transliterate, transliterationVariants, transliterateVariant, ENGLISH_STYLE, PASSPORT_STYLE, DIACRITIC_STYLE } from '../../src/demo/names';

describe('names and transliteration', () => {
  it('spells one name the ways real records do', () => {
    expect(transliterate('Жумабаев Айбек', PASSPORT_STYLE)).toBe('Zhumabaev Aibek');
    expect(transliterate('Жумабаев Айбек', ENGLISH_STYLE)).toBe('Jumabayev Aybek');
    expect(transliterate('Өмүрбеков Чыңгыз', DIACRITIC_STYLE)).toBe('Ömürbekov Chyngyz');
    expect(transliterate('Бакыт уулу Нурлан', PASSPORT_STYLE)).toBe('Bakyt uulu Nurlan');
    expect(transliterate('Юлия Дмитриевна', PASSPORT_STYLE)).toBe('Iuliia Dmitrievna');
    expect(transliterate('Жеңиш', PASSPORT_STYLE)).toBe('Zhengish');
    const variants = transliterationVariants('Жумабаева Айжан');
    expect(variants).toEqual(expect.arrayContaining(['Zhumabaeva Aizhan', 'Jumabayeva Ayjan']));
    expect(new Set(variants).size).toBe(variants.length);
  });

  it('random variants stay plausible Latin spellings', () => {
    const rng = new Rng('translit-test');
    for (let i = 0; i < 200; i++) {
      const v = transliterateVariant('Өмүрбекова Нургүл Бакытовна', rng);
      expect(v).toMatch(/^[A-Za-zÖÜöü' -]+$/);
      expect(v.split(' ')).toHaveLength(3);
    }
  });

  it('the PRNG is deterministic and forks independently', () => {
    const a = new Rng('x');
    const b = new Rng('x');
    expect(Array.from({ length: 5 }, () => a.uint32())).toEqual(Array.from({ length: 5 }, () => b.uint32()));
    const parent = new Rng('p');
    const before = parent.fork('child').uint32();
    parent.uint32();
    expect(parent.fork('child').uint32()).toBe(before);
  });
});
