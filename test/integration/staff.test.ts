/**
 * Employees, the staffing table and the teaching load through GraphQL, checked against SQL run in
 * the test on this hub's seeded AVN and hub databases: positions and load equal the native rows,
 * vacant rates equal a sum computed here, organisation relations (dean, head, curator, teachers)
 * equal their keys, and nested lists send one statement per level.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id';
import { allPages, startTestHub, type TestHub } from '../helpers/test-hub';

let t: TestHub;
/** An assignment current on the hub's business date (the demo's: src/common/business-time.ts), as SQL. */
let CURRENT = '';

beforeAll(async () => {
  t = await startTestHub();
  const today = `date '${t.hub.runtime.businessClock.today()}'`;
  CURRENT = `(sd.data_nach <= ${today} and (sd.data_kon is null or sd.data_kon >= ${today}))`;
});

afterAll(async () => {
  await t?.close();
});

const CATEGORY: Record<string, string> = { PPS: 'TEACHING', AUP: 'ADMINISTRATIVE', UVP: 'SUPPORT' };
const KIND: Record<string, string> = { lek: 'LECTURE', prak: 'PRACTICE', lab: 'LAB' };
const byJson = (a: unknown, b: unknown) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1);

/** The academic year and teacher with the most load lines (the richest case). */
async function busiestTeacher(): Promise<{ emp_id: number; uch_god: string }> {
  const [row] = await t.rows('avn', 'select emp_id, uch_god from nagruzka group by emp_id, uch_god order by count(*) desc, uch_god desc, emp_id limit 1');
  expect(row, 'the demo has a teaching load').toBeDefined();
  return row;
}

