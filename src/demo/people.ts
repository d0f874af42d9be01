/**
 * Real people of the demo world, before any system records them. A Person is what the ground
 * truth is about: every student, employee, applicant, borrower or resident row is a view of one
 * Person, typed by that system in its own way. The factory keeps PINs unique and personal data
 * plausible (PIN encodes sex and birth date, +996 phones, ID/AN passports, Bishkek or regional
 * addresses).
 */
import { day, iso, parts, type Day } from './calendar';
import { randomName, transliterate, PASSPORT_STYLE, type Sex } from './names';
import type { Rng } from './random';

export interface Person {
  /** Ground-truth key: equal for all records of this person. */
  key: string;
  fam: string;
  imya: string;
  otch: string | null;
  pol: Sex;
  birth: Day;
  /** 14 digits; null for foreign citizens. */
  pin: string | null;
  citizenship: string;
  /** Nine digits after +996 (or a foreign number with its code). */
  phone: string;
  email: string | null;
  address: string;
  /** True for people whose home is outside Bishkek (the dormitory's main clientele). */
  fromRegion: boolean;
  passport: string | null;
  ethnicity: 'ky' | 'ru';
}

const OPERATOR_PREFIXES = ['555', '557', '559', '550', '551', '552', '700', '701', '702', '703', '705', '707', '709', '770', '771', '772', '775', '777', '779', '990', '995', '997', '999', '220', '222', '227'];

const BISHKEK_STREETS = [
  'ул. Токтогула', 'пр. Чуй', 'ул. Киевская', 'пр. Манаса', 'ул. Абдрахманова', 'ул. Фрунзе', 'ул. Ахунбаева',
  'ул. Московская', 'ул. Боконбаева', 'ул. Исанова', 'ул. Турусбекова', 'пр. Жибек Жолу', 'ул. Суеркулова', 'ул. Байтик Баатыра',
  'ул. Льва Толстого', 'ул. Ибраимова', 'ул. Панфилова', 'ул. Жукеева-Пудовкина', 'пр. Мира', 'ул. Горького',
];
const BISHKEK_MICRODISTRICTS = ['мкр. Джал-23', 'мкр. Асанбай', 'мкр. Аламедин-1', 'мкр. Восток-5', 'мкр. Тунгуч', 'мкр. Магистраль', 'мкр. Кок-Жар', 'мкр. Улан-2', 'ж/м Ак-Орго', 'ж/м Арча-Бешик', 'ж/м Ак-Босого', 'ж/м Кок-Жар'];
const REGIONS: Array<readonly [string, readonly string[]]> = [
  ['Ошская обл.', ['г. Ош', 'г. Узген', 'г. Кара-Суу', 'с. Гульча', 'с. Мырза-Аке', 'с. Ноокат']],
  ['Джалал-Абадская обл.', ['г. Джалал-Абад', 'г. Кара-Куль', 'г. Таш-Кумыр', 'с. Казарман', 'с. Базар-Коргон', 'с. Арстанбап']],
  ['Нарынская обл.', ['г. Нарын', 'с. Кочкор', 'с. Ат-Башы', 'с. Баетов', 'с. Чаек']],
  ['Иссык-Кульская обл.', ['г. Каракол', 'г. Балыкчы', 'г. Чолпон-Ата', 'с. Боконбаево', 'с. Кызыл-Суу', 'с. Тюп']],
  ['Таласская обл.', ['г. Талас', 'с. Кара-Буура', 'с. Покровка', 'с. Бакай-Ата']],
  ['Баткенская обл.', ['г. Баткен', 'г. Кызыл-Кия', 'г. Сулюкта', 'с. Лейлек', 'с. Кадамжай']],
  ['Чуйская обл.', ['г. Токмок', 'г. Кант', 'г. Кара-Балта', 'с. Беловодское', 'с. Сокулук', 'с. Лебединовка', 'с. Кемин']],
];
const REGION_STREETS = ['ул. Ленина', 'ул. Манаса', 'ул. Токтогула', 'ул. Жусупа Баласагына', 'ул. Айтматова', 'ул. Курманжан Датки', 'ул. Мира', 'ул. Садовая'];
const FOREIGN: Array<readonly [string, number, string, string]> = [
  // citizenship, weight, passport prefix, home
  ['KZ', 28, 'N', 'г. Алматы, Казахстан'],
  ['UZ', 26, 'AA', 'г. Ташкент, Узбекистан'],
  ['TJ', 18, '4', 'г. Душанбе, Таджикистан'],
  ['RU', 10, '75', 'г. Новосибирск, Россия'],
  ['TM', 6, 'A', 'г. Ашхабад, Туркменистан'],
  ['CN', 6, 'E', 'г. Урумчи, КНР'],
  ['TR', 3, 'U', 'г. Анкара, Турция'],
  ['AF', 3, 'P', 'г. Мазари-Шариф, Афганистан'],
];

export interface PersonOptions {
  sex?: Sex;
  birthFrom: Day;
  birthTo: Day;
  /** Foreign citizen: no PIN, no KG passport. */
  foreign?: boolean;
  /** Share of people living in Bishkek (the rest come from the regions). */
  bishkekShare?: number;
  /** Share of ethnic Russian names. */
  russianShare?: number;
  /** Probability that the person has an e-mail address on record. */
  emailShare?: number;
}

