/**
 * Issue 12: cross-source statistics (library, dormitory, registrar by AVN's student dimensions,
 * through the identity registry). Every measure is checked against SQL written here on each
 * source database separately, joined in the test through the hub's identity_link — not through the
 * hub's code — with a dean's faculty rule and an analyst's disclosure control.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../src/domain/global-id';
import { Role } from '../../src/auth/viewer';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

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

const LIBRARY = `query($groupBy: [LibraryDimension!]!, $where: CrossSourceStatisticsWhere, $having: [LibraryStatisticsCondition!], $orderBy: [LibraryStatisticsOrder!]) {
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
    // One statement in the library; in AVN the students' cells and the groups' faculties (one batch); the registry's is among the hub's.
    const stats = t.stats();
    expect([stats.avn, stats.library, stats.dormitory, stats.registrar]).toEqual([2, 1, 0, 0]);
    expect(stats.hub).toBeGreaterThanOrEqual(1);
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

const DORMITORY = `query($groupBy: [DormitoryDimension!]!, $where: CrossSourceStatisticsWhere) {
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

  it('groups by the building alone into one row per building, students\' and others\' placements together, as SQL does', async () => {
    // A statistic grouped only by the dormitory's own dimension once gave each building two rows with
    // the same key (the students' cell and the cell of no student): found by bench:stats.
    const [rows, links] = await Promise.all([placements(), recordStudents('dormitory.resident')]);
    const bedsByBuilding = new Map((await t.rows<{ b: number; n: number }>('dormitory', 'select r.building_id as b, count(*)::int as n from beds join rooms r using (room_id) group by 1')).map((r) => [r.b, r.n]));
    const personOf = (p: PlacementRow) => links.get(p.resident_id)?.person ?? `resident:${p.resident_id}`;
    const keyOf = (p: PlacementRow) => toGlobalId('DormitoryBuilding', p.building_id);
    const all = groupRows(rows, keyOf, personOf, { debt: (p) => Number(p.debt) });
    const active = groupRows(rows.filter((p) => p.active), keyOf, personOf, {});
    const debtors = groupRows(rows.filter((p) => Number(p.debt) > 0), keyOf, personOf, {});
    expect(rows.some((p) => !links.has(p.resident_id))).toBe(true);
    const s = (await t.data(DORMITORY, { groupBy: ['BUILDING'] })).dormitoryStatistics;
    expect(s.totalCount).toBe(all.size);
    expect(new Set(s.nodes.map((n: any) => n.group.building.id)).size).toBe(s.nodes.length);
    for (const n of s.nodes) {
      const e = all.get(n.group.building.id)!;
      const beds = bedsByBuilding.get(Number(fromGlobalId(n.group.building.id).key))!;
      const occupied = new Set(rows.filter((p) => p.active && keyOf(p) === n.group.building.id).map((p) => p.bed_id)).size;
      expect([n.people, n.residents, n.occupiedBeds, n.beds, n.debt, n.debtors]).toEqual([
        e.people.size, active.get(n.group.building.id)?.people.size ?? 0, occupied, beds, round2(e.debt), debtors.get(n.group.building.id)?.people.size ?? 0,
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

const REQUESTS = `query($groupBy: [ServiceRequestDimension!]!, $where: CrossSourceStatisticsWhere) {
  serviceRequestStatistics(groupBy: $groupBy, where: $where, first: 100) {
    totalCount withheldCount minGroupSize
    nodes { group { faculty { id } requestType requestStatus } suppressed people requests completed medianDaysToComplete overdue }
    total { people requests completed medianDaysToComplete overdue }
  }
}`;

interface RequestRow { request_id: number; type_code: string; status: string; number: string | null; pin: string | null; days: number | null; overdue: boolean }

async function requests(): Promise<RequestRow[]> {
  const now = t.hub.runtime.businessClock.now().instant.toISOString();
  return t.rows<RequestRow>(
    'registrar',
    `select sr.request_id, sr.type_code, sr.status, sr.applicant_student_no as number, nullif(trim(sr.applicant_pin), '') as pin,
            (select extract(epoch from min(h.changed_at) - sr.submitted_at) / 86400 from request_status_history h
              where h.request_id = sr.request_id and h.status in ('ready', 'issued'))::float8 as days,
            sr.status in ('submitted', 'in_progress') and sr.submitted_at + rt.sla_days * interval '1 day' < '${now}'::timestamptz as overdue
       from service_requests sr join request_types rt on rt.code = sr.type_code`,
  );
}

function median(values: number[]): number | null {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = (v.length - 1) / 2;
  return (v[Math.floor(mid)] + v[Math.ceil(mid)]) / 2;
}

describe('serviceRequestStatistics', () => {
  async function expectedRequests(keyOf: (r: RequestRow, s: Student | undefined) => string | null) {
    const [studs, rows] = await Promise.all([students(), requests()]);
    const byNumber = new Map([...studs.values()].map((s) => [s.zachetka, s]));
    const groups = new Map<string, { people: Set<string>; rows: RequestRow[] }>();
    for (const r of rows) {
      const s = r.number != null ? byNumber.get(r.number) : undefined;
      const key = keyOf(r, s);
      if (key === null) continue;
      const g = groups.get(key) ?? { people: new Set<string>(), rows: [] };
      g.people.add(s ? (s.person ?? `student:${s.stud_id}`) : r.pin ? `pin:${r.pin}` : r.number?.trim() ? `number:${r.number.trim()}` : `request:${r.request_id}`);
      g.rows.push(r);
      groups.set(key, g);
    }
    return groups;
  }

  function check(n: any, g: { people: Set<string>; rows: RequestRow[] } | undefined, key: string) {
    expect(g, key).toBeTruthy();
    const done = g!.rows.filter((r) => r.days !== null).map((r) => r.days!);
    expect([n.people, n.requests, n.completed, n.overdue]).toEqual([g!.people.size, g!.rows.length, done.length, g!.rows.filter((r) => r.overdue).length]);
    const m = median(done);
    if (m === null) expect(n.medianDaysToComplete).toBeNull();
    else expect(Math.abs(n.medianDaysToComplete - m)).toBeLessThan(0.006);
  }

  it('gives each measure by faculty and request type, requests of no student in the group without a faculty, as SQL across the sources does', async () => {
    const groups = await expectedRequests((r, s) => `${s ? toGlobalId('Faculty', s.fak) : null}/${r.type_code}`);
    expect([...groups.keys()].some((k) => k.startsWith('null/'))).toBe(true);
    const data = await t.data(REQUESTS, { groupBy: ['FACULTY', 'REQUEST_TYPE'] });
    const s = data.serviceRequestStatistics;
    expect(s.totalCount).toBe(groups.size);
    for (const n of s.nodes) {
      const key = `${n.group.faculty?.id ?? null}/${n.group.requestType}`;
      check(n, groups.get(key), key);
    }
    const total = await expectedRequests(() => 'all');
    check(s.total, total.get('all'), 'total');
  });

  it('groups one faculty\'s students\' requests by status', async () => {
    const [{ fak }] = await t.rows<{ fak: number }>('avn', 'select sp.fak_id as fak from students s join gruppa g using (grp_id) join specialnost sp using (spec_id) group by 1 order by count(*) desc limit 1');
    const upper = (status: string) => status.toUpperCase();
    const groups = await expectedRequests((r, s) => (s && s.fak === fak ? upper(r.status) : null));
    const data = await t.data(REQUESTS, { groupBy: ['REQUEST_STATUS'], where: { facultyId: toGlobalId('Faculty', fak) } });
    expect(data.serviceRequestStatistics.totalCount).toBe(groups.size);
    for (const n of data.serviceRequestStatistics.nodes) check(n, groups.get(n.group.requestStatus), n.group.requestStatus);
  });
});

describe('cross-source row rules and disclosure control', () => {
  it('gives a dean only its faculty\'s students: no records of no student, none of another faculty', async () => {
    const [studs, cards, links, rows, placementLinks] = await Promise.all([students(), libraryCards(), recordStudents('library.borrower'), placements(), recordStudents('dormitory.resident')]);
    const [{ fak }] = await t.rows<{ fak: number }>('avn', 'select sp.fak_id as fak from students s join gruppa g using (grp_id) join specialnost sp using (spec_id) group by 1 order by count(*) desc limit 1');
    const [{ other }] = await t.rows<{ other: number }>('avn', `select min(fak_id) as other from fakultet where fak_id <> ${fak}`);
    const dean = await t.as({ role: Role.DEAN, facultyKey: fak });
    const ownCards = cards.filter((c) => studs.get(links.get(c.card)?.stud ?? -1)?.fak === fak);
    const library = (await dean.data(LIBRARY, { groupBy: ['PROGRAMME'] })).libraryStatistics;
    expect(library.total.loans).toBe(ownCards.reduce((a, c) => a + c.loans, 0));
    expect(library.total.debt).toBe(round2(ownCards.reduce((a, c) => a + Number(c.debt), 0)));
    const ownProgrammes = new Set(ownCards.map((c) => toGlobalId('Programme', studs.get(links.get(c.card)!.stud)!.spec)));
    expect(new Set(library.nodes.map((n: any) => n.group.programme?.id ?? null))).toEqual(ownProgrammes);
    const foreign = (await dean.data(LIBRARY, { groupBy: [], where: { facultyId: toGlobalId('Faculty', other) } })).libraryStatistics;
    expect(foreign.total.loans ?? 0).toBe(0);
    const ownPlacements = rows.filter((p) => studs.get(placementLinks.get(p.resident_id)?.stud ?? -1)?.fak === fak);
    const dorm = (await dean.data(DORMITORY, { groupBy: ['FACULTY'] })).dormitoryStatistics;
    expect(dorm.total.debt).toBe(round2(ownPlacements.reduce((a, p) => a + Number(p.debt), 0)));
    expect(dorm.nodes.every((n: any) => n.group.faculty?.id === toGlobalId('Faculty', fak))).toBe(true);
    const byNumber = new Map([...studs.values()].map((s) => [s.zachetka, s]));
    const ownRequests = (await requests()).filter((r) => r.number != null && byNumber.get(r.number)?.fak === fak);
    const registrar = (await dean.data(REQUESTS, { groupBy: ['REQUEST_TYPE'] })).serviceRequestStatistics;
    expect(registrar.total.requests).toBe(ownRequests.length);
  });

  it('withholds small groups from an analyst (primary and secondary suppression over every page), and applies conditions and order to the groups shown', async () => {
    const analyst = await t.as({ role: Role.ANALYST });
    const data = (await analyst.data(LIBRARY, { groupBy: ['PROGRAMME', 'STUDENT_STATUS'] })).libraryStatistics;
    expect(data.minGroupSize).toBe(5);
    const withheld = data.nodes.filter((n: any) => n.suppressed);
    expect(withheld.some((n: any) => n.suppression === 'PRIMARY')).toBe(true);
    expect(data.withheldCount).toBeGreaterThanOrEqual(withheld.length);
    for (const n of withheld) expect([n.people, n.loans, n.overdueLoans, n.debt]).toEqual([null, null, null, null]);
    for (const n of data.nodes.filter((n: any) => !n.suppressed)) expect(n.people).toBeGreaterThanOrEqual(5);
    // Secondary suppression over every page: no programme or status line holds exactly one withheld group.
    const paged = `query($after: String) { libraryStatistics(groupBy: [PROGRAMME, STUDENT_STATUS], first: 100, after: $after) {
      nodes { group { programme { id } studentStatus } suppressed suppression } pageInfo { hasNextPage endCursor } } }`;
    const every = await allPages(analyst, paged, {}, (d) => d.libraryStatistics);
    expect(every.length).toBe(data.totalCount);
    expect(every.some((n: any) => n.suppression === 'SECONDARY')).toBe(true);
    for (const lineOf of [(n: any) => n.group.programme?.id ?? null, (n: any) => n.group.studentStatus]) {
      const lines = new Map<unknown, { withheld: number; all: number }>();
      for (const n of every) {
        const line = lines.get(lineOf(n)) ?? { withheld: 0, all: 0 };
        line.all++;
        if (n.suppressed) line.withheld++;
        lines.set(lineOf(n), line);
      }
      for (const [line, { withheld, all }] of lines) if (all > 1) expect(withheld, `line ${String(line)}`).not.toBe(1);
    }
    const dorm = (await analyst.data(DORMITORY, { groupBy: ['PROGRAMME', 'BUILDING'] })).dormitoryStatistics;
    expect(dorm.nodes.some((n: any) => n.suppressed && n.debt === null)).toBe(true);

    const having = await t.data(
      `{ libraryStatistics(groupBy: [FACULTY], having: [{ measure: LOANS, comparison: GTE, value: 1 }], orderBy: [{ measure: DEBT }], first: 100) { nodes { loans debt } } }`,
    );
    const nodes = having.libraryStatistics.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes.every((n: any) => n.loans >= 1)).toBe(true);
    expect(nodes.map((n: any) => n.debt)).toEqual([...nodes.map((n: any) => n.debt)].sort((a: number, b: number) => b - a));
  });

  it('refuses too many dimensions, and students', async () => {
    const bad = await t.execute(LIBRARY, { groupBy: ['FACULTY', 'PROGRAMME', 'GROUP', 'GENDER', 'STUDENT_STATUS'] });
    expect(bad.errors?.[0].extensions?.code).toBe('VALIDATION_FAILED');
    const [{ stud_id }] = await t.rows<{ stud_id: number }>('avn', 'select min(stud_id) as stud_id from students');
    const student = await t.as({ role: Role.STUDENT, studentKey: stud_id });
    expect((await student.execute(REQUESTS, { groupBy: ['FACULTY'] })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