describe('Employee', () => {
  it('has the positions AVN records for it (sotrudnik_doljnost → shtat → doljnost)', async () => {
    // Someone with a current and an ended assignment, if the demo has one; else anyone with two.
    const [{ emp_id }] = await t.rows(
      'avn',
      `select sd.emp_id from sotrudnik_doljnost sd group by sd.emp_id
        order by bool_or(not ${CURRENT}) desc, count(*) desc, sd.emp_id limit 1`,
    );
    const expected = await t.rows(
      'avn',
      `select d.name_ky, d.kategoriya, sd.stavka::float8 as stavka, sd.data_nach::text as data_nach, sd.data_kon::text as data_kon, ${CURRENT} as current, sh.kaf_id, sh.fak_id, k.fak_id as kaf_fak
         from sotrudnik_doljnost sd join shtat sh using (shtat_id) join doljnost d using (dolj_id) left join kafedra k on k.kaf_id = sh.kaf_id
        where sd.emp_id = $1`,
      [emp_id],
    );
    const data = await t.data(
      `query($id: ID!) { node(id: $id) { ... on Employee {
          positions { title category unitKind rate startDate endDate isCurrent chair { id } faculty { id } }
          current: positions(currentOnly: true) { title } } } }`,
      { id: toGlobalId('Employee', emp_id) },
    );
    const got = data.node.positions;
    expect(got).toHaveLength(expected.length);
    const want = expected.map((r) => ({
      title: r.name_ky, category: CATEGORY[r.kategoriya], unitKind: r.kaf_id ? 'CHAIR' : r.fak_id ? 'FACULTY' : 'CENTRAL',
      rate: r.stavka, startDate: r.data_nach, endDate: r.data_kon, isCurrent: r.current,
      chair: r.kaf_id ? { id: toGlobalId('Chair', r.kaf_id) } : null,
      faculty: r.fak_id ?? r.kaf_fak ? { id: toGlobalId('Faculty', r.fak_id ?? r.kaf_fak) } : null,
    }));
    expect([...got].sort(byJson)).toEqual(want.sort(byJson));
    // Current assignments come first.
    const firstFormer = got.findIndex((p: any) => !p.isCurrent);
    if (firstFormer >= 0) expect(got.slice(firstFormer).every((p: any) => !p.isCurrent)).toBe(true);
    expect(data.node.current).toHaveLength(expected.filter((r) => r.current).length);
  });

  it('has the teaching load of nagruzka, with totals, per year and semester', async () => {
    const { emp_id, uch_god } = await busiestTeacher();
    const rows = await t.rows('avn', 'select disc_id, grp_id, semestr, vid, chasy from nagruzka where emp_id = $1 and uch_god = $2', [emp_id, uch_god]);
    const data = await t.data(
      `query($id: ID!, $year: String!) { node(id: $id) { ... on Employee {
          teachingLoad(academicYear: $year) { academicYear term semester totalHours lectureHours practiceHours labHours
            items { academicYear semester kind hours discipline { id } group { id } teacher { id } } }
          autumn: teachingLoad(academicYear: $year, term: AUTUMN) { term totalHours items { semester term } }
          groupsTaught(academicYear: $year) { id }
          allGroups: groupsTaught { id } } } }`,
      { id: toGlobalId('Employee', emp_id), year: uch_god },
    );
    const load = data.node.teachingLoad;
    expect(load.academicYear).toBe(uch_god);
    expect(load.semester).toBeNull();
    expect(load.term).toBeNull();
    const want = rows.map((r) => ({
      academicYear: uch_god, semester: r.semestr, kind: KIND[r.vid], hours: r.chasy,
      discipline: { id: toGlobalId('Discipline', r.disc_id) }, group: { id: toGlobalId('Group', r.grp_id) }, teacher: { id: toGlobalId('Employee', emp_id) },
    }));
    expect([...load.items].sort(byJson)).toEqual(want.sort(byJson));
    const hours = (vid?: string) => rows.filter((r) => !vid || r.vid === vid).reduce((s, r) => s + r.chasy, 0);
    expect(load.totalHours).toBe(hours());
    expect(load.lectureHours).toBe(hours('lek'));
    expect(load.practiceHours).toBe(hours('prak'));
    expect(load.labHours).toBe(hours('lab'));
    expect(data.node.autumn.term).toBe('AUTUMN');
    expect(data.node.autumn.items.every((i: any) => i.semester % 2 === 1 && i.term === 'AUTUMN')).toBe(true);
    expect(data.node.autumn.totalHours).toBe(rows.filter((r) => r.semestr % 2 === 1).reduce((s, r) => s + r.chasy, 0));

    const groups = [...new Set(rows.map((r) => r.grp_id))].map((g) => toGlobalId('Group', g)).sort();
    expect(data.node.groupsTaught.map((g: any) => g.id).sort()).toEqual(groups);
    const [{ n }] = await t.rows('avn', 'select count(distinct grp_id)::int as n from nagruzka where emp_id = $1', [emp_id]);
    expect(data.node.allGroups).toHaveLength(n);
  });

  it('has its main chair and its person in the identity registry', async () => {
    const [row] = await t.rows(
      'avn',
      `select distinct on (sd.emp_id) sd.emp_id, sh.kaf_id from sotrudnik_doljnost sd join shtat sh using (shtat_id)
        where sh.kaf_id is not null and ${CURRENT} order by sd.emp_id, sd.stavka desc, sd.data_nach desc, sd.sd_id limit 1`,
    );
    const [link] = await t.rows('hub', `select person_id from identity_link where source = 'avn.employee' and local_key = $1`, [String(row.emp_id)]);
    const data = await t.data(`query($id: ID!) { node(id: $id) { ... on Employee { chair { id } person { id } } } }`, { id: toGlobalId('Employee', row.emp_id) });
    expect(data.node.chair.id).toBe(toGlobalId('Chair', row.kaf_id));
    expect(data.node.person?.id ?? null).toBe(link ? toGlobalId('Person', Number(link.person_id)) : null);
  });

  it('lists employees by chair, staff kind and name like SQL', async () => {
    const [{ kaf_id }] = await t.rows('avn', `select sh.kaf_id from sotrudnik_doljnost sd join shtat sh using (shtat_id) where sh.kaf_id is not null and ${CURRENT} group by 1 order by count(*) desc limit 1`);
    const [{ n: inChair }] = await t.rows(
      'avn',
      `select count(distinct sd.emp_id)::int as n from sotrudnik_doljnost sd join shtat sh using (shtat_id) where sh.kaf_id = $1 and ${CURRENT}`, [kaf_id]);
    const [{ n: pps }] = await t.rows('avn', 'select count(*)::int as n from sotrudnik where is_pps');
    const [{ n: former }] = await t.rows('avn', 'select count(*)::int as n from sotrudnik where not is_active');
    const data = await t.data(
      `query($chair: ID!) { inChair: employees(where: { chairId: $chair }) { totalCount }
        pps: employees(where: { isTeachingStaff: true }) { totalCount }
        former: employees(where: { isActive: false }) { totalCount } }`,
      { chair: toGlobalId('Chair', kaf_id) },
    );
    expect(data.inChair.totalCount).toBe(inChair);
    expect(data.pps.totalCount).toBe(pps);
    expect(data.former.totalCount).toBe(former);
  });
});

