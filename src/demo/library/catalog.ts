/**
 * The library's holdings: textbooks and monographs in Kyrgyz, Russian and English on the
 * university's subjects (titles from the faculties' disciplines), with valid ISBN-13s where a
 * book has one, and 1–15 copies each spread over the reading rooms.
 */
import { iso } from '../calendar';
import { FACULTIES } from '../avn/catalog';
import { KYRGYZ_SURNAMES, RUSSIAN_SURNAMES, femaleSurname } from '../names';
import type { Rng } from '../random';
import type { LibraryTables } from './tables';

export interface Item {
  id: number;
  biblio: number;
  branch: string;
  /** Lent for a whole semester (textbooks) rather than for two weeks. */
  textbook: boolean;
  notForLoan: boolean;
  withdrawn: boolean;
  price: number;
  /** Relative demand 0.2–1. */
  popularity: number;
}

const ENGLISH_TITLES = [
  'Introduction to Algorithms', 'Principles of Economics', 'Calculus: Early Transcendentals', 'Organic Chemistry', 'Campbell Biology',
  'Theories of International Relations', 'English Grammar in Use', 'Physics for Scientists and Engineers', 'Database System Concepts',
  'Operating System Concepts', 'Computer Networking: A Top-Down Approach', 'Microeconomics', 'Macroeconomics', 'Principles of Marketing',
  'Financial Accounting', 'Constitutional Law', 'Psychology', 'Sociology', 'A History of the Modern World', 'Media Law and Ethics',
  'Discrete Mathematics and Its Applications', 'Linear Algebra and Its Applications', 'Molecular Biology of the Cell', 'Physical Chemistry',
  'Introduction to Electrodynamics', 'Introduction to Quantum Mechanics', 'Artificial Intelligence: A Modern Approach', 'Pattern Recognition and Machine Learning',
  'Management', 'Public Administration: An Introduction', 'Diplomacy: Theory and Practice', 'Introducing Translation Studies', 'Journalism Today',
  'Tourism Management', 'Ecology: Concepts and Applications', 'Genetics: From Genes to Genomes', 'Statistics for Business and Economics',
  'Introductory Econometrics', 'Corporate Finance', 'Auditing and Assurance Services', 'Central Asia in World History', 'The Silk Road: A New History',
];
const ENGLISH_AUTHORS = ['Smith', 'Johnson', 'Brown', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Taylor', 'Thomas', 'Moore', 'Martin', 'Lee', 'Clark', 'Lewis', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Green'];
const PUBLISHERS = {
  ky: ['Бишкек: КУУ', 'Бишкек: Билим', 'Бишкек: Кыргызстан', 'Бишкек: Турар', 'Бишкек: Мектеп', 'Бишкек: Бийиктик', 'Бишкек: Улуу Тоолор'],
  ru: ['М.: Юрайт', 'М.: Просвещение', 'СПб.: Питер', 'М.: Наука', 'М.: ИНФРА-М', 'Бишкек: КРСУ', 'Бишкек: Илим', 'М.: КноРус'],
  en: ['Pearson', 'Cambridge University Press', 'Oxford University Press', 'McGraw-Hill', 'Wiley', 'Springer', 'MIT Press', 'Routledge'],
} as const;
const KIND = {
  ky: [['', 0.3], [': окуу китеби', 0.3], [': окуу куралы', 0.25], [': практикум', 0.08], [': лекциялар курсу', 0.07]],
  ru: [['', 0.25], [': учебник', 0.3], [': учебное пособие', 0.3], [': практикум', 0.08], [': курс лекций', 0.07]],
} as const;
const UDC = ['51', '004', '33', '34', '811.512.154', '811.161.1', '811.111', '327', '1', '159.9', '316', '94(575.2)', '070', '53', '57', '54', '91'];

