/**
 * Personal names of the demo university: Kyrgyz and Russian given names and surnames, the Russian
 * patronymic (Бакытович/Бакытовна) and the Kyrgyz one ("Бакыт уулу"/"Бакыт кызы"), which is also
 * used as a surname in its own right ("Бакыт уулу Нурлан"). The transliterator lives in
 * translit.ts and is re-exported here, since names and their Latin spellings go together.
 */
import type { Rng } from './random';

export {
  transliterate,
  transliterateVariant,
  transliterationVariants,
  randomTranslitStyle,
  TRANSLIT_STYLES,
  PASSPORT_STYLE,
  ENGLISH_STYLE,
  DIACRITIC_STYLE,
  BGN_STYLE,
  PHONETIC_STYLE,
  type TranslitStyle,
  type TranslitStyleName,
} from './translit';

export type Sex = 'M' | 'J';

export const KYRGYZ_MALE = [
  'Айбек', 'Нурлан', 'Бакыт', 'Азамат', 'Эрлан', 'Улан', 'Талант', 'Марат', 'Канат', 'Бекзат', 'Эмир', 'Нурсултан',
  'Адилет', 'Жоомарт', 'Темирлан', 'Чыңгыз', 'Мирлан', 'Самат', 'Данияр', 'Эльдияр', 'Алмаз', 'Бектур', 'Нурбек',
  'Кубанычбек', 'Медер', 'Руслан', 'Тилек', 'Уланбек', 'Жыргалбек', 'Айдар', 'Эрмек', 'Ислам', 'Султан', 'Арстан',
  'Бакай', 'Асылбек', 'Жеңиш', 'Өмүрбек', 'Үсөн', 'Кутман', 'Нуржигит', 'Бекболот', 'Замир', 'Актан', 'Акылбек',
  'Урмат', 'Элдос', 'Ысмайыл', 'Нурислам', 'Бакытбек', 'Мирбек', 'Дастан', 'Санжар', 'Атай', 'Таалай', 'Эсен',
  'Жанболот', 'Калыс', 'Мыктыбек', 'Нурдин', 'Өмүр', 'Сыймык', 'Тынчтык', 'Үмөт', 'Эрбол', 'Байэл', 'Кайрат',
];
export const KYRGYZ_FEMALE = [
  'Айгерим', 'Айпери', 'Айжан', 'Бермет', 'Гүлзат', 'Жылдыз', 'Нургүл', 'Айнура', 'Чолпон', 'Асель', 'Бегимай', 'Мээрим',
  'Нуриза', 'Айдана', 'Жибек', 'Динара', 'Аида', 'Каныкей', 'Элиза', 'Назира', 'Гүлнара', 'Айзада', 'Акмөөр', 'Сезим',
  'Толгонай', 'Адинай', 'Айсулуу', 'Бүбүсара', 'Нурайым', 'Мирайым', 'Күмүшай', 'Үмүт', 'Эльнура', 'Асем', 'Салтанат',
  'Жазгүл', 'Айтурган', 'Айнагүл', 'Айзирек', 'Чынара', 'Алтынай', 'Бактыгүл', 'Жаңыл', 'Гүлмира', 'Нуржамал',
  'Саадат', 'Таттыгүл', 'Өмүркан', 'Шаирбү', 'Эльмира', 'Асылзат', 'Бурул', 'Канышай', 'Перизат',
];
export const RUSSIAN_MALE = [
  'Александр', 'Дмитрий', 'Максим', 'Сергей', 'Андрей', 'Алексей', 'Артём', 'Илья', 'Кирилл', 'Михаил', 'Никита',
  'Евгений', 'Владимир', 'Игорь', 'Юрий', 'Виктор', 'Роман', 'Павел', 'Олег', 'Денис', 'Антон', 'Вячеслав', 'Николай',
];
export const RUSSIAN_FEMALE = [
  'Анна', 'Мария', 'Елена', 'Ольга', 'Наталья', 'Екатерина', 'Татьяна', 'Юлия', 'Ксения', 'Анастасия', 'Дарья',
  'Виктория', 'Людмила', 'Светлана', 'Ирина', 'Алёна', 'Евгения', 'Полина', 'Валерия', 'Кристина', 'Яна',
];

