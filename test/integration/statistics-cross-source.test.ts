/**
 * Issue 12: cross-source statistics (library, dormitory, registrar by AVN's student dimensions,
 * through the identity registry). Every measure is checked against SQL written here on each
 * source database separately, joined in the test through the hub's identity_link — not through the
 * hub's code — with a dean's faculty rule and an analyst's disclosure control.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../src/domain/global-id';
import { Role } from '../../src/auth/viewer';
import { startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;

beforeAll(async () => {
  t = await startTestHub();
});

afterAll(async () => {
  await t?.close();
});

/** AVN's fixed student_status ids (its schema's rows 1–4) in the hub's words. */
const STATUS: Record<number, string> = { 1: 'STUDYING', 2: 'ACADEMIC_LEAVE', 3: 'EXPELLED', 4: 'GRADUATED' };

interface Student { stud_id: number; zachetka: string; fak: number; spec: number; status: string; person: string | null }

/** AVN's students with faculty, programme and status, and their registry person (hub). */
async function students(): Promise<Map<number, Student>> {
  const avn = await t.rows<{ stud_id: number; zachetka: string; fak: number; spec: number; status_id: number }>(
    'avn',
    `select s.stud_id, s.zachetka, sp.fak_id as fak, g.spec_id as spec, s.status_id
       from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id`,
  );
  const links = await t.rows<{ stud: string; person: string }>('hub', `select local_key as stud, person_id::text as person from identity_link where source = 'avn.student'`);
  const personOf = new Map(links.map((l) => [Number(l.stud), l.person]));
  return new Map(avn.map((s) => [s.stud_id, { stud_id: s.stud_id, zachetka: s.zachetka, fak: s.fak, spec: s.spec, status: STATUS[s.status_id], person: personOf.get(s.stud_id) ?? null }]));
}

/** A source's records → (person, the person's latest AVN student), from the hub's identity_link. */
async function recordStudents(source: string): Promise<Map<number, { person: string; stud: number }>> {
  const rows = await t.rows<{ k: string; person: string; stud: number }>(
    'hub',
    `select r.local_key as k, r.person_id::text as person, max(s.local_key::bigint)::int as stud
       from identity_link r join identity_link s on s.person_id = r.person_id and s.source = 'avn.student'
      where r.source = $1 group by r.local_key, r.person_id`,
    [source],
  );
  return new Map(rows.map((r) => [Number(r.k), { person: r.person, stud: r.stud }]));
}

