import { describe, expect, it } from 'vitest';
import * as demoNames from '../../src/demo/names';
import { TRANSLIT_STYLES, transliterate, type TranslitStyle } from '../../src/demo/translit';
import { compareNames, comparePatronymics, fatherStem, nameKey, normalizeName, skeleton } from '../../src/hub/identity/name-normalizer';

const key = (surname: string, givenName: string, patronymic: string | null = null) => nameKey({ surname, givenName, patronymic });
const norm = (surname: string, givenName: string, patronymic: string | null = null) => normalizeName({ surname, givenName, patronymic });

describe('name normaliser: spellings of one name compare equal', () => {
  const groups: [string, string, string?][][] = [
    [['Жумабаев', 'Айбек', 'Бакытович'], ['Zhumabaev', 'Aibek'], ['Jumabaev', 'Aybek'], ['DZHUMABAEV', 'AIBEK'], ['Djumabaev', 'Aibek']],
    [['Өмүрбекова', 'Нургүл'], ['Omurbekova', 'Nurgul'], ['Ömürbekova', 'Nurgül'], ['Oemuerbekova', 'Nurguel']],
    [['Бакыт уулу', 'Нурлан'], ['Bakyt uulu', 'Nurlan'], ['Bakyt uluu', 'Nurlan'], ['Бакыт-уулу', 'Нурлан']],
    [['Токтогул кызы', 'Айжамал'], ['Toktogul kyzy', 'Aizhamal'], ['Toktogul kizi', 'Aijamal']],
    [['Асанова', 'Жаңыл'], ['Asanova', 'Zhangyl'], ['Asanova', 'Janyl'], ['Asanova', 'Jañyl'], ['Asanova', 'Jaňyl']],
    [['Ильясов', 'Данияр'], ['Ilyasov', 'Daniyar'], ['Iliasov', 'Daniiar'], ["Il'yasov", 'Daniar']],
    [['Хасанов', 'Артём'], ['Khasanov', 'Artyom'], ['Hasanov', 'Artem'], ['Хасанов', 'Артем']],
    [['Цой', 'Евгений'], ['Tsoy', 'Yevgeniy'], ['Tsoi', 'Evgenii'], ['Coi', 'Evgeny']],
    [['Мамбетова', 'Юлия'], ['Mambetova', 'Yuliya'], ['Mambetova', 'Iuliia']],
    [['Султанбеков', 'Эрлан'], ['Sultanbekov', 'Erlan'], ['Sultanbekov ', ' Erlan.']],
    [['Мухаммедов', 'Алексей'], ['Mukhammedov', 'Aleksey'], ['Muhamedov', 'Alexei']],
    [['Щербакова', 'Наталья'], ['Shcherbakova', 'Natalya'], ['Sherbakova', 'Natalia']],
    [['Абдыкадыров', 'Чыңгыз'], ['Abdykadyrov', 'Chyngyz'], ['Abdikadirov', 'Chingiz']],
  ];
  for (const group of groups) {
    it(`${group[0].join(' ')} ~ ${group.slice(1).map((n) => n.join(' ')).join(' ~ ')}`, () => {
      const keys = group.map(([s, g, p]) => key(s, g, p ?? null));
      expect(new Set(keys).size).toBe(1);
    });
  }

  it('is robust to swapped surname and given name', () => {
    expect(key('Aibek', 'Zhumabaev')).toBe(key('Жумабаев', 'Айбек'));
    expect(key('Nurlan', 'Bakyt uulu')).toBe(key('Бакыт уулу', 'Нурлан'));
  });

  it('leaves the patronymic out of the key but keeps it as evidence', () => {
    const withPatronymic = norm('Жумабаев', 'Айбек', 'Бакытович');
    const without = norm('Zhumabaev', 'Aibek');
    expect(withPatronymic.key).toBe(without.key);
    expect(withPatronymic.patronymic).toBe(skeleton('Bakyt'));
    expect(without.patronymic).toBeNull();
    expect(comparePatronymics(withPatronymic.patronymic, without.patronymic)).toBe('unknown');
    expect(comparePatronymics(norm('A', 'B', 'Бакытович').patronymic, norm('A', 'B', 'Bakytovich').patronymic)).toBe('same');
    expect(comparePatronymics(norm('A', 'B', 'Бакытович').patronymic, norm('A', 'B', 'Талантович').patronymic)).toBe('different');
  });

  it('reads a patronymic as the father\'s name, in the Russian or the Kyrgyz form', () => {
    const father = (p: string | null) => fatherStem(p);
    expect(new Set(['Бакытович', 'Бакытовна', 'Бакыт уулу', 'Бакыт кызы', 'Bakytovich', 'Bakyt uulu', 'Bakyt kyzy'].map(father)).size).toBe(1);
    expect(new Set(['Сергеевич', 'Sergeyevich', 'Сергеевна', 'Sergeevna'].map(father)).size).toBe(1);
    expect(new Set(['Юрьевич', 'Iurevich', 'Yuryevna'].map(father)).size).toBe(1);
    expect(father('Бакытович')).not.toBe(father('Канатович'));
    expect(father(null)).toBeNull();
  });

  it('lower-cases and strips punctuation', () => {
    expect(key('  ЖУМАБАЕВ,', 'айбек!')).toBe('aibek jumabaev');
  });
});