/** Kyrgyz surnames in the male form (the female form adds -а). */
export const KYRGYZ_SURNAMES = [
  'Асанов', 'Жумабаев', 'Токтогулов', 'Исаков', 'Абдыкадыров', 'Мамбетов', 'Сатыбалдиев', 'Бейшеналиев', 'Кадыров',
  'Токтосунов', 'Осмонов', 'Жээнбеков', 'Алымкулов', 'Акматов', 'Эсенгулов', 'Сыдыков', 'Турдубаев', 'Бакиров',
  'Шамшиев', 'Маматов', 'Абдрахманов', 'Касымов', 'Курманалиев', 'Өмүрбеков', 'Үсөнов', 'Жолдошев', 'Сагынбаев',
  'Ырысбеков', 'Чотбаев', 'Мырзакматов', 'Темиров', 'Аманов', 'Байзаков', 'Бекназаров', 'Дүйшөнбеков', 'Иманалиев',
  'Калыков', 'Кененсариев', 'Мадыбаев', 'Нурматов', 'Орозбеков', 'Рысбеков', 'Садыков', 'Тологонов', 'Урманбетов',
  'Чынгышев', 'Шаршеев', 'Эшимов', 'Абдыраев', 'Аскаров', 'Борубаев', 'Дөөлөтбаков', 'Жусупов', 'Каримов', 'Кожомкулов',
  'Молдобаев', 'Намазбеков', 'Өскөнбаев', 'Сулайманов', 'Тентимишев', 'Үмөталиев', 'Ханкелдиев', 'Айтматов',
  'Сариев', 'Шабданов', 'Кулуев', 'Таштанбеков', 'Эркинбаев', 'Муратбеков', 'Алиев',
];
export const RUSSIAN_SURNAMES = [
  'Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов',
  'Белов', 'Никитин', 'Ким', 'Шевченко', 'Бондаренко', 'Григорьев', 'Захаров', 'Тихонов',
];

/** Fathers' names that form a Russian-style patronymic regularly (+ович/+овна). */
const KYRGYZ_FATHERS = [
  'Бакыт', 'Нурлан', 'Азамат', 'Талант', 'Марат', 'Канат', 'Асылбек', 'Таалайбек', 'Жоомарт', 'Кубанычбек', 'Айдар',
  'Эрмек', 'Алмаз', 'Мирлан', 'Нурбек', 'Сапар', 'Токтосун', 'Жаныбек', 'Орозбек', 'Мамат', 'Абдрахман', 'Эркин',
  'Самат', 'Улан', 'Болот', 'Жыргалбек', 'Мукаш', 'Турсун', 'Аскар', 'Калыс', 'Кадыр', 'Шайлообек', 'Осмон', 'Үсөн',
];
const RUSSIAN_FATHERS: Array<readonly [string, string, string]> = [
  ['Александр', 'Александрович', 'Александровна'],
  ['Сергей', 'Сергеевич', 'Сергеевна'],
  ['Владимир', 'Владимирович', 'Владимировна'],
  ['Николай', 'Николаевич', 'Николаевна'],
  ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
  ['Юрий', 'Юрьевич', 'Юрьевна'],
  ['Игорь', 'Игоревич', 'Игоревна'],
  ['Виктор', 'Викторович', 'Викторовна'],
  ['Андрей', 'Андреевич', 'Андреевна'],
  ['Михаил', 'Михайлович', 'Михайловна'],
  ['Олег', 'Олегович', 'Олеговна'],
  ['Анатолий', 'Анатольевич', 'Анатольевна'],
];

/**
 * Given names of twins whose names are near but belong to two people (issue 10.5): a brother and a
 * sister whose names differ by a gender ending only, and sisters whose given names are distinct
 * names one letter apart.
 */
export const TWIN_GENDER_NAMES: ReadonlyArray<readonly [male: string, female: string]> = [
  ['Нурлан', 'Нурлана'], ['Садыр', 'Садыра'], ['Руслан', 'Руслана'], ['Султан', 'Султана'], ['Замир', 'Замира'], ['Евгений', 'Евгения'],
];
export const TWIN_NEAR_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Асель', 'Айсель'], ['Асем', 'Асель'], ['Назира', 'Назима'], ['Эльмира', 'Эльвира'], ['Елена', 'Алёна'], ['Ирина', 'Арина'],
];
/** Twin brothers: one surname and father, another given name (Нурлан / Эрлан). */
export const TWIN_BROTHER_NAMES: ReadonlyArray<readonly [string, string]> = [
  ['Нурлан', 'Эрлан'], ['Азамат', 'Асылбек'], ['Айбек', 'Айдар'], ['Талант', 'Таалай'],
];

