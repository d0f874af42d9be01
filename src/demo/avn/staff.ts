/**
 * Employees (AVN 4), their positions and the staffing table (AVN 7). Teaching staff sit in chairs
 * in proportion to the teaching the chair must give; each chair has a head, each faculty a dean
 * (a teacher who also holds the dean's position), the rest of the staff is the rectorate, the
 * deans' offices and the central units (accounting, HR, library, dormitory, Single Window…).
 * A few young assistants are the university's own master's students or fresh graduates, so the
 * same person appears as a student and an employee.
 */
import { CURRENT_YEAR, TODAY, day, parts } from '../calendar';
import { latinLogin, type Person, type PersonFactory } from '../people';
import type { Rng } from '../random';
import type { DemoSizes } from '../sizes';
import { CENTRAL_UNITS, POSITIONS, type PositionKey } from './catalog';
import type { Curriculum } from './curriculum';
import { groupItems } from './curriculum';
import type { Employee, Position, Student } from './model';
import type { Structure } from './structure';

export interface ShtatRow {
  shtatId: number;
  facId: number | null;
  kafId: number | null;
  key: PositionKey;
  stavok: number;
  oklad: number;
}

export interface Staff {
  employees: Employee[];
  positions: Position[];
  shtat: ShtatRow[];
  /** dolj_id of each position key */
  doljId: Record<PositionKey, number>;
  /** Active teachers of each chair (including those holding a second position there). */
  teachersByChair: Map<number, number[]>;
  rectorId: number;
}

const POSITION_KEYS = Object.keys(POSITIONS) as PositionKey[];