describe('staffingTable', () => {
  it('computes filled and vacant rates that equal the current assignments', async () => {
    const [{ fak_id }] = await t.rows('avn', 'select coalesce(sh.fak_id, k.fak_id) as fak_id from shtat sh left join kafedra k using (kaf_id) where coalesce(sh.fak_id, k.fak_id) is not null group by 1 order by count(*) desc limit 1');
    // Computed independently of the hub's lateral sum: a grouped join.
    const expected = await t.rows(
      'avn',
      `select sh.shtat_id, sh.stavok::float8 as stavok, sh.oklad::float8 as oklad, d.name_ky, d.kategoriya, coalesce(sum(sd.stavka) filter (where ${CURRENT}), 0)::float8 as filled
         from shtat sh join doljnost d using (dolj_id) left join kafedra k on k.kaf_id = sh.kaf_id left join sotrudnik_doljnost sd on sd.shtat_id = sh.shtat_id
        where coalesce(sh.fak_id, k.fak_id) = $1 group by sh.shtat_id, d.name_ky, d.kategoriya`,
      [fak_id],
    );
    const got = await allPages(
      t,
      `query($f: ID!, $after: String) { staffingTable(where: { facultyId: $f }, first: 50, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id title category rates salary filledRates vacantRates } } }`,
      { f: toGlobalId('Faculty', fak_id) },
      (d) => {
        expect(d.staffingTable.totalCount).toBe(expected.length);
        return d.staffingTable;
      },
    );
    expect(got).toHaveLength(expected.length);
    const byId = new Map(got.map((n) => [n.id, n]));
    for (const row of expected) {
      const node = byId.get(toGlobalId('StaffingPosition', row.shtat_id));
      expect(node, `line ${row.shtat_id}`).toBeDefined();
      expect(node.title).toBe(row.name_ky);
      expect(node.category).toBe(CATEGORY[row.kategoriya]);
      expect(node.rates).toBe(row.stavok);
      expect(node.salary).toBe(row.oklad);
      expect(node.filledRates).toBeCloseTo(row.filled, 6);
      expect(node.vacantRates).toBeCloseTo(row.stavok - row.filled, 6);
    }
    const vacant = expected.filter((r) => r.stavok - r.filled > 0.0001).length;
    const teaching = expected.filter((r) => r.kategoriya === 'PPS').length;
    const data = await t.data(
      `query($f: ID!) { vacant: staffingTable(where: { facultyId: $f, hasVacancy: true }) { totalCount }
        teaching: staffingTable(where: { facultyId: $f, category: TEACHING }) { totalCount }
        largest: staffingTable(where: { facultyId: $f }, first: 5, orderBy: { field: VACANT_RATES, direction: DESC }) { nodes { vacantRates } } }`,
      { f: toGlobalId('Faculty', fak_id) },
    );
    expect(data.vacant.totalCount).toBe(vacant);
    expect(data.teaching.totalCount).toBe(teaching);
    const largest = data.largest.nodes.map((n: any) => n.vacantRates);
    expect(largest).toEqual([...largest].sort((a, b) => b - a));
    expect(largest[0]).toBeCloseTo(Math.max(...expected.map((r) => r.stavok - r.filled)), 6);
  });
});