export function buildCatalog(rng: Rng, count: number, t: LibraryTables): Item[] {
  const items: Item[] = [];
  const subjects = FACULTIES.flatMap((f, fi) => f.disciplines.map(([ky, ru]) => ({ ky, ru, fi })));
  for (let id = 1; id <= count; id++) {
    const language = rng.weighted(['ky', 'ru', 'en'] as const, [35, 50, 15]);
    const subject = rng.pick(subjects);
    const year = Math.min(2026, Math.round(2026 - rng.exponential(9)));
    let title: string;
    let author: string;
    let subtitle: string | null = null;
    if (language === 'en') {
      title = rng.pick(ENGLISH_TITLES);
      const n = rng.int(2, 12);
      subtitle = rng.chance(0.6) ? `${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'} edition` : null;
      author = `${rng.pick(ENGLISH_AUTHORS)}, ${String.fromCharCode(65 + rng.int(0, 25))}.`;
    } else {
      const kind = rng.weighted(KIND[language].map((k) => k[0]), KIND[language].map((k) => k[1]));
      title = (language === 'ky' ? subject.ky : subject.ru) + kind;
      if (rng.chance(0.12)) title += language === 'ky' ? `. ${rng.int(1, 3)}-бөлүк` : `. Ч. ${rng.int(1, 3)}`;
      if (language === 'ru' && rng.chance(0.3)) subtitle = 'для студентов высших учебных заведений';
      if (language === 'ky' && rng.chance(0.3)) subtitle = 'жогорку окуу жайларынын студенттери үчүн';
      author = authors(rng, language);
    }
    const isbn = year >= 1995 && rng.chance(0.85) ? isbn13(rng, language) : null;
    t.biblio.push({
      biblionumber: id, author, title, subtitle, copyrightdate: year, isbn, publishercode: rng.pick(PUBLISHERS[language]), language,
    });
    const copies = rng.weightedPick([
      [1, 40],
      [rng.int(2, 3), 30],
      [rng.int(4, 8), 22],
      [rng.int(9, 15), 8],
    ] as const);
    const textbook = language !== 'en' && copies >= 3 && /учеб|окуу|практикум/.test(title);
    const branch = language === 'en' ? 'FL' : ['NAT', 'NAT', 'LAW', 'HUM', 'FL', 'FL', 'HUM', 'HUM', 'HUM', 'NAT', 'NAT', 'NAT', 'NAT'][subject.fi] ?? 'HUM';
    const popularity = rng.real(0.2, 1) * (textbook ? 1 : 0.6);
    const price = language === 'en' ? rng.int(20, 80) * 100 : language === 'ru' ? rng.int(8, 40) * 50 : rng.int(5, 16) * 50;
    for (let c = 0; c < copies; c++) {
      const itemId = items.length + 1;
      const reference = c === 0 && copies > 2 && rng.chance(0.5); // one copy stays in the reading room
      const item: Item = { id: itemId, biblio: id, branch: c === 0 || rng.chance(0.7) ? branch : 'MAIN', textbook, notForLoan: reference, withdrawn: rng.chance(0.01), price, popularity };
      items.push(item);
    }
  }
  return items;
}

/** Writes the items once circulation has decided which are lost and on loan. */
export function writeItems(items: Item[], lost: Set<number>, onLoanDue: Map<number, number>, t: LibraryTables): void {
  for (const item of items) {
    const due = onLoanDue.get(item.id);
    t.items.push({
      itemnumber: item.id,
      biblionumber: item.biblio,
      barcode: `1${String(item.id).padStart(7, '0')}`,
      homebranch: item.branch,
      itemcallnumber: `${UDC[item.biblio % UDC.length]} ${'АБВГДЕЖЗИКЛМНОПРСТУ'.charAt(item.biblio % 19)} ${(item.biblio % 97) + 1}`,
      itype: item.notForLoan ? 'REF' : item.textbook ? 'TXT' : 'BK',
      notforloan: item.notForLoan ? 1 : 0,
      itemlost: lost.has(item.id) ? 1 : 0,
      withdrawn: item.withdrawn ? 1 : 0,
      onloan: due === undefined ? null : iso(due),
      replacementprice: item.price,
    });
  }
}

function authors(rng: Rng, language: 'ky' | 'ru'): string {
  const one = () => {
    const male = rng.chance(0.55);
    const surname = rng.pick(language === 'ky' || rng.chance(0.3) ? KYRGYZ_SURNAMES : RUSSIAN_SURNAMES);
    const letters = 'АБВГДЕЖЗИКЛМНОПРСТУЧШЭ';
    return `${male ? surname : femaleSurname(surname)} ${letters.charAt(rng.int(0, letters.length - 1))}.${letters.charAt(rng.int(0, letters.length - 1))}.`;
  };
  return rng.chance(0.3) ? `${one()}, ${one()}` : one();
}

/** A valid ISBN-13 with the language's registration group (9967 Kyrgyzstan, 5 Russian, 0/1 English). */
function isbn13(rng: Rng, language: 'ky' | 'ru' | 'en'): string {
  const group = language === 'ky' ? '9789967' : language === 'ru' ? '9785' : rng.pick(['9780', '9781']);
  const body = group + rng.digits(12 - group.length);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}