export function buildStaff(rng: Rng, structure: Structure, curriculum: Curriculum, sizes: DemoSizes, people: PersonFactory, students: Student[]): Staff {
  const builder = new StaffBuilder(rng, people, students);
  const rector = builder.hire({ rank: 'rector', isPps: false, ageFrom: 52, ageTo: 68, unit: 'Ректорат' });
  builder.place(rector, 'rector', null, null, 1);
  const adminLeft = { n: sizes.adminStaff - 1 };
  const take = () => adminLeft.n-- > 0;
  for (let i = 0; i < 4 && take(); i++) builder.place(builder.hire({ rank: 'prorector', isPps: false, ageFrom: 45, ageTo: 66, unit: 'Ректорат' }), 'prorector', null, null, 1);

  // teaching staff: chairs weighted by the (group, discipline) pairs they teach this semester
  const demand = new Map<number, number>();
  for (const group of structure.groups) {
    if (group.graduated) continue;
    const semestr = 2 * (CURRENT_YEAR - group.intake) + 1;
    for (const item of groupItems(curriculum, group, semestr)) {
      const kafId = curriculum.disciplines[item.discId - 1].kafId;
      demand.set(kafId, (demand.get(kafId) ?? 0) + 1);
    }
  }
  const perChair = allocate(
    structure.chairs.map((c) => 2 + (demand.get(c.id) ?? 0)),
    sizes.teachingStaff,
    Math.min(3, Math.floor(sizes.teachingStaff / structure.chairs.length)),
  );
  structure.chairs.forEach((chair, ci) => {
    const r = rng.fork('chair', chair.id);
    for (let k = 0; k < perChair[ci]; k++) {
      const rank: PositionKey = k === 0 ? 'chairHead' : r.weighted(['professor', 'docent', 'senior', 'lecturer', 'assistant'] as const, [12, 30, 30, 18, 10]);
      const age = AGES[rank] ?? [25, 65];
      const emp = builder.hire({ rank, isPps: true, ageFrom: age[0], ageTo: age[1], kafId: chair.id, facId: chair.facId, fromStudents: rank === 'assistant' && r.chance(0.4) });
      const stavka = k === 0 ? 1 : r.weighted([1, 0.75, 0.5, 0.25], [65, 10, 20, 5]);
      builder.place(emp, rank, chair.facId, chair.id, stavka);
      if (k === 0) chair.zavEmpId = emp.id;
    }
  });

  // deans: a senior teacher of the faculty, who keeps half a teaching rate
  for (const faculty of structure.faculties) {
    const candidates = builder.employees.filter((e) => e.facId === faculty.id && e.isPps && (e.rank === 'professor' || e.rank === 'docent'));
    const pool = candidates.length ? candidates : builder.employees.filter((e) => e.facId === faculty.id && e.isPps && e.rank !== 'chairHead');
    if (!pool.length) continue;
    const dean = rng.fork('dean', faculty.id).pick(pool);
    faculty.dekanEmpId = dean.id;
    builder.positions.find((p) => p.empId === dean.id)!.stavka = 0.5;
    builder.place(dean, 'dean', faculty.id, null, 1);
  }

  // deans' offices, laboratories, central units
  for (const faculty of structure.faculties) {
    if (take()) builder.place(builder.hire({ rank: 'deputyDean', isPps: false, ageFrom: 30, ageTo: 60 }), 'deputyDean', faculty.id, null, 1);
    if (take()) builder.place(builder.hire({ rank: 'methodist', isPps: false, ageFrom: 23, ageTo: 55 }), 'methodist', faculty.id, null, 1);
  }
  for (const chair of structure.chairs) {
    if (structure.faculties[chair.facId - 1].entry.lab && take()) {
      builder.place(builder.hire({ rank: 'labAssistant', isPps: false, ageFrom: 21, ageTo: 45, fromStudents: rng.fork('lab', chair.id).chance(0.4) }), 'labAssistant', chair.facId, chair.id, 1);
    }
  }
  const unitRng = rng.fork('units');
  for (let k = 0; adminLeft.n > 0; k++) {
    adminLeft.n--;
    const unit = CENTRAL_UNITS[k % CENTRAL_UNITS.length];
    const rank = unit.positions[Math.floor(k / CENTRAL_UNITS.length) % unit.positions.length];
    const age = AGES[rank] ?? [24, 62];
    builder.place(builder.hire({ rank, isPps: false, ageFrom: age[0], ageTo: age[1], unit: unit.name }), rank, null, null, unitRng.weighted([1, 0.5], [9, 1]));
  }

  builder.retireSome(rng.fork('retire'), structure);
  builder.secondPositions(rng.fork('second'), structure);
  const shtat = buildShtat(rng.fork('shtat'), builder.positions, structure);
  const teachersByChair = new Map<number, number[]>();
  for (const p of builder.positions) {
    const emp = builder.employees[p.empId - 1];
    if (p.kafId === null || !emp.isPps || !emp.isActive || p.key === 'dean') continue;
    const list = teachersByChair.get(p.kafId) ?? [];
    if (!list.includes(emp.id)) list.push(emp.id);
    teachersByChair.set(p.kafId, list);
  }
  const doljId = Object.fromEntries(POSITION_KEYS.map((k, i) => [k, i + 1])) as Record<PositionKey, number>;
  return { employees: builder.employees, positions: builder.positions, shtat, doljId, teachersByChair, rectorId: rector.id };
}

const AGES: Partial<Record<PositionKey, [number, number]>> = {
  chairHead: [42, 70], professor: [50, 76], docent: [34, 66], senior: [29, 62], lecturer: [25, 55], assistant: [22, 30],
  labAssistant: [21, 45], methodist: [23, 58], librarian: [22, 63], commandant: [30, 62], inspector: [22, 50],
};

interface HireOptions {
  rank: PositionKey;
  isPps: boolean;
  ageFrom: number;
  ageTo: number;
  kafId?: number;
  facId?: number;
  unit?: string;
  /** Take the person from the university's master's students or fresh graduates. */
  fromStudents?: boolean;
}

