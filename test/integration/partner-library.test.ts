/**
 * Issue 12, item 5 (questions partners could not ask), library: the debtors list filtered by the
 * debtor's student's status and faculty (found through the identity registry), a person's or
 * student's every library card, and the reader name search in any spelling — each checked
 * against SQL run here on the seeded library, AVN and hub databases, with the list's bounds, its
 * empty case and a dean's row rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { Role } from '../../src/auth/viewer';
import { searchSkeletons } from '../../src/hub/identity/identity.name-search';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

/** The library's clock at the hub's business instant, as SQL (naive Asia/Bishkek wall-clock time). */
const libraryNow = () => `(timestamptz '${t.hub.runtime.businessClock.now().instant.toISOString()}' at time zone 'Asia/Bishkek')`;

/** AVN students.status_id of each StudentStatus. */
const STATUS_ID: Record<string, number> = { STUDYING: 1, ACADEMIC_LEAVE: 2, EXPELLED: 3, GRADUATED: 4 };

interface Debtor {
  borrower: number;
  /** The latest AVN student linked to the card's person, with its status and faculty; null when none. */
  status: number | null;
  faculty: number | null;
}

/** Every debtor in list order (largest debt first, then borrower descending), with its student's status and faculty. */
async function debtors(): Promise<Debtor[]> {
  const rows = await t.rows<{ borrowernumber: number }>(
    'library',
    `select b.borrowernumber from borrowers b
       cross join lateral (select coalesce(sum(amountoutstanding), 0) as debt from accountlines a where a.borrowernumber = b.borrowernumber) d
       cross join lateral (select count(*)::int as n from issues i where i.borrowernumber = b.borrowernumber and i.date_due < ${libraryNow()}) o
      where d.debt > 0 or o.n > 0 order by d.debt desc, b.borrowernumber desc`,
  );
  const links = await t.rows<{ borrower: string; stud_id: number }>(
    'hub',
    `select b.local_key as borrower, max(s.local_key::int) as stud_id from identity_link b
       join identity_link s on s.person_id = b.person_id and s.source = 'avn.student'
      where b.source = 'library.borrower' group by b.local_key`,
  );
  const students = await t.rows<{ stud_id: number; status_id: number; fak_id: number }>(
    'avn',
    'select s.stud_id, s.status_id, sp.fak_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id',
  );
  const studentOf = new Map(links.map((l) => [Number(l.borrower), Number(l.stud_id)]));
  const byKey = new Map(students.map((s) => [s.stud_id, s]));
  return rows.map((r) => {
    const student = byKey.get(studentOf.get(r.borrowernumber) ?? -1);
    return { borrower: r.borrowernumber, status: student?.status_id ?? null, faculty: student?.fak_id ?? null };
  });
}

const DEBTORS_PAGED = `query($after: String, $where: LibraryDebtorWhere) {
  libraryDebtors(first: 7, after: $after, where: $where) { totalCount nodes { reader { id } } pageInfo { hasNextPage endCursor } } }`;
const DEBTORS_TOTAL = 'query($where: LibraryDebtorWhere) { libraryDebtors(first: 1, where: $where) { totalCount } }';

const ids = (list: Debtor[]) => list.map((d) => toGlobalId('LibraryReader', d.borrower));

async function listed(where: object, executor: Pick<TestHub, 'data'> = t): Promise<{ ids: string[]; total: number }> {
  const total = (await executor.data(DEBTORS_TOTAL, { where })).libraryDebtors.totalCount;
  const nodes = await allPages(executor as TestHub, DEBTORS_PAGED, { where }, (d) => d.libraryDebtors);
  return { ids: nodes.map((n: any) => n.reader.id), total };
}

