/**
 * The library (Koha-like source) through GraphQL, checked against SQL run in the test on this hub's
 * seeded library, AVN and hub databases: readers' debts and overdue loans, the debtors list, the
 * copies' availability, a student's loans found through the identity registry, and the batching of
 * the study card's other-source fields (one statement per source per level).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

/**
 * The library's clock at the hub's business instant (the demo's date: src/common/business-time.ts),
 * as SQL: its timestamps are naive Asia/Bishkek wall-clock time.
 */
const libraryNow = () => `(timestamptz '${t.hub.runtime.businessClock.now().instant.toISOString()}' at time zone 'Asia/Bishkek')`;

/** Exact money comparison: som to tiyin. */
const tiyin = (som: number | string) => Math.round(Number(som) * 100);

describe('LibraryReader', () => {
  it('has the debt and overdue loans SQL gives for the reader who owes most', async () => {
    const [reader] = await t.rows<{ borrowernumber: number; cardnumber: string; debt: string }>(
      'library',
      `select b.borrowernumber, b.cardnumber, sum(a.amountoutstanding)::text as debt
         from borrowers b join accountlines a on a.borrowernumber = b.borrowernumber
        group by b.borrowernumber order by sum(a.amountoutstanding) desc, b.borrowernumber limit 1`,
    );
    expect(reader, 'the demo library has a reader with a debt').toBeDefined();
    expect(Number(reader.debt)).toBeGreaterThan(0);

    const data = await t.data(
      `query($card: String!) { libraryReaders(where: { cardNumber: $card }) { totalCount nodes {
         id cardNumber debt fines { amount outstanding kind }
         overdue: loans(status: OVERDUE, first: 100) { totalCount nodes { id overdue daysOverdue returnedAt } }
         current: loans(status: CURRENT, first: 100) { totalCount }
         all: loans(first: 100) { totalCount }
       } } }`,
      { card: reader.cardnumber },
    );
    expect(data.libraryReaders.totalCount).toBe(1);
    const node = data.libraryReaders.nodes[0];
    expect(node.id).toBe(toGlobalId('LibraryReader', reader.borrowernumber));
    expect(tiyin(node.debt)).toBe(tiyin(reader.debt));

    const fines = await t.rows<{ amount: string; outstanding: string; kind: string }>(
      'library',
      `select amount::text, amountoutstanding::text as outstanding, debit_type_code as kind from accountlines
        where borrowernumber = $1 and debit_type_code is not null order by date desc, accountlines_id desc`,
      [reader.borrowernumber],
    );
    expect(node.fines.map((f: any) => [tiyin(f.amount), tiyin(f.outstanding), f.kind])).toEqual(
      fines.map((f) => [tiyin(f.amount), tiyin(f.outstanding), f.kind]),
    );

    const overdue = await t.rows<{ issue_id: number; days: number }>(
      'library',
      `select issue_id, (${libraryNow()}::date - date_due::date) as days from issues
        where borrowernumber = $1 and date_due < ${libraryNow()} order by issuedate desc, issue_id desc`,
      [reader.borrowernumber],
    );
    expect(node.overdue.totalCount).toBe(overdue.length);
    expect(node.overdue.nodes.map((l: any) => l.id)).toEqual(overdue.map((l) => toGlobalId('Loan', l.issue_id)));
    expect(node.overdue.nodes.map((l: any) => l.daysOverdue)).toEqual(overdue.map((l) => l.days));
    expect(node.overdue.nodes.every((l: any) => l.overdue && l.returnedAt === null)).toBe(true);

    const [{ current, returned }] = await t.rows<{ current: number; returned: number }>(
      'library',
      `select (select count(*)::int from issues where borrowernumber = $1) as current,
              (select count(*)::int from old_issues where borrowernumber = $1) as returned`,
      [reader.borrowernumber],
    );
    expect(node.current.totalCount).toBe(current);
    expect(node.all.totalCount).toBe(current + returned);
  });

  it('filters readers by debt and overdue loans like SQL', async () => {
    const [counts] = await t.rows<{ debt: number; overdue: number; name: number }>(
      'library',
      `select (select count(*)::int from borrowers b where (select coalesce(sum(amountoutstanding), 0) from accountlines a where a.borrowernumber = b.borrowernumber) > 0) as debt,
              (select count(distinct borrowernumber)::int from issues where date_due < ${libraryNow()}) as overdue,
              (select count(*)::int from borrowers where concat_ws(' ', surname, firstname, othernames) ilike '%a%') as name`,
    );
    const data = await t.data(`{
      debt: libraryReaders(where: { hasDebt: true }, first: 1) { totalCount }
      overdue: libraryReaders(where: { hasOverdue: true }, first: 1) { totalCount }
      name: libraryReaders(where: { nameContains: "A" }, first: 1) { totalCount }
    }`);
    expect(data.debt.totalCount).toBe(counts.debt);
    expect(data.overdue.totalCount).toBe(counts.overdue);
    expect(data.name.totalCount).toBe(counts.name);
    expect(counts.debt).toBeGreaterThan(0);
    expect(counts.overdue).toBeGreaterThan(0);
  });
});