/** A patronymic in the other sex's form: Бакытович ↔ Бакытовна, Бакыт уулу ↔ Бакыт кызы. */
export function patronymicFor(otch: string | null, sex: Sex): string | null {
  if (!otch) return null;
  if (sex === 'J') return otch.replace(/(ов|ев)ич$/, '$1на').replace(/ уулу$/, ' кызы');
  return otch.replace(/(ов|ев)на$/, '$1ич').replace(/ кызы$/, ' уулу');
}

/** The female form of a surname: Асанов → Асанова, Новый → Новая, Ким → Ким. */
export function femaleSurname(male: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(male)) return male + 'а';
  if (/ий$/.test(male)) return male.slice(0, -2) + 'ая';
  return male;
}

/** Russian-style patronymic from a (Kyrgyz) father's name: Бакыт → Бакытович / Бакытовна. */
export function russianPatronymic(father: string, sex: Sex): string {
  const known = RUSSIAN_FATHERS.find((f) => f[0] === father);
  if (known) return sex === 'M' ? known[1] : known[2];
  return father + (sex === 'M' ? 'ович' : 'овна');
}

/** Kyrgyz patronymic: "Бакыт уулу" (son of Бакыт) / "Бакыт кызы" (daughter of Бакыт). */
export function kyrgyzPatronymic(father: string, sex: Sex): string {
  return `${father} ${sex === 'M' ? 'уулу' : 'кызы'}`;
}

export interface FullName {
  fam: string;
  imya: string;
  /** Patronymic, or null when the surname itself is the patronymic form ("Бакыт уулу"). */
  otch: string | null;
  ethnicity: 'ky' | 'ru';
}

/**
 * A realistic full name. Kyrgyz names come in three shapes: a Russian-style surname and
 * patronymic (Жумабаев Айбек Бакытович), a surname with a Kyrgyz patronymic (Жумабаев Айбек
 * Бакыт уулу), or the patronymic form as the surname and no patronymic (Бакыт уулу Нурлан).
 */
export function randomName(rng: Rng, sex: Sex, russianShare = 0.1): FullName {
  if (rng.chance(russianShare)) {
    const surname = rng.pick(RUSSIAN_SURNAMES);
    const father = rng.pick(RUSSIAN_FATHERS)[0];
    return {
      fam: sex === 'M' ? surname : femaleSurname(surname),
      imya: rng.pick(sex === 'M' ? RUSSIAN_MALE : RUSSIAN_FEMALE),
      otch: russianPatronymic(father, sex),
      ethnicity: 'ru',
    };
  }
  const imya = rng.pick(sex === 'M' ? KYRGYZ_MALE : KYRGYZ_FEMALE);
  const father = rng.pick(KYRGYZ_FATHERS);
  const shape = rng.weighted(['russian', 'kyrgyz', 'surnameless'] as const, [50, 32, 18]);
  const surname = rng.pick(KYRGYZ_SURNAMES);
  const fam = sex === 'M' ? surname : femaleSurname(surname);
  if (shape === 'russian') return { fam, imya, otch: russianPatronymic(father, sex), ethnicity: 'ky' };
  if (shape === 'kyrgyz') return { fam, imya, otch: kyrgyzPatronymic(father, sex), ethnicity: 'ky' };
  return { fam: kyrgyzPatronymic(father, sex), imya, otch: null, ethnicity: 'ky' };
}

/** "Фамилия Имя Отчество" as a person would write it on a form. */
export function fullNameText(name: { fam: string; imya: string; otch: string | null }): string {
  return [name.fam, name.imya, name.otch].filter(Boolean).join(' ');
}

/** Short form with initials: "Жумабаев А. Б." (authors, signatures). */
export function initialsName(fam: string, imya: string, otch: string | null): string {
  return `${fam} ${imya.charAt(0)}.${otch ? ` ${otch.charAt(0)}.` : ''}`;
}