class StaffBuilder {
  readonly employees: Employee[] = [];
  readonly positions: Position[] = [];
  private readonly emails = new Set<string>();
  private readonly studentPool: Person[];
  private studentHires = 0;
  private readonly rng: Rng;

  constructor(rng: Rng, private readonly people: PersonFactory, students: Student[]) {
    this.rng = rng.fork('hire');
    this.studentPool = this.rng.shuffle(
      students.filter((s) => (s.status === 4 || (s.status === 1 && s.zachetka.startsWith('25'))) && parts(s.person.birth).year <= CURRENT_YEAR - 21 && s.person.pin).map((s) => s.person),
    );
  }

  hire(o: HireOptions): Employee {
    const r = this.rng;
    // at least one young employee is the university's own student or graduate, at any scale
    const fromStudents = o.fromStudents || (this.studentHires === 0 && (o.rank === 'assistant' || o.rank === 'lecturer' || o.rank === 'labAssistant'));
    if (fromStudents && this.studentPool.length) this.studentHires++;
    const person =
      fromStudents && this.studentPool.length
        ? this.studentPool.pop()!
        : this.people.create({
            birthFrom: day(CURRENT_YEAR - o.ageTo, 1, 1),
            birthTo: day(CURRENT_YEAR - o.ageFrom, 12, 31),
            foreign: r.chance(0.01),
            bishkekShare: 0.8,
            russianShare: 0.2,
            emailShare: 0.6,
          });
    const id = this.employees.length + 1;
    const birthYear = parts(person.birth).year;
    const hired = r.int(Math.max(day(1995, 9, 1), day(birthYear + 22, 9, 1)), day(CURRENT_YEAR, 9, 1));
    const faculty = o.facId;
    const emp: Employee = {
      id,
      person,
      tabel: String(10000 + id),
      isPps: o.isPps,
      isActive: true,
      hired: Math.min(hired, TODAY - 30),
      left: null,
      kafId: o.kafId ?? null,
      facId: faculty ?? null,
      rank: o.rank,
      uchStepen: null,
      uchZvanie: null,
      qrUser: o.isPps && r.chance(0.35),
      unit: o.unit ?? null,
      workEmail: this.workEmail(person),
    };
    this.employees.push(emp);
    return emp;
  }

  place(emp: Employee, key: PositionKey, facId: number | null, kafId: number | null, stavka: number): void {
    this.positions.push({ shtatId: 0, empId: emp.id, key, facId, kafId, stavka, from: emp.hired, to: null });
  }

  /** About 3% have left (positions closed); deans, heads and the rector stay. */
  retireSome(rng: Rng, structure: Structure): void {
    const keep = new Set<number>([1, ...structure.faculties.map((f) => f.dekanEmpId ?? 0), ...structure.chairs.map((c) => c.zavEmpId ?? 0)]);
    for (const emp of this.employees) {
      if (keep.has(emp.id) || !rng.chance(0.03)) continue;
      const from = Math.max(emp.hired + 200, day(2024, 9, 1));
      if (from > TODAY - 20) continue; // too recently hired to have left already
      emp.isActive = false;
      emp.left = rng.int(from, TODAY - 20);
      for (const p of this.positions) if (p.empId === emp.id) p.to = emp.left;
    }
  }

  /** Some teachers hold a second, part-time position in another chair of their faculty. */
  secondPositions(rng: Rng, structure: Structure): void {
    for (const emp of this.employees.slice()) {
      if (!emp.isPps || !emp.isActive || emp.rank === 'chairHead' || !rng.chance(0.05)) continue;
      const others = structure.faculties[emp.facId! - 1].chairIds.filter((id) => id !== emp.kafId);
      if (!others.length) continue;
      const kafId = rng.pick(others);
      this.positions.push({ shtatId: 0, empId: emp.id, key: rng.pick(['senior', 'lecturer'] as const), facId: emp.facId, kafId, stavka: rng.pick([0.25, 0.5]), from: rng.int(emp.hired, day(CURRENT_YEAR, 9, 1)), to: null });
    }
    for (const emp of this.employees) degrees(rng, emp, structure);
  }