describe('libraryDebtors', () => {
  it('lists every reader with a debt or an overdue loan, largest debt first, as SQL does', async () => {
    const expected = await t.rows<{ borrowernumber: number; debt: string; overdue: number }>(
      'library',
      `select b.borrowernumber, d.debt::text, o.n as overdue from borrowers b
         cross join lateral (select coalesce(sum(amountoutstanding), 0) as debt from accountlines a where a.borrowernumber = b.borrowernumber) d
         cross join lateral (select count(*)::int as n from issues i where i.borrowernumber = b.borrowernumber and i.date_due < ${libraryNow()}) o
        where d.debt > 0 or o.n > 0 order by d.debt desc, b.borrowernumber desc`,
    );
    expect(expected.length).toBeGreaterThan(0);
    const nodes = await allPages(
      t,
      `query($after: String) { libraryDebtors(first: 50, after: $after) { nodes { debt overdueLoanCount reader { id } } pageInfo { hasNextPage endCursor } } }`,
      {},
      (d) => d.libraryDebtors,
    );
    expect(nodes.map((n) => [n.reader.id, tiyin(n.debt), n.overdueLoanCount])).toEqual(
      expected.map((r) => [toGlobalId('LibraryReader', r.borrowernumber), tiyin(r.debt), r.overdue]),
    );

    const minDebt = Number(expected[Math.floor(expected.length / 2)].debt);
    const filtered = await t.data(`query($min: Float) { libraryDebtors(where: { minDebt: $min }, first: 1) { totalCount } overdueOnly: libraryDebtors(where: { overdueOnly: true }, first: 1) { totalCount } }`, { min: minDebt });
    expect(filtered.libraryDebtors.totalCount).toBe(expected.filter((r) => tiyin(r.debt) >= tiyin(minDebt)).length);
    expect(filtered.overdueOnly.totalCount).toBe(expected.filter((r) => r.overdue > 0).length);
  });

  it('names the AVN student of a debtor who is one, through the identity registry', async () => {
    const links = await t.rows<{ borrower: string; stud_id: string }>(
      'hub',
      `select b.local_key as borrower, max(s.local_key::int)::text as stud_id from identity_link b
         join identity_link s on s.person_id = b.person_id and s.source = 'avn.student'
        where b.source = 'library.borrower' group by b.local_key`,
    );
    const studentOf = new Map(links.map((l) => [toGlobalId('LibraryReader', l.borrower), toGlobalId('Student', l.stud_id)]));
    const data = await t.data(`{ libraryDebtors(first: 100) { nodes { reader { id } student { id } } } }`);
    expect(data.libraryDebtors.nodes.length).toBeGreaterThan(0);
    for (const n of data.libraryDebtors.nodes) expect(n.student?.id ?? null).toBe(studentOf.get(n.reader.id) ?? null);
    expect(data.libraryDebtors.nodes.some((n: any) => n.student !== null)).toBe(true);
  });
});

describe('libraryItems and loans', () => {
  it('counts available copies, overdue loans and loans due before a time like SQL', async () => {
    const [counts] = await t.rows<{ available: number; all: number; overdue: number; due: number }>(
      'library',
      `select (select count(*)::int from items i where withdrawn = 0 and itemlost = 0 and notforloan = 0
                and not exists (select 1 from issues x where x.itemnumber = i.itemnumber)) as available,
              (select count(*)::int from items) as all,
              (select count(*)::int from issues where date_due < ${libraryNow()}) as overdue,
              (select count(*)::int from (select date_due from issues union all select date_due from old_issues) l
                where l.date_due < (timestamptz '2026-01-01T00:00:00Z' at time zone 'Asia/Bishkek')) as due`,
    );
    const data = await t.data(`{
      available: libraryItems(where: { available: true }, first: 1) { totalCount }
      unavailable: libraryItems(where: { available: false }, first: 1) { totalCount }
      overdue: loans(where: { overdue: true }, first: 1) { totalCount }
      due: loans(where: { dueBefore: "2026-01-01T00:00:00Z" }, first: 1) { totalCount }
    }`);
    expect(data.available.totalCount).toBe(counts.available);
    expect(data.available.totalCount + data.unavailable.totalCount).toBe(counts.all);
    expect(data.overdue.totalCount).toBe(counts.overdue);
    expect(data.due.totalCount).toBe(counts.due);
  });

  it('finds a title by ISBN and shows its copies', async () => {
    const [title] = await t.rows<{ biblionumber: number; isbn: string; copies: number }>(
      'library',
      `select b.biblionumber, b.isbn, (select count(*)::int from items i where i.biblionumber = b.biblionumber) as copies
         from biblio b where b.isbn is not null
          and not exists (select 1 from biblio o where o.biblionumber <> b.biblionumber
                           and regexp_replace(o.isbn, '[^0-9Xx]', '', 'g') = regexp_replace(b.isbn, '[^0-9Xx]', '', 'g'))
        order by b.biblionumber limit 1`,
    );
    expect(title).toBeDefined();
    const data = await t.data(`query($isbn: String) { libraryItems(where: { isbn: $isbn }, first: 100) { totalCount nodes { title { id isbn items { id } } } } }`, {
      isbn: title.isbn,
    });
    expect(data.libraryItems.totalCount).toBe(title.copies);
    for (const item of data.libraryItems.nodes) {
      expect(item.title.id).toBe(toGlobalId('LibraryTitle', title.biblionumber));
      expect(item.title.items).toHaveLength(title.copies);
    }
  });
});

