/**
 * The dormitory through GraphQL, checked against SQL run in the test on this hub's seeded
 * dormitory and hub databases: bed counts and free beds per building, placement balances
 * recomputed here from the raw payments, the debtors list, and a student's current placement
 * found through the identity registry.
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

const tiyin = (som: number | string) => Math.round(Number(som) * 100);

/** The hub's business date ('YYYY-MM-DD'; the demo's own date: src/common/business-time.ts). */
function bishkekToday(): string {
  return t.hub.runtime.businessClock.today();
}

/**
 * Months charged under the documented rule: start month to min(end, today) month, both included,
 * without July and August for students.
 */
function monthsCharged(start: string, end: string | null, today: string, student: boolean): number {
  const until = end && end < today ? end : today;
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  let months = 0;
  for (let i = index(start); i <= index(until); i++) {
    const month = (i % 12) + 1;
    if (!(student && (month === 7 || month === 8))) months++;
  }
  return months;
}

interface PlacementRow { placement_id: number; resident_id: number; resident_type: string; start_date: string; end_date: string | null; status: string; fee: string; paid: string }

async function placementRows(): Promise<PlacementRow[]> {
  return t.rows<PlacementRow>(
    'dormitory',
    `select p.placement_id, p.resident_id, r.resident_type, p.start_date::text, p.end_date::text, p.status, p.monthly_fee::text as fee,
            (select coalesce(sum(amount), 0) from payments x where x.placement_id = p.placement_id)::text as paid
       from placements p join residents r on r.resident_id = p.resident_id`,
  );
}

/** balance in tiyin, recomputed here. */
const charged = (p: PlacementRow, today: string) => monthsCharged(p.start_date, p.end_date, today, p.resident_type === 'student');
const balanceOf = (p: PlacementRow, today: string) => tiyin(p.paid) - charged(p, today) * tiyin(p.fee);

describe('dormitoryBuildings', () => {
  it('count total, occupied, free and blocked beds per building as SQL does', async () => {
    const expected = await t.rows<{ building_id: number; total: number; occupied: number; blocked: number; free: number }>(
      'dormitory',
      `select r.building_id, count(*)::int as total,
              count(*) filter (where a.bed_id is not null)::int as occupied,
              count(*) filter (where a.bed_id is null and b.is_blocked)::int as blocked,
              count(*) filter (where a.bed_id is null and not b.is_blocked)::int as free
         from beds b join rooms r on r.room_id = b.room_id
         left join (select distinct bed_id from placements where status = 'active') a on a.bed_id = b.bed_id
        group by r.building_id`,
    );
    const data = await t.data(`{ dormitoryBuildings { id code bedCounts { total occupied free blocked } rooms { id beds { id } } } }`);
    expect(data.dormitoryBuildings.length).toBeGreaterThan(0);
    for (const building of data.dormitoryBuildings) {
      const row = expected.find((e) => toGlobalId('DormitoryBuilding', e.building_id) === building.id) ?? { total: 0, occupied: 0, free: 0, blocked: 0 };
      expect(building.bedCounts).toEqual({ total: row.total, occupied: row.occupied, free: row.free, blocked: row.blocked });
      expect(building.rooms.flatMap((r: any) => r.beds)).toHaveLength(row.total);
    }
  });

  it('list the free beds of each building, as SQL does', async () => {
    const free = await t.rows<{ building_id: number; bed_id: number }>(
      'dormitory',
      `select r.building_id, b.bed_id from beds b join rooms r on r.room_id = b.room_id join buildings g on g.building_id = r.building_id
        where not b.is_blocked and not exists (select 1 from placements p where p.bed_id = b.bed_id and p.status = 'active')
        order by g.code, r.floor, r.number, b.label, b.bed_id`,
    );
    expect(free.length).toBeGreaterThan(0);
    const { dormitoryBuildings } = await t.data('{ dormitoryBuildings { id key: code } }');
    for (const building of dormitoryBuildings) {
      const nodes = await allPages(
        t,
        `query($b: ID, $after: String) { freeBeds(where: { buildingId: $b }, first: 40, after: $after) {
           nodes { id occupied blocked currentPlacement { id } room { building { id } } } pageInfo { hasNextPage endCursor } } }`,
        { b: building.id },
        (d) => d.freeBeds,
      );
      const expected = free.filter((f) => toGlobalId('DormitoryBuilding', f.building_id) === building.id).map((f) => toGlobalId('Bed', f.bed_id));
      expect(nodes.map((n) => n.id)).toEqual(expected);
      for (const n of nodes) {
        expect(n).toMatchObject({ occupied: false, blocked: false, currentPlacement: null, room: { building: { id: building.id } } });
      }
    }
  });
});