describe('name normaliser: different names stay different', () => {
  const different: [[string, string], [string, string]][] = [
    [['Жумабаев', 'Айбек'], ['Жумабаева', 'Айбек']], // brother and sister: gendered surname
    [['Асанов', 'Нурлан'], ['Асанов', 'Нурбек']],
    [['Бакыт уулу', 'Нурлан'], ['Бакыт кызы', 'Нурлан']],
    [['Бакыт уулу', 'Нурлан'], ['Бакытов', 'Нурлан']],
    [['Omurbekova', 'Nurgul'], ['Omurbekova', 'Nurzhan']],
    [['Токтогулов', 'Марат'], ['Токтосунов', 'Марат']],
    [['Ким', 'Анна'], ['Ким', 'Инна']],
  ];
  for (const [a, b] of different) {
    it(`${a.join(' ')} ≠ ${b.join(' ')}`, () => {
      expect(key(...a)).not.toBe(key(...b));
    });
  }

  it('grades how far two names are apart', () => {
    expect(compareNames(norm('Жумабаев', 'Айбек'), norm('Aibek', 'Jumabaev'))).toBe('exact');
    expect(compareNames(norm('Жумабаев', 'Айбек'), norm('Zhumabayev', 'Aibeck'))).toBe('exact');
    expect(compareNames(norm('Жумабаев', 'Айбек'), norm('Zhumabaev', 'Aibke'))).toBe('close'); // a typo
    expect(compareNames(norm('Осмонова', 'Айгерим', 'Маратовна'), norm('Садыкова', 'Айгерим', 'Маратовна'))).toBe('close'); // married
    expect(compareNames(norm('Осмонова', 'Айгерим'), norm('Садыкова', 'Айгерим'))).toBe('different'); // nothing says so
    expect(compareNames(norm('Жумабаев', 'Айбек'), norm('Токтосунов', 'Марат'))).toBe('different');
    expect(compareNames(norm('Ким', 'Анна'), norm('Ким', 'Инна'))).toBe('different'); // short tokens: no typo allowance
  });
});

describe('name normaliser against every spelling the demo generator makes', () => {
  // Each named transliteration style, each with any one letter done the other way (what
  // randomTranslitStyle draws from), over every name, surname and patronymic of the demo.
  const flips: Record<keyof TranslitStyle, string[]> = {
    zh: ['zh', 'j'], y: ['i', 'y'], ye: ['e', 'ye'], yo: ['e', 'yo'], oe: ['ö', 'o', 'oe'], ue: ['ü', 'u', 'ue'], ng: ['ng', 'n'],
    kh: ['kh', 'h'], shch: ['shch', 'sch'], yu: ['iu', 'yu'], ya: ['ia', 'ya'], iy: ['ii', 'iy', 'y'], ks: ['ks', 'x'], yi: ['y', 'i'],
  };
  const words = new Set<string>();
  for (const list of Object.values(demoNames)) {
    if (!Array.isArray(list)) continue;
    for (const item of list.flat()) if (typeof item === 'string' && /^[А-ЯЁӨҮҢ]/.test(item)) words.add(item);
  }
  for (const word of [...words]) if (/(ов|ев|ин)$/.test(word)) words.add(`${word}а`);

  it('folds each Latin spelling onto the Cyrillic original', () => {
    expect(words.size).toBeGreaterThan(200);
    const mismatches: string[] = [];
    for (const word of words) {
      const expected = key(word, 'X');
      for (const style of Object.values(TRANSLIT_STYLES)) {
        for (const [letter, options] of Object.entries(flips)) {
          for (const option of options) {
            const latin = transliterate(word, { ...style, [letter]: option } as TranslitStyle);
            if (key(latin, 'X') !== expected) mismatches.push(`${word} → ${latin}`);
          }
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('keeps the distinct demo names distinct', () => {
    const byKey = new Map<string, string[]>();
    for (const word of words) byKey.set(key(word, 'X'), [...(byKey.get(key(word, 'X')) ?? []), word]);
    expect([...byKey.values()].filter((group) => group.length > 1)).toEqual([]);
  });
});
