/**
 * Student orders (AVN 2/9) and applicants (AVN 25) through GraphQL, checked against SQL run on the
 * seeded AVN database of this test's hub. The native codes are spelled out here on purpose: the
 * test holds its own copy of the mapping instead of importing the hub's.
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

const TYPE_CODE: Record<string, string> = {
  ADMISSION: 'zachislenie', TRANSFER: 'perevod', ACADEMIC_LEAVE: 'akadem',
  REINSTATEMENT: 'vosstanovlenie', EXPULSION: 'otchislenie', GRADUATION: 'vypusk',
};
const STATUS_CODE: Record<string, string> = { DRAFT: 'proekt', SIGNED: 'podpisan', CANCELLED: 'otmenen' };
const APPLICANT_STATUS_CODE: Record<string, string> = { APPLIED: 'podal', RECOMMENDED: 'rekomendovan', REJECTED: 'otklonen', ENROLLED: 'zachislen' };

/** Pages through a root connection with `first: size`, returning every node in order. */
function allNodes(field: string, args: string, selection: string, size = 50): Promise<any[]> {
  return allPages(
    t,
    `query($after: String) { ${field}(first: ${size}, after: $after${args ? `, ${args}` : ''}) { nodes { ${selection} } pageInfo { hasNextPage endCursor } } }`,
    {},
    (d) => d[field],
  );
}