/** The faculty with the most studying debtors. */
function busiestFaculty(all: Debtor[]): number {
  const counts = new Map<number, number>();
  for (const d of all) if (d.faculty != null && d.status === 1) counts.set(d.faculty, (counts.get(d.faculty) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

describe('libraryDebtors(where: { studentStatusIn, facultyId })', () => {
  it('lists, in order and over pages, exactly the debtors whose student has the status or faculty, as SQL does', async () => {
    const all = await debtors();
    expect(all.some((d) => d.status == null), 'debtors who are no student').toBe(true);
    const faculty = busiestFaculty(all);
    const facultyId = toGlobalId('Faculty', faculty);
    const cases: [object, (d: Debtor) => boolean][] = [
      [{ studentStatusIn: ['STUDYING'] }, (d) => d.status === STATUS_ID.STUDYING],
      [{ studentStatusIn: ['EXPELLED', 'GRADUATED'] }, (d) => d.status === STATUS_ID.EXPELLED || d.status === STATUS_ID.GRADUATED],
      [{ facultyId }, (d) => d.faculty === faculty],
      [{ facultyId, studentStatusIn: ['STUDYING'] }, (d) => d.faculty === faculty && d.status === STATUS_ID.STUDYING],
      [{ facultyId, studentStatusIn: ['STUDYING', 'ACADEMIC_LEAVE'], overdueOnly: true }, (d) => d.faculty === faculty && (d.status === 1 || d.status === 2)],
    ];
    for (const [where, keep] of cases) {
      let expected = all.filter(keep);
      if ('overdueOnly' in where) {
        const overdue = new Set((await t.rows<{ b: number }>('library', `select distinct borrowernumber as b from issues where date_due < ${libraryNow()}`)).map((r) => r.b));
        expected = expected.filter((d) => overdue.has(d.borrower));
      }
      const label = JSON.stringify(where);
      expect(expected.length, label).toBeGreaterThan(0);
      const got = await listed(where);
      expect(got.total, label).toBe(expected.length);
      expect(got.ids, label).toEqual(ids(expected));
    }
  });

  it('costs one statement per source, whatever the number of debtors', async () => {
    await t.data(`{ libraryDebtors(first: 50, where: { studentStatusIn: [STUDYING] }) { totalCount nodes { debt } } }`);
    expect(t.stats()).toMatchObject({ avn: 1, hub: 1 });
    expect(t.stats().library).toBeLessThanOrEqual(2);
  });

  it('matches no debtor for an empty list, and refuses more values than StudentStatus has, before any SQL', async () => {
    expect((await t.data(DEBTORS_TOTAL, { where: { studentStatusIn: [] } })).libraryDebtors.totalCount).toBe(0);
    const response = await t.execute(DEBTORS_TOTAL, { where: { studentStatusIn: ['STUDYING', 'EXPELLED', 'GRADUATED', 'ACADEMIC_LEAVE', 'STUDYING'] } });
    expect(response.data?.libraryDebtors ?? null).toBeNull();
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', field: 'where.studentStatusIn', maxItems: 4 });
    expect(t.stats().library).toBe(0);
  });

  it('refuses an ID of another type', async () => {
    const response = await t.execute(DEBTORS_TOTAL, { where: { facultyId: toGlobalId('Group', 1) } });
    expect(response.data?.libraryDebtors ?? null).toBeNull();
    expect(response.errors?.[0].extensions?.code).toBe('INVALID_ID');
  });

  it('gives a dean only its own faculty\'s students\' cards among the filtered debtors', async () => {
    const all = await debtors();
    const faculty = busiestFaculty(all);
    // The dean's row rule: cards linked to a person with any AVN student record of the faculty.
    const cards = new Set(
      (await t.rows<{ b: string }>(
        'hub',
        `select distinct b.local_key as b from identity_link b join identity_link s on s.person_id = b.person_id and s.source = 'avn.student'
          where b.source = 'library.borrower' and s.local_key = any($1::text[])`,
        [(await t.rows<{ k: string }>('avn', 'select s.stud_id::text as k from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id where sp.fak_id = $1', [faculty])).map((r) => r.k)],
      )).map((r) => Number(r.b)),
    );
    const dean = await t.as({ role: Role.DEAN, facultyKey: faculty });
    const expected = all.filter((d) => d.status === STATUS_ID.STUDYING && cards.has(d.borrower));
    expect(expected.length).toBeGreaterThan(0);
    const got = await listed({ studentStatusIn: ['STUDYING'] }, dean);
    expect(got.total).toBe(expected.length);
    expect(got.ids).toEqual(ids(expected));
  });
});

describe('Person.libraryReaders and Student.libraryReaders', () => {
  it('list every card linked to the person, the one valid longest first, as SQL does', async () => {
    const links = await t.rows<{ person_id: string; borrowers: string[]; stud_id: number | null }>(
      'hub',
      `select b.person_id::text, array_agg(b.local_key order by b.local_key) as borrowers,
              (select max(s.local_key::int) from identity_link s where s.person_id = b.person_id and s.source = 'avn.student') as stud_id
         from identity_link b where b.source = 'library.borrower' group by b.person_id having count(*) > 1 order by b.person_id`,
    );
    const twoCards = links.find((l) => l.stud_id != null);
    expect(twoCards, 'a student with two library cards').toBeDefined();
    const cards = await t.rows<{ borrowernumber: number }>(
      'library',
      'select borrowernumber from borrowers where borrowernumber = any($1::int[]) order by dateexpiry desc, borrowernumber',
      [twoCards!.borrowers.map(Number)],
    );
    expect(cards.length).toBeGreaterThan(1);
    const expected = cards.map((c) => ({ id: toGlobalId('LibraryReader', c.borrowernumber) }));
    const data = await t.data('query($p: ID!, $s: ID!) { person: node(id: $p) { ... on Person { libraryReaders { id } libraryReader { id } } } student: node(id: $s) { ... on Student { libraryReaders { id } } } }', {
      p: toGlobalId('Person', twoCards!.person_id),
      s: toGlobalId('Student', twoCards!.stud_id!),
    });
    expect(data.person.libraryReaders).toEqual(expected);
    expect(data.person.libraryReader).toEqual(expected[0]);
    expect(data.student.libraryReaders).toEqual(expected);

    const none = await t.rows<{ stud_id: number }>(
      'hub',
      `select s.local_key::int as stud_id from identity_link s where s.source = 'avn.student'
          and not exists (select 1 from identity_link b where b.person_id = s.person_id and b.source = 'library.borrower') order by 1 limit 1`,
    );
    expect((await t.data('query($s: ID!) { node(id: $s) { ... on Student { libraryReaders { id } } } }', { s: toGlobalId('Student', none[0].stud_id) })).node.libraryReaders).toEqual([]);
  });
});

describe('libraryReaders(where: { nameInAnySpelling })', () => {
  const READERS = 'query($after: String, $where: LibraryReaderWhere) { libraryReaders(first: 50, after: $after, where: $where) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } }';

  /** Readers matching as typed (ILIKE, every word in a name) or through their person's registry name key. */
  async function expectedReaders(text: string): Promise<string[]> {
    const words = text.trim().split(/\s+/);
    const typed = await t.rows<{ b: number }>(
      'library',
      `select borrowernumber as b from borrowers
        where ${words.map((_, i) => `(surname ilike $${i + 1} or firstname ilike $${i + 1} or othernames ilike $${i + 1})`).join(' and ')}`,
      words.map((w) => `%${w}%`),
    );
    const skeletons = searchSkeletons(text);
    const linked = await t.rows<{ b: string }>(
      'hub',
      `select distinct l.local_key as b from identity_link l join person p on p.id = l.person_id
        where l.source = 'library.borrower' and ${skeletons.map((_, i) => `position($${i + 1} in p.name_key) > 0`).join(' and ')}`,
      skeletons,
    );
    return [...new Set([...typed.map((r) => r.b), ...linked.map((r) => Number(r.b))])].map((b) => toGlobalId('LibraryReader', b)).sort();
  }

  async function found(text: string): Promise<string[]> {
    const nodes = await allPages(t, READERS, { where: { nameInAnySpelling: text } }, (d) => d.libraryReaders);
    return nodes.map((n: any) => n.id).sort();
  }

  it('finds a card typed in Latin when searched with the AVN Cyrillic name, and the card\'s own spelling too, as SQL does', async () => {
    const pairs = await t.rows<{ borrower: string; stud_id: string }>(
      'hub',
      `select b.local_key as borrower, s.local_key as stud_id from identity_link b
         join identity_link s on s.person_id = b.person_id and s.source = 'avn.student'
        where b.source = 'library.borrower' order by b.local_key::int limit 200`,
    );
    const students = await t.rows<{ stud_id: number; fam: string; imya: string }>(
      'avn', 'select stud_id, fam, imya from students where stud_id = any($1::int[])', [pairs.map((p) => Number(p.stud_id))],
    );
    const borrowers = await t.rows<{ borrowernumber: number; surname: string; firstname: string }>(
      'library', 'select borrowernumber, surname, firstname from borrowers where borrowernumber = any($1::int[])', [pairs.map((p) => Number(p.borrower))],
    );
    const studentBy = new Map(students.map((s) => [s.stud_id, s]));
    const borrowerBy = new Map(borrowers.map((b) => [b.borrowernumber, b]));
    const pair = pairs
      .map((p) => ({ student: studentBy.get(Number(p.stud_id)), borrower: borrowerBy.get(Number(p.borrower)) }))
      .find((p) => p.student && p.borrower && /[а-яөүң]/i.test(p.student.fam) && /^[a-z' -]+$/i.test(p.borrower.surname));
    expect(pair, 'a Latin-typed card linked to a Cyrillic AVN student').toBeDefined();
    const cyrillic = `${pair!.student!.fam} ${pair!.student!.imya}`;
    const latin = `${pair!.borrower!.surname} ${pair!.borrower!.firstname}`;
    const readerId = toGlobalId('LibraryReader', pair!.borrower!.borrowernumber);

    // The library's own search cannot find it; the any-spelling search does.
    expect((await t.data(READERS, { where: { nameContains: cyrillic } })).libraryReaders.nodes.map((n: any) => n.id)).not.toContain(readerId);
    for (const text of [cyrillic, latin, pair!.student!.fam]) {
      const expected = await expectedReaders(text);
      expect(expected, text).toContain(readerId);
      expect(await found(text), text).toEqual(expected);
    }
  });

  it('finds nothing for a name no one has, and ignores a blank text', async () => {
    expect((await t.data(READERS, { where: { nameInAnySpelling: 'Қщщщызыкс' } })).libraryReaders.totalCount).toBe(0);
    const [{ n }] = await t.rows<{ n: number }>('library', 'select count(*)::int as n from borrowers');
    expect((await t.data(READERS, { where: { nameInAnySpelling: '  ' } })).libraryReaders.totalCount).toBe(n);
  });
});