describe('organisation relations', () => {
  it('gives deans, chair heads, curators and chair teachers as AVN keys them', async () => {
    const faculties = await t.rows('avn', 'select fak_id, dekan_emp_id from fakultet');
    const chairs = await t.rows('avn', 'select kaf_id, zav_emp_id from kafedra');
    const data = await t.data('{ faculties { id dean { id } chairs { id head { id } } } }');
    const emp = (key: number | null) => (key === null ? null : { id: toGlobalId('Employee', key) });
    for (const f of faculties) {
      const node = data.faculties.find((x: any) => x.id === toGlobalId('Faculty', f.fak_id));
      expect(node.dean).toEqual(emp(f.dekan_emp_id));
    }
    const heads = new Map(data.faculties.flatMap((f: any) => f.chairs).map((c: any) => [c.id, c.head]));
    for (const c of chairs) expect(heads.get(toGlobalId('Chair', c.kaf_id))).toEqual(emp(c.zav_emp_id));

    const [group] = await t.rows('avn', 'select grp_id, kurator_emp_id from gruppa where kurator_emp_id is not null order by grp_id limit 1');
    const curator = await t.data('query($id: ID!) { node(id: $id) { ... on Group { curator { id } } } }', { id: toGlobalId('Group', group.grp_id) });
    expect(curator.node.curator).toEqual(emp(group.kurator_emp_id));

    const [{ kaf_id }] = await t.rows('avn', `select sh.kaf_id from sotrudnik_doljnost sd join shtat sh using (shtat_id) where sh.kaf_id is not null and ${CURRENT} group by 1 order by count(*) desc limit 1`);
    const teachers = await t.rows(
      'avn',
      `select distinct sd.emp_id from sotrudnik_doljnost sd join shtat sh using (shtat_id) join doljnost d using (dolj_id) where sh.kaf_id = $1 and ${CURRENT}`, [kaf_id]);
    const pps = await t.rows(
      'avn',
      `select distinct sd.emp_id from sotrudnik_doljnost sd join shtat sh using (shtat_id) join doljnost d using (dolj_id) where sh.kaf_id = $1 and ${CURRENT} and d.kategoriya = 'PPS'`, [kaf_id]);
    const got = await t.data('query($id: ID!) { node(id: $id) { ... on Chair { teachers { id } pps: teachers(category: TEACHING) { id } } } }', { id: toGlobalId('Chair', kaf_id) });
    expect(got.node.teachers.map((e: any) => e.id).sort()).toEqual(teachers.map((r) => toGlobalId('Employee', r.emp_id)).sort());
    expect(got.node.pps.map((e: any) => e.id).sort()).toEqual(pps.map((r) => toGlobalId('Employee', r.emp_id)).sort());
  });

  it('gives a group\'s teaching load of a term (who teaches what)', async () => {
    const [{ grp_id, uch_god, semestr }] = await t.rows('avn', 'select grp_id, uch_god, semestr from nagruzka group by 1, 2, 3 order by count(*) desc, grp_id limit 1');
    const rows = await t.rows('avn', 'select emp_id, disc_id, vid, chasy from nagruzka where grp_id = $1 and uch_god = $2 and semestr % 2 = $3 % 2', [grp_id, uch_god, semestr]);
    const data = await t.data(
      `query($id: ID!, $year: String!, $term: AcademicTerm!) { node(id: $id) { ... on Group {
          teachingLoad(academicYear: $year, term: $term) { totalHours items { teacher { id } discipline { id } kind hours } }
          current: teachingLoad { academicYear term totalHours } } } }`,
      { id: toGlobalId('Group', grp_id), year: uch_god, term: semestr % 2 === 1 ? 'AUTUMN' : 'SPRING' },
    );
    const want = rows.map((r) => ({ teacher: { id: toGlobalId('Employee', r.emp_id) }, discipline: { id: toGlobalId('Discipline', r.disc_id) }, kind: KIND[r.vid], hours: r.chasy }));
    expect([...data.node.teachingLoad.items].sort(byJson)).toEqual(want.sort(byJson));
    expect(data.node.teachingLoad.totalHours).toBe(rows.reduce((s, r) => s + r.chasy, 0));

    // Without arguments: the academic year and term of the business date (the demo's: src/common/business-time.ts).
    const now = new Date(`${t.hub.runtime.businessClock.today()}T00:00:00Z`);
    const start = now.getUTCMonth() >= 8 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    const autumn = now.getUTCMonth() >= 8 || now.getUTCMonth() === 0;
    const [{ hours }] = await t.rows('avn', 'select coalesce(sum(chasy), 0)::int as hours from nagruzka where grp_id = $1 and uch_god = $2 and semestr % 2 = $3', [grp_id, `${start}-${start + 1}`, autumn ? 1 : 0]);
    expect(data.node.current).toEqual({ academicYear: `${start}-${start + 1}`, term: autumn ? 'AUTUMN' : 'SPRING', totalHours: hours });
  });
});

describe('batching', () => {
  it('sends one AVN statement per level for faculties → chairs → teachers → teachingLoad', async () => {
    const { uch_god } = await busiestTeacher();
    const data = await t.data(
      `query($year: String!) { faculties { chairs { name teachers { fullName teachingLoad(academicYear: $year) { totalHours items { hours } } } } } }`,
      { year: uch_god },
    );
    expect(t.stats().avn).toBe(4);
    const teachers = data.faculties.flatMap((f: any) => f.chairs).flatMap((c: any) => c.teachers);
    expect(teachers.length).toBeGreaterThan(1);
    // The sum over all chairs' teachers equals SQL (a teacher in two chairs counts twice, as in the answer).
    const [{ hours }] = await t.rows(
      'avn',
      `select coalesce(sum(n.chasy), 0)::int as hours
         from (select distinct sh.kaf_id, sd.emp_id from sotrudnik_doljnost sd join shtat sh using (shtat_id) where sh.kaf_id is not null and ${CURRENT}) t
         join nagruzka n on n.emp_id = t.emp_id and n.uch_god = $1`,
      [uch_god],
    );
    expect(teachers.reduce((s: number, e: any) => s + e.teachingLoad.totalHours, 0)).toBe(hours);

    await t.data(
      `{ staffingTable(first: 30) { nodes { chair { name } faculty { name } assignments { rate employee { fullName positions { title } chair { name } } } } } }`,
    );
    // page, chairs, faculties, assignments, employees, their positions, their main chairs
    expect(t.stats().avn).toBe(7);
  });
});