  private workEmail(person: Person): string {
    const base = `${latinLogin(person.imya).charAt(0)}.${latinLogin(person.fam)}`;
    let email = `${base}@knu.kg`;
    for (let n = 2; this.emails.has(email); n++) email = `${base}${n}@knu.kg`;
    this.emails.add(email);
    return email;
  }
}

function degrees(rng: Rng, emp: Employee, structure: Structure): void {
  const field = emp.facId ? structure.faculties[emp.facId - 1].entry.degree : rng.pick(['э.н.', 'п.н.', 'ф.-м.н.', 'и.н.']);
  const doctor = `д.${field}`;
  const candidate = rng.chance(0.15) ? 'PhD' : `к.${field}`;
  switch (emp.rank) {
    case 'rector':
    case 'professor':
      emp.uchStepen = doctor;
      emp.uchZvanie = rng.chance(0.8) ? 'профессор' : 'доцент';
      break;
    case 'prorector':
    case 'chairHead':
      emp.uchStepen = rng.chance(0.35) ? doctor : candidate;
      emp.uchZvanie = emp.uchStepen === doctor ? 'профессор' : rng.chance(0.7) ? 'доцент' : null;
      break;
    case 'docent':
      emp.uchStepen = rng.chance(0.85) ? candidate : null;
      emp.uchZvanie = rng.chance(0.6) ? 'доцент' : null;
      break;
    case 'senior':
      emp.uchStepen = rng.chance(0.3) ? candidate : null;
      break;
    case 'deputyDean':
      emp.uchStepen = rng.chance(0.4) ? candidate : null;
      break;
    default:
      break;
  }
}

/** Largest-remainder split of `total` by weights with a floor per item. */
function allocate(weights: number[], total: number, floor: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = Math.max(0, total - floor * weights.length);
  const raw = weights.map((w) => (w / sum) * spare);
  const counts = raw.map((x) => floor + Math.floor(x));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0 && order.length; k = (k + 1) % order.length, left--) counts[order[k][1]]++;
  return counts;
}

/** The staffing table: one row per unit and position, rates = occupied rates plus some vacancies. */
function buildShtat(rng: Rng, positions: Position[], structure: Structure): ShtatRow[] {
  const rows = new Map<string, ShtatRow>();
  const rowFor = (facId: number | null, kafId: number | null, key: PositionKey): ShtatRow => {
    const k = `${facId}|${kafId}|${key}`;
    let row = rows.get(k);
    if (!row) rows.set(k, (row = { shtatId: 0, facId, kafId, key, stavok: 0, oklad: POSITIONS[key][2] }));
    return row;
  };
  for (const p of positions) {
    const row = rowFor(p.facId, p.kafId, p.key);
    if (p.to === null) row.stavok += p.stavka;
  }
  for (const chair of structure.chairs) if (rng.chance(0.3)) rowFor(chair.facId, chair.id, 'assistant').stavok += rng.pick([0.5, 1, 1.5]);
  const list = [...rows.values()].sort(
    (a, b) => (a.facId ?? 0) - (b.facId ?? 0) || (a.kafId ?? 0) - (b.kafId ?? 0) || POSITION_KEYS.indexOf(a.key) - POSITION_KEYS.indexOf(b.key),
  );
  list.forEach((row, i) => {
    row.shtatId = i + 1;
    if (rng.chance(0.15)) row.stavok += 0.25 * rng.int(1, 4); // vacant rates
    if (row.stavok === 0) row.stavok = 0.5;
  });
  const byKey = new Map(list.map((r) => [`${r.facId}|${r.kafId}|${r.key}`, r.shtatId]));
  for (const p of positions) p.shtatId = byKey.get(`${p.facId}|${p.kafId}|${p.key}`)!;
  return list;
}