describe('orders', () => {
  it('filters by type and date range exactly like SQL', async () => {
    // A window over the middle half of all order dates, so both ends really cut.
    const [{ from, to }] = await t.rows<{ from: string; to: string }>(
      'avn',
      `select (percentile_disc(0.25) within group (order by data))::text as from,
              (percentile_disc(0.75) within group (order by data))::text as to from prikaz`,
    );
    let typesSeen = 0;
    for (const [type, code] of Object.entries(TYPE_CODE)) {
      const expected = await t.rows<{ prikaz_id: number }>(
        'avn',
        `select p.prikaz_id from prikaz p join prikaz_tip pt on pt.tip_id = p.tip_id
          where pt.kod = $1 and p.data between $2::date and $3::date order by p.data desc, p.prikaz_id desc`,
        [code, from, to],
      );
      const data = await t.data(
        `query($type: OrderType, $from: LocalDate, $to: LocalDate) {
          orders(first: 100, where: { type: $type, dateFrom: $from, dateTo: $to }) { totalCount nodes { id type date } }
        }`,
        { type, from, to },
      );
      expect(data.orders.totalCount, type).toBe(expected.length);
      expect(data.orders.nodes.map((n: any) => n.id)).toEqual(expected.slice(0, 100).map((r) => toGlobalId('Order', r.prikaz_id)));
      for (const node of data.orders.nodes) {
        expect(node.type).toBe(type);
        expect(node.date >= from && node.date <= to).toBe(true);
      }
      if (expected.length > 0) typesSeen++;
    }
    expect(typesSeen).toBeGreaterThan(2);
  });

  it('combines status and faculty filters like SQL', async () => {
    const [{ fak_id }] = await t.rows<{ fak_id: number }>('avn', 'select fak_id from prikaz where fak_id is not null group by fak_id order by count(*) desc limit 1');
    for (const [status, code] of Object.entries(STATUS_CODE)) {
      const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from prikaz where status = $1 and fak_id = $2', [code, fak_id]);
      const data = await t.data(`query($f: ID) { orders(where: { status: ${status}, facultyId: $f }) { totalCount } }`, { f: toGlobalId('Faculty', fak_id) });
      expect(data.orders.totalCount, status).toBe(n);
    }
  });

  it('lists the students an order names, with their groups and reasons', async () => {
    const [order] = await t.rows<{ prikaz_id: number; n: number }>(
      'avn',
      'select prikaz_id, count(*)::int as n from prikaz_student group by prikaz_id order by count(*) desc, prikaz_id limit 1',
    );
    const expected = await t.rows<{ zachetka: string; iz: string | null; v: string | null; prichina: string | null }>(
      'avn',
      `select s.zachetka, gi.name as iz, gv.name as v, ps.prichina from prikaz_student ps
         join students s on s.stud_id = ps.stud_id
         left join gruppa gi on gi.grp_id = ps.iz_grp_id left join gruppa gv on gv.grp_id = ps.v_grp_id
        where ps.prikaz_id = $1`,
      [order.prikaz_id],
    );
    let studentCount = 0;
    const lines = await allPages(
      t,
      `query($id: ID!, $after: String) { node(id: $id) { ... on Order {
        studentCount
        students(first: 40, after: $after) { totalCount pageInfo { hasNextPage endCursor }
          nodes { reason student { studentNumber } fromGroup { name } toGroup { name } order { id } } }
      } } }`,
      { id: toGlobalId('Order', order.prikaz_id) },
      (d) => {
        studentCount = d.node.studentCount;
        expect(d.node.students.totalCount).toBe(order.n);
        return d.node.students;
      },
    );
    expect(studentCount).toBe(order.n);
    for (const line of lines) expect(line.order.id).toBe(toGlobalId('Order', order.prikaz_id));
    const key = (x: { zachetka: string; iz: string | null; v: string | null; prichina: string | null }) => JSON.stringify([x.zachetka, x.iz, x.v, x.prichina]);
    const got = lines.map((l) => key({ zachetka: l.student.studentNumber, iz: l.fromGroup?.name ?? null, v: l.toGroup?.name ?? null, prichina: l.reason }));
    expect(got.sort()).toEqual(expected.map(key).sort());
  });

  it("gives a student's order history, newest first", async () => {
    const [student] = await t.rows<{ stud_id: number }>(
      'avn',
      'select stud_id from prikaz_student group by stud_id order by count(*) desc, stud_id limit 1',
    );
    const expected = await t.rows<{ prikaz_id: number; status: string }>(
      'avn',
      `select p.prikaz_id, p.status from prikaz_student ps join prikaz p on p.prikaz_id = ps.prikaz_id
        where ps.stud_id = $1 order by p.data desc, p.prikaz_id desc`,
      [student.stud_id],
    );
    expect(expected.length).toBeGreaterThan(1);
    const id = toGlobalId('Student', student.stud_id);
    const data = await t.data(
      `query($id: ID!) {
        node(id: $id) { ... on Student { orders { id date } signed: orders(status: SIGNED) { id } } }
        orders(where: { studentId: $id }) { totalCount }
      }`,
      { id },
    );
    expect(data.node.orders.map((o: any) => o.id)).toEqual(expected.map((r) => toGlobalId('Order', r.prikaz_id)));
    expect(data.node.signed.map((o: any) => o.id)).toEqual(
      expected.filter((r) => r.status === STATUS_CODE.SIGNED).map((r) => toGlobalId('Order', r.prikaz_id)),
    );
    expect(data.orders.totalCount).toBe(expected.length);
  });

  it('pages through all orders without duplicates or gaps, in either order', async () => {
    const byDate = await t.rows<{ prikaz_id: number }>('avn', 'select prikaz_id from prikaz order by data desc, prikaz_id desc');
    const byNumber = await t.rows<{ prikaz_id: number }>('avn', 'select prikaz_id from prikaz order by nomer asc, prikaz_id asc');
    const dateIds = (await allNodes('orders', '', 'id', 7)).map((n) => n.id);
    const numberIds = (await allNodes('orders', 'orderBy: { field: NUMBER, direction: ASC }', 'id', 9)).map((n) => n.id);
    expect(byDate.length).toBeGreaterThan(7 * 3);
    expect(new Set(dateIds).size).toBe(dateIds.length);
    expect(dateIds).toEqual(byDate.map((r) => toGlobalId('Order', r.prikaz_id)));
    expect(new Set(numberIds).size).toBe(numberIds.length);
    expect(numberIds).toEqual(byNumber.map((r) => toGlobalId('Order', r.prikaz_id)));
  });

  it('counts each faculty\'s orders in one statement for all faculties', async () => {
    const expected = await t.rows<{ fak_id: number; n: number }>(
      'avn',
      `select f.fak_id, count(p.prikaz_id)::int as n from fakultet f
         left join prikaz p on p.fak_id = f.fak_id and p.tip_id = (select tip_id from prikaz_tip where kod = 'zachislenie')
        group by f.fak_id`,
    );
    const data = await t.data('{ faculties { id orders(first: 3, where: { type: ADMISSION }) { totalCount nodes { type faculty { id } } } } }');
    // faculties, the pages of all faculties, their counts, and the faculties behind `faculty`.
    expect(t.stats().avn).toBeLessThanOrEqual(4);
    const counts = new Map(expected.map((r) => [toGlobalId('Faculty', r.fak_id), r.n]));
    for (const faculty of data.faculties) {
      expect(faculty.orders.totalCount).toBe(counts.get(faculty.id));
      for (const order of faculty.orders.nodes) {
        expect(order.type).toBe('ADMISSION');
        expect(order.faculty.id).toBe(faculty.id);
      }
    }
  });

  it('refuses a date range that ends before it starts', async () => {
    const result = await t.execute('{ orders(where: { dateFrom: "2025-06-01", dateTo: "2025-01-31" }) { totalCount } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('VALIDATION_FAILED');
  });
});

describe('applicants', () => {
  it('filters by status like SQL', async () => {
    for (const [status, code] of Object.entries(APPLICANT_STATUS_CODE)) {
      const [{ n }] = await t.rows<{ n: number }>('avn', 'select count(*)::int as n from abiturient where status = $1', [code]);
      const data = await t.data(`{ applicants(where: { status: ${status} }) { totalCount } }`);
      expect(data.applicants.totalCount, status).toBe(n);
    }
  });

  it('ranks by score above a minimum, best first, with the student of the enrolled', async () => {
    const [{ median }] = await t.rows<{ median: number }>('avn', 'select percentile_disc(0.5) within group (order by ort_ball) as median from abiturient where ort_ball is not null');
    const expected = await t.rows<{ abit_id: number; ort_ball: number; zachetka: string | null }>(
      'avn',
      `select a.abit_id, a.ort_ball, s.zachetka from abiturient a left join students s on s.stud_id = a.stud_id
        where a.ort_ball >= $1 order by a.ort_ball desc, a.abit_id desc`,
      [median],
    );
    const nodes = await allNodes('applicants', `where: { minScore: ${median} }`, 'id nationalTestScore status student { studentNumber }', 40);
    expect(nodes.map((n) => n.id)).toEqual(expected.map((r) => toGlobalId('Applicant', r.abit_id)));
    nodes.forEach((node, i) => {
      expect(node.nationalTestScore).toBe(expected[i].ort_ball);
      expect(node.student?.studentNumber ?? null).toBe(expected[i].zachetka);
      if (node.student) expect(node.status).toBe('ENROLLED');
    });
  });

  it('combines status, score and programme, and sorts by submission date', async () => {
    const [{ spec_id }] = await t.rows<{ spec_id: number }>('avn', 'select spec_id from abiturient group by spec_id order by count(*) desc, spec_id limit 1');
    const expected = await t.rows<{ abit_id: number }>(
      'avn',
      `select abit_id from abiturient where spec_id = $1 and status = 'rekomendovan' and ort_ball >= 100
        order by data_podachi asc, abit_id asc`,
      [spec_id],
    );
    const data = await t.data(
      `query($p: ID) { applicants(first: 100, where: { programmeId: $p, status: RECOMMENDED, minScore: 100 }, orderBy: { field: SUBMITTED, direction: ASC }) {
        totalCount nodes { id programme { id } } } }`,
      { p: toGlobalId('Programme', spec_id) },
    );
    expect(data.applicants.totalCount).toBe(expected.length);
    expect(data.applicants.nodes.map((n: any) => n.id)).toEqual(expected.slice(0, 100).map((r) => toGlobalId('Applicant', r.abit_id)));
  });
});