describe('Placement', () => {
  it('has the balance recomputed here from the raw payments and fees', async () => {
    const today = bishkekToday();
    const rows = await placementRows();
    const active = rows.filter((r) => r.status === 'active').sort((a, b) => b.start_date.localeCompare(a.start_date) || b.placement_id - a.placement_id);
    expect(active.length).toBeGreaterThan(0);
    const nodes = await allPages(
      t,
      `query($after: String) { placements(where: { status: ACTIVE }, first: 100, after: $after) {
         nodes { id status paid monthsCharged balance monthlyFee } pageInfo { hasNextPage endCursor } } }`,
      {},
      (d) => d.placements,
    );
    expect(nodes.map((n) => n.id)).toEqual(active.map((r) => toGlobalId('Placement', r.placement_id)));
    nodes.forEach((n, i) => {
      const row = active[i];
      expect(n.status).toBe('ACTIVE');
      expect(tiyin(n.paid)).toBe(tiyin(row.paid));
      expect(n.monthsCharged).toBe(charged(row, today));
      expect(tiyin(n.balance)).toBe(balanceOf(row, today));
    });
  });

  it('lists the debtors (negative balance), largest debt first', async () => {
    const today = bishkekToday();
    const expected = (await placementRows())
      .map((r) => ({ id: toGlobalId('Placement', r.placement_id), resident: toGlobalId('DormitoryResident', r.resident_id), debt: -balanceOf(r, today), key: r.placement_id }))
      .filter((r) => r.debt > 0)
      .sort((a, b) => b.debt - a.debt || b.key - a.key);
    expect(expected.length).toBeGreaterThan(0);
    const nodes = await allPages(
      t,
      `query($after: String) { dormitoryDebtors(first: 100, after: $after) { nodes { debt placement { id } resident { id } } pageInfo { hasNextPage endCursor } } }`,
      {},
      (d) => d.dormitoryDebtors,
    );
    expect(nodes.map((n) => [n.placement.id, n.resident.id, tiyin(n.debt)])).toEqual(expected.map((e) => [e.id, e.resident, e.debt]));
  });
});

describe('Student.dormitoryPlacement through the identity registry', () => {
  it('is the active placement of the resident linked to the student', async () => {
    const links = await t.rows<{ stud_id: string; resident: string }>(
      'hub',
      `select s.local_key as stud_id, min(r.local_key) as resident from identity_link s
         join identity_link r on r.person_id = s.person_id and r.source = 'dormitory.resident'
        where s.source = 'avn.student' group by s.local_key having count(*) = 1`,
    );
    const active = await t.rows<{ resident_id: number; placement_id: number }>(
      'dormitory',
      `select resident_id, placement_id from placements where status = 'active' and resident_id in (
         select resident_id from placements where status = 'active' group by resident_id having count(*) = 1)`,
    );
    const placementOf = new Map(active.map((a) => [a.resident_id, a.placement_id]));
    const housed = links.filter((l) => placementOf.has(Number(l.resident)));
    const homeless = links.find((l) => !placementOf.has(Number(l.resident)));
    expect(housed.length, 'the demo data has students living in a dormitory').toBeGreaterThan(0);
    const pick = housed[0];
    const ids = [toGlobalId('Student', pick.stud_id), ...(homeless ? [toGlobalId('Student', homeless.stud_id)] : [])];
    const data = await t.data(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Student { dormitoryPlacement { id resident { id person { dormitoryResident { id } } } } } } }`,
      { ids },
    );
    const [housedStudent, homelessStudent] = data.nodes;
    expect(housedStudent.dormitoryPlacement.id).toBe(toGlobalId('Placement', placementOf.get(Number(pick.resident))!));
    expect(housedStudent.dormitoryPlacement.resident.id).toBe(toGlobalId('DormitoryResident', pick.resident));
    expect(housedStudent.dormitoryPlacement.resident.person.dormitoryResident.id).toBe(toGlobalId('DormitoryResident', pick.resident));
    if (homeless) expect(homelessStudent.dormitoryPlacement).toBeNull();
  });
});

describe('with the dormitory down', () => {
  it('keeps the students and their other sources, and nulls dormitoryPlacement with SOURCE_UNAVAILABLE', async () => {
    // Nothing listens on port 1: every dormitory statement fails to connect.
    const down = await startTestHub({
      configure: (config) => ({ ...config, databases: { ...config.databases, dormitory: { url: 'postgres://postgres@127.0.0.1:1/dormitory', external: true } } }),
    });
    try {
      const result = await down.execute(`{ students(first: 5) { nodes { studentNumber dormitoryPlacement { id } serviceRequests(first: 1) { totalCount } } } }`);
      const students = result.data.students.nodes;
      expect(students).toHaveLength(5);
      for (const s of students) {
        expect(s.studentNumber).toMatch(/\S/);
        expect(s.dormitoryPlacement).toBeNull();
        expect(s.serviceRequests).not.toBeNull();
      }
      expect(result.errors!.length).toBeGreaterThan(0);
      for (const error of result.errors!) {
        expect(error.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'dormitory' });
        expect(error.path?.at(-1)).toBe('dormitoryPlacement');
      }
    } finally {
      await down.close();
    }
  });
});