/** Sums per key of `rows` grouped by `keyOf` (null: left out), people counted distinct. */
function groupRows<R>(rows: R[], keyOf: (r: R) => string | null, personOf: (r: R) => string, measures: Record<string, (r: R) => number>) {
  const out = new Map<string, { people: Set<string> } & Record<string, any>>();
  for (const r of rows) {
    const key = keyOf(r);
    if (key === null) continue;
    let g = out.get(key);
    if (!g) {
      g = { people: new Set<string>() } as any;
      for (const m of Object.keys(measures)) g![m] = 0;
      out.set(key, g!);
    }
    g!.people.add(personOf(r));
    for (const [m, f] of Object.entries(measures)) g![m] += f(r);
  }
  return out;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

const LIBRARY = `query($groupBy: [LibraryDimension!]!, $where: StudentStatisticsWhere, $having: [LibraryStatisticsCondition!], $orderBy: [LibraryStatisticsOrder!]) {
  libraryStatistics(groupBy: $groupBy, where: $where, having: $having, orderBy: $orderBy, first: 100) {
    totalCount withheldCount minGroupSize
    nodes { group { faculty { id } programme { id } studentStatus } suppressed suppression people loans openLoans overdueLoans debt debtors }
    total { people loans openLoans overdueLoans debt debtors }
  }
}`;

interface Card { card: number; loans: number; open: number; overdue: number; debt: string }

async function libraryCards(): Promise<Card[]> {
  const now = `(timestamptz '${t.hub.runtime.businessClock.now().instant.toISOString()}' at time zone 'Asia/Bishkek')`;
  return t.rows<Card>(
    'library',
    `select b.borrowernumber as card,
            (select count(*) from issues i where i.borrowernumber = b.borrowernumber)::int
              + (select count(*) from old_issues o where o.borrowernumber = b.borrowernumber)::int as loans,
            (select count(*) from issues i where i.borrowernumber = b.borrowernumber)::int as open,
            (select count(*) from issues i where i.borrowernumber = b.borrowernumber and i.date_due < ${now})::int as overdue,
            coalesce((select sum(amountoutstanding) from accountlines a where a.borrowernumber = b.borrowernumber and a.debit_type_code is not null), 0)::text as debt
       from borrowers b`,
  );
}

describe('libraryStatistics', () => {
  it('gives each measure by faculty and student status, filtered by a status list, as SQL across the sources does', async () => {
    const [studs, cards, links] = await Promise.all([students(), libraryCards(), recordStudents('library.borrower')]);
    const statuses = ['STUDYING', 'ACADEMIC_LEAVE'];
    const keyOf = (c: Card) => {
      const link = links.get(c.card);
      const s = link && studs.get(link.stud);
      if (!s || !statuses.includes(s.status)) return null;
      return `${toGlobalId('Faculty', s.fak)}/${s.status}`;
    };
    const expected = groupRows(cards, keyOf, (c) => links.get(c.card)!.person, {
      loans: (c) => c.loans, openLoans: (c) => c.open, overdueLoans: (c) => c.overdue, debt: (c) => Number(c.debt),
    });
    const debtors = groupRows(cards.filter((c) => Number(c.debt) > 0), keyOf, (c) => links.get(c.card)!.person, {});
    expect(expected.size).toBeGreaterThan(1);
    const data = await t.data(LIBRARY, { groupBy: ['FACULTY', 'STUDENT_STATUS'], where: { studentStatusIn: statuses } });
    const s = data.libraryStatistics;
    expect(s.totalCount).toBe(expected.size);
    for (const n of s.nodes) {
      const key = `${n.group.faculty.id}/${n.group.studentStatus}`;
      const e = expected.get(key)!;
      expect(e, key).toBeTruthy();
      expect([n.people, n.loans, n.openLoans, n.overdueLoans, n.debt, n.debtors]).toEqual([e.people.size, e.loans, e.openLoans, e.overdueLoans, round2(e.debt), debtors.get(key)?.people.size ?? 0]);
    }
    const all = [...expected.values()];
    const people = new Set(all.flatMap((e) => [...e.people]));
    expect(s.total.people).toBe(people.size);
    expect(s.total.loans).toBe(all.reduce((a, e) => a + e.loans, 0));
    expect(s.total.overdueLoans).toBe(all.reduce((a, e) => a + e.overdueLoans, 0));
    expect(s.total.debt).toBe(round2(all.reduce((a, e) => a + e.debt, 0)));
  });

  it('puts the cards of no student in the group without a faculty when every student is covered', async () => {
    const [cards, links] = await Promise.all([libraryCards(), recordStudents('library.borrower')]);
    const unlinked = cards.filter((c) => !links.has(c.card));
    const data = await t.data(LIBRARY, { groupBy: ['FACULTY'] });
    const noFaculty = data.libraryStatistics.nodes.find((n: any) => n.group.faculty === null);
    expect(noFaculty.people).toBe(unlinked.length);
    expect(noFaculty.loans).toBe(unlinked.reduce((a, c) => a + c.loans, 0));
    expect(data.libraryStatistics.total.loans).toBe(cards.reduce((a, c) => a + c.loans, 0));
  });
});

const DORMITORY = `query($groupBy: [DormitoryDimension!]!, $where: StudentStatisticsWhere) {
  dormitoryStatistics(groupBy: $groupBy, where: $where, first: 100) {
    totalCount withheldCount minGroupSize
    nodes { group { faculty { id } building { id } studentStatus } suppressed suppression people residents occupiedBeds beds occupancy debt debtors }
    total { people residents occupiedBeds beds occupancy debt debtors }
  }
}`;

interface PlacementRow { resident_id: number; bed_id: number; active: boolean; building_id: number; debt: string }

/** Every placement with its building and debt (charged months × fee up to the business date, July and August free for students, minus payments). */
async function placements(): Promise<PlacementRow[]> {
  const today = t.hub.runtime.businessClock.today();
  return t.rows<PlacementRow>(
    'dormitory',
    `select p.resident_id, p.bed_id, p.status = 'active' as active, r.building_id,
            greatest((select count(*) from generate_series(date_trunc('month', p.start_date), date_trunc('month', least(coalesce(p.end_date, '${today}'::date), '${today}'::date)), interval '1 month') m
                       where not (rs.resident_type = 'student' and extract(month from m) in (7, 8))) * p.monthly_fee
                     - coalesce((select sum(amount) from payments y where y.placement_id = p.placement_id), 0), 0)::text as debt
       from placements p join residents rs on rs.resident_id = p.resident_id join beds b on b.bed_id = p.bed_id join rooms r on r.room_id = b.room_id`,
  );
}

describe('dormitoryStatistics', () => {
  it('gives each measure by faculty and building (the building grouped in the dormitory), students only, as SQL across the sources does', async () => {
    const [studs, rows, links] = await Promise.all([students(), placements(), recordStudents('dormitory.resident')]);
    const bedsByBuilding = new Map((await t.rows<{ b: number; n: number }>('dormitory', 'select r.building_id as b, count(*)::int as n from beds join rooms r using (room_id) group by 1')).map((r) => [r.b, r.n]));
    const keyOf = (p: PlacementRow) => {
      const link = links.get(p.resident_id);
      const s = link && studs.get(link.stud);
      return s ? `${toGlobalId('Faculty', s.fak)}/${toGlobalId('DormitoryBuilding', p.building_id)}` : null;
    };
    const personOf = (p: PlacementRow) => links.get(p.resident_id)!.person;
    const all = groupRows(rows, keyOf, personOf, { debt: (p) => Number(p.debt) });
    const active = groupRows(rows.filter((p) => p.active), keyOf, personOf, {});
    const activeBeds = new Map<string, Set<number>>();
    for (const p of rows.filter((r) => r.active)) {
      const k = keyOf(p);
      if (k) activeBeds.set(k, (activeBeds.get(k) ?? new Set()).add(p.bed_id));
    }
    const debtors = groupRows(rows.filter((p) => Number(p.debt) > 0), keyOf, personOf, {});
    expect(all.size).toBeGreaterThan(1);
    const data = await t.data(DORMITORY, { groupBy: ['FACULTY', 'BUILDING'], where: { studentStatusIn: ['STUDYING', 'ACADEMIC_LEAVE', 'EXPELLED', 'GRADUATED'] } });
    const s = data.dormitoryStatistics;
    expect(s.totalCount).toBe(all.size);
    for (const n of s.nodes) {
      const key = `${n.group.faculty.id}/${n.group.building.id}`;
      const e = all.get(key)!;
      expect(e, key).toBeTruthy();
      const beds = bedsByBuilding.get(Number(fromGlobalId(n.group.building.id).key))!;
      const occupied = activeBeds.get(key)?.size ?? 0;
      expect([n.people, n.residents, n.occupiedBeds, n.beds, n.occupancy, n.debt, n.debtors]).toEqual([
        e.people.size, active.get(key)?.people.size ?? 0, occupied, beds, Math.round((occupied / beds) * 10000) / 10000, round2(e.debt), debtors.get(key)?.people.size ?? 0,
      ]);
    }
  });

  it('covers every resident in the total when every student is covered, residents of no student in the group without a faculty', async () => {
    const [rows, links] = await Promise.all([placements(), recordStudents('dormitory.resident')]);
    const [{ beds }] = await t.rows<{ beds: number }>('dormitory', 'select count(*)::int as beds from beds');
    const personOf = (p: PlacementRow) => links.get(p.resident_id)?.person ?? `resident:${p.resident_id}`;
    const activeRows = rows.filter((p) => p.active);
    const data = await t.data(DORMITORY, { groupBy: ['FACULTY'] });
    const total = data.dormitoryStatistics.total;
    expect(total.residents).toBe(new Set(activeRows.map(personOf)).size);
    expect(total.occupiedBeds).toBe(new Set(activeRows.map((p) => p.bed_id)).size);
    expect(total.beds).toBe(beds);
    expect(total.debt).toBe(round2(rows.reduce((a, p) => a + Number(p.debt), 0)));
    const noStudent = data.dormitoryStatistics.nodes.find((n: any) => n.group.faculty === null);
    const unlinked = activeRows.filter((p) => !links.has(p.resident_id));
    expect(noStudent?.residents ?? 0).toBe(new Set(unlinked.map((p) => p.resident_id)).size);
  });
});