export class PersonFactory {
  private seq = 0;

  /**
   * @param prefix makes person keys unique across factories ("S0000123")
   * @param pins PINs already handed out (shared by all factories of one world)
   */
  constructor(
    private readonly rng: Rng,
    private readonly prefix = 'P',
    private readonly pins = new Set<string>(),
  ) {}

  /** A factory with its own random stream (so one module's draws never shift another's) and shared PINs. */
  fork(rng: Rng, prefix: string): PersonFactory {
    return new PersonFactory(rng, prefix, this.pins);
  }

  create(options: PersonOptions): Person {
    const rng = this.rng;
    const pol: Sex = options.sex ?? (rng.chance(0.56) ? 'J' : 'M');
    const name = randomName(rng, pol, options.russianShare ?? 0.1);
    const birth = rng.int(options.birthFrom, options.birthTo);
    const foreign = options.foreign ?? false;
    const citizenship = foreign ? rng.weightedPick(FOREIGN.map((f) => [f, f[1]] as const)) : null;
    const fromRegion = foreign ? true : !rng.chance(options.bishkekShare ?? 0.45);
    this.seq += 1;
    const person: Person = {
      key: `${this.prefix}${String(this.seq).padStart(7, '0')}`,
      ...name,
      pol,
      birth,
      pin: foreign ? null : this.pinFor(pol, birth),
      citizenship: citizenship ? citizenship[0] : 'KG',
      phone: foreign && rng.chance(0.3) ? `7${rng.digits(10)}` : `${rng.pick(OPERATOR_PREFIXES)}${rng.digits(6)}`,
      email: null,
      address: citizenship ? citizenship[3] : fromRegion ? this.regionAddress() : this.bishkekAddress(),
      fromRegion,
      passport: citizenship ? `${citizenship[2]}${rng.digits(citizenship[2].length > 1 ? 7 : 8)}` : `${rng.chance(0.7) ? 'ID' : 'AN'}${rng.digits(7)}`,
      ethnicity: name.ethnicity,
    };
    if (rng.chance(options.emailShare ?? 0.8)) person.email = this.personalEmail(person);
    return person;
  }

  /** A fresh PIN for this sex and birth date: 1 (female) / 2 (male), ddmmyyyy, 5 digits. */
  pinFor(sex: Sex, birth: Day): string {
    const p = parts(birth);
    const prefix = `${sex === 'J' ? 1 : 2}${String(p.day).padStart(2, '0')}${String(p.month).padStart(2, '0')}${p.year}`;
    for (;;) {
      const pin = prefix + this.rng.digits(5);
      if (!this.pins.has(pin)) {
        this.pins.add(pin);
        return pin;
      }
    }
  }

  /** A personal e-mail made from the name (public so a renamed person can get a matching one). */
  personalEmail(person: Pick<Person, 'fam' | 'imya' | 'birth'>): string {
    const first = latinLogin(person.imya);
    const last = latinLogin(person.fam);
    const year = String(parts(person.birth).year).slice(2);
    const local = this.rng.weighted([`${first}.${last}`, `${last}.${first}`, `${first}${year}`, `${first}_${last}${this.rng.int(1, 99)}`], [4, 2, 3, 2]);
    return `${local}@${this.rng.weighted(['gmail.com', 'mail.ru', 'inbox.ru', 'yandex.ru', 'outlook.com'], [60, 20, 5, 8, 7])}`;
  }

  private bishkekAddress(): string {
    const rng = this.rng;
    if (rng.chance(0.4)) return `г. Бишкек, ${rng.pick(BISHKEK_MICRODISTRICTS)}, д. ${rng.int(1, 60)}, кв. ${rng.int(1, 120)}`;
    return `г. Бишкек, ${rng.pick(BISHKEK_STREETS)}, д. ${rng.int(1, 250)}${rng.chance(0.6) ? `, кв. ${rng.int(1, 90)}` : ''}`;
  }

  private regionAddress(): string {
    const rng = this.rng;
    const [oblast, places] = rng.pick(REGIONS);
    return `${oblast}, ${rng.pick(places)}, ${rng.pick(REGION_STREETS)}, д. ${rng.int(1, 120)}`;
  }
}

/** Lower-case ASCII login part of a name (e-mails, usernames). */
export function latinLogin(text: string): string {
  return transliterate(text, PASSPORT_STYLE)
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** +996555123456 (AVN), 0555 12-34-56 (library), 0555123456 (dormitory). */
export function formatPhone(phone: string, style: 'intl' | 'local' | 'compact'): string {
  if (phone.length !== 9) return `+${phone}`;
  if (style === 'intl') return `+996${phone}`;
  if (style === 'compact') return `0${phone}`;
  return `0${phone.slice(0, 3)} ${phone.slice(3, 5)}-${phone.slice(5, 7)}-${phone.slice(7)}`;
}

/** True when `pin` is 14 digits whose sex digit and birth date are well formed. */
export function isValidPin(pin: string): boolean {
  if (!/^[12]\d{13}$/.test(pin)) return false;
  const dd = Number(pin.slice(1, 3));
  const mm = Number(pin.slice(3, 5));
  const yyyy = Number(pin.slice(5, 9));
  return iso(day(yyyy, mm, dd)) === `${yyyy}-${pin.slice(3, 5)}-${pin.slice(1, 3)}`;
}