describe('Student.loans through the identity registry', () => {
  it('equals the loans of the borrower carrying the student\'s PIN', async () => {
    // Borrowers with a PIN attribute, and the one registry link of their person to the library.
    const pinned = await t.rows<{ borrowernumber: number; pin: string }>(
      'library',
      `select borrowernumber, attribute as pin from borrower_attributes where code = 'PIN'
        and borrowernumber in (select borrowernumber from issues union select borrowernumber from old_issues)`,
    );
    const students = await t.rows<{ stud_id: number; zachetka: string; pin: string }>('avn', `select stud_id, zachetka, pin from students where pin is not null`);
    const studentByPin = new Map(students.map((s) => [s.pin.trim(), s]));
    const candidates = pinned.filter((b) => studentByPin.has(b.pin.trim()));
    expect(candidates.length, 'the demo data has students who are library readers by PIN').toBeGreaterThan(0);
    const onlyCard = await t.rows<{ stud_id: string; borrower: string }>(
      'hub',
      `select s.local_key as stud_id, min(b.local_key) as borrower from identity_link s
         join identity_link b on b.person_id = s.person_id and b.source = 'library.borrower'
        where s.source = 'avn.student' group by s.local_key having count(*) = 1`,
    );
    const cardOf = new Map(onlyCard.map((r) => [Number(r.stud_id), Number(r.borrower)]));
    const pick = candidates.find((b) => cardOf.get(studentByPin.get(b.pin.trim())!.stud_id) === b.borrowernumber);
    expect(pick, 'a student whose only linked library card is the one with its PIN').toBeDefined();
    const student = studentByPin.get(pick!.pin.trim())!;

    const loans = await t.rows<{ issue_id: number }>(
      'library',
      `select issue_id from (select issue_id, issuedate from issues where borrowernumber = $1
                             union all select issue_id, issuedate from old_issues where borrowernumber = $1) l
        order by issuedate desc, issue_id desc`,
      [pick!.borrowernumber],
    );
    const [{ debt }] = await t.rows<{ debt: string }>('library', 'select coalesce(sum(amountoutstanding), 0)::text as debt from accountlines where borrowernumber = $1', [
      pick!.borrowernumber,
    ]);
    const data = await t.data(
      `query($n: String!) { student(studentNumber: $n) { id libraryDebt libraryReader { id } person { libraryReader { id } }
         loans(first: 100) { totalCount nodes { id reader { id } } } } }`,
      { n: student.zachetka },
    );
    const s = data.student;
    expect(s.id).toBe(toGlobalId('Student', student.stud_id));
    expect(s.libraryReader.id).toBe(toGlobalId('LibraryReader', pick!.borrowernumber));
    expect(s.person.libraryReader.id).toBe(toGlobalId('LibraryReader', pick!.borrowernumber));
    expect(s.loans.totalCount).toBe(loans.length);
    expect(s.loans.nodes.map((l: any) => l.id)).toEqual(loans.slice(0, 100).map((l) => toGlobalId('Loan', l.issue_id)));
    expect(tiyin(s.libraryDebt)).toBe(tiyin(debt));
  });
});

describe('the study card\'s other-source fields', () => {
  it('cost at most one statement per source per level for groups → students → loans / dormitoryPlacement / serviceRequests', async () => {
    const data = await t.data(`{
      groups(first: 4) { nodes { students(first: 25) { nodes {
        studentNumber
        loans(first: 3) { nodes { id title } }
        dormitoryPlacement { id balance }
        serviceRequests(first: 3) { nodes { id status } }
      } } } }
    }`);
    const stats = t.stats();
    const students = data.groups.nodes.flatMap((g: any) => g.students.nodes);
    expect(students.length).toBeGreaterThan(10);
    // groups, students
    expect(stats.avn).toBe(2);
    // the registry: student → person, person → records (shared by loans and dormitoryPlacement)
    expect(stats.hub).toBeLessThanOrEqual(2);
    expect(stats.library).toBe(1);
    expect(stats.dormitory).toBe(1);
    expect(stats.registrar).toBe(1);
    expect(students.some((s: any) => s.loans.nodes.length > 0)).toBe(true);
  });
});
