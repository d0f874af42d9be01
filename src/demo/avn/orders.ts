/**
 * Student orders (AVN 2/9): built from the students' histories, so every admission, transfer,
 * academic leave, reinstatement, expulsion and graduation is backed by an order. Orders gather the
 * students of one faculty and period, as a student HR office issues them. Most are signed; a few
 * are drafts (expulsions of current debtors, not yet signed) and a few were cancelled.
 */
import { CURRENT_YEAR, TODAY, day, iso, parts, timestamp, type Day } from '../calendar';
import type { Rng } from '../random';
import type { Student, StudentEventKind } from './model';
import type { Staff } from './staff';
import type { Structure } from './structure';
import { EXPULSION_REASONS } from './students';
import type { AvnTables } from './tables';

const TIP: Record<Exclude<StudentEventKind, never>, number> = { admit: 1, transfer: 2, leave: 3, reinstate: 4, expel: 5, graduate: 6 };
const SUFFIX = ['', 'к', 'т', 'а', 'к/в', 'ч', 'б'];
const OSNOVANIE: Record<number, string> = {
  1: 'Кабыл алуу комиссиясынын чечими',
  2: 'Студенттин арызы, декандын сунушу',
  3: 'Студенттин арызы жана тастыктоочу документтер',
  4: 'Студенттин арызы, академиялык айырма жоюлган',
  5: 'Декандын сунушу',
  6: 'Мамлекеттик аттестациялык комиссиянын чечими',
};

interface OrderDraft {
  tip: number;
  facId: number;
  date: Day;
  status: 'proekt' | 'podpisan' | 'otmenen';
  osnovanie: string;
  rows: Array<{ studId: number; iz: number | null; v: number | null; prichina: string | null }>;
}

export function buildOrders(rng: Rng, structure: Structure, staff: Staff, students: Student[], t: AvnTables): void {
  const byKey = new Map<string, OrderDraft>();
  const facOfGroup = (grpId: number) => structure.groups[grpId - 1].facId;
  for (const s of students) {
    for (const e of s.events) {
      const tip = TIP[e.kind];
      const facId = facOfGroup(e.toGrp ?? e.fromGrp!);
      // admissions and graduations: one order per faculty; the others: per faculty and half-month
      const p = parts(e.date);
      const period = tip === 1 || tip === 6 ? iso(e.date) : `${p.year}-${p.month}-${p.day <= 15 ? 1 : 2}`;
      const key = `${tip}|${facId}|${period}`;
      let order = byKey.get(key);
      if (!order) byKey.set(key, (order = { tip, facId, date: e.date, status: 'podpisan', osnovanie: OSNOVANIE[tip], rows: [] }));
      order.date = Math.max(order.date, e.date);
      order.rows.push({ studId: s.id, iz: e.fromGrp, v: e.toGrp, prichina: e.reason ?? null });
    }
  }
  const orders = [...byKey.values()];

  // drafts: expulsion of some current debtors, prepared this week and not yet signed
  const r = rng.fork('special');
  const debtors = students.filter((s) => s.debtor);
  const drafted = r.sample(debtors, Math.max(1, Math.round(debtors.length * 0.15)));
  const draftByFac = new Map<number, OrderDraft>();
  for (const s of drafted) {
    let order = draftByFac.get(s.facId);
    if (!order) {
      draftByFac.set(s.facId, (order = { tip: 5, facId: s.facId, date: TODAY - r.int(0, 4), status: 'proekt', osnovanie: 'Келишим боюнча карызы үчүн (задолженность по оплате), бухгалтериянын маалыматы', rows: [] }));
      orders.push(order);
    }
    order.rows.push({ studId: s.id, iz: s.grpId, v: null, prichina: EXPULSION_REASONS.payment });
  }
  // cancelled: expulsions for academic debt, annulled after the debt was cleared
  const studying = students.filter((s) => s.status === 1 && s.admitted < day(CURRENT_YEAR - 1, 9, 1));
  for (const s of r.sample(studying, Math.max(1, Math.round(students.length * 0.001)))) {
    orders.push({
      tip: 5, facId: s.facId, date: day(CURRENT_YEAR, 2, r.int(10, 20)), status: 'otmenen', osnovanie: 'Буйрук жокко чыгарылды: академиялык карыз жоюлган',
      rows: [{ studId: s.id, iz: s.segments[0].grpId, v: null, prichina: EXPULSION_REASONS.academic }],
    });
  }

  orders.sort((a, b) => a.date - b.date || a.tip - b.tip || a.facId - b.facId);
  const seqByYear = new Map<number, number>();
  const signer = staff.employees.length > 1 && staff.employees[1].rank === 'prorector' ? 2 : staff.rectorId;
  let psId = 0;
  orders.forEach((order, i) => {
    const year = parts(order.date).year;
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const id = i + 1;
    t.prikaz.push({
      prikaz_id: id,
      nomer: `${seq}/${SUFFIX[order.tip]}`,
      data: iso(order.date),
      tip_id: order.tip,
      fak_id: order.facId,
      status: order.status,
      osnovanie: order.tip === 1 ? `${order.osnovanie}, протокол №${r.int(3, 40)}` : order.osnovanie,
      podpisal_emp_id: order.status === 'proekt' ? null : order.tip === 1 || order.tip === 6 ? staff.rectorId : signer,
      sozdan: timestamp(order.date - r.int(0, 3), 9 * 60 + r.int(0, 480)),
    });
    for (const row of order.rows) t.prikaz_student.push({ ps_id: ++psId, prikaz_id: id, stud_id: row.studId, iz_grp_id: row.iz, v_grp_id: row.v, prichina: row.prichina });
  });
}
