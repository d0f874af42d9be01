/**
 * Builds the AVN side of the demo university and fills AVN's tables. The other sources are cut
 * from the world this returns (students, staff, lessons), which is why AVN is generated first and
 * always, even when it is not written.
 */
import { CURRENT_YEAR, academicYear, iso } from '../calendar';
import type { GroundTruthBuilder } from '../ground-truth';
import { formatPhone, type PersonFactory } from '../people';
import type { Rng } from '../random';
import type { DemoSizes } from '../sizes';
import { buildApplicants } from './applicants';
import { POSITIONS, type PositionKey } from './catalog';
import { buildCurriculum, type Curriculum } from './curriculum';
import { buildFinance } from './finance';
import { buildGrades } from './grades';
import type { Student } from './model';
import { buildOrders } from './orders';
import { buildStaff, type Staff } from './staff';
import { buildStructure, type Structure } from './structure';
import { buildStudents, type NamesakePair, type TwinPair } from './students';
import { avnTables, type AvnTables } from './tables';
import { buildTeaching, type Teaching } from './teaching';

export interface AvnWorld {
  structure: Structure;
  curriculum: Curriculum;
  staff: Staff;
  students: Student[];
  namesakes: NamesakePair[];
  /** Students with a twin known to the library only (issue 10.5). */
  twins: TwinPair[];
  teaching: Teaching;
  tables: AvnTables;
}

export function buildAvn(rng: Rng, sizes: DemoSizes, people: PersonFactory, truth: GroundTruthBuilder): AvnWorld {
  const t = avnTables();
  const structure = buildStructure(rng.fork('structure'), sizes);
  const curriculum = buildCurriculum(rng.fork('curriculum'), structure);
  const { students, namesakes, twins } = buildStudents(rng.fork('students'), structure, sizes, people.fork(rng.fork('people', 'students'), 'S'));
  const staff = buildStaff(rng.fork('staff'), structure, curriculum, sizes, people.fork(rng.fork('people', 'staff'), 'E'), students);
  assignCurators(rng.fork('curators'), structure, staff);
  const teaching = buildTeaching(rng.fork('teaching'), structure, curriculum, staff, students, t.jurnal_otmetka);

  writeStructure(structure, t);
  writeCurriculum(curriculum, t);
  writeStaff(staff, t, truth);
  writeStudents(rng.fork('photos'), students, t, truth);
  writeTeaching(teaching, t);
  buildGrades(rng.fork('grades'), structure, curriculum, staff, teaching, students, t);
  buildOrders(rng.fork('orders'), structure, staff, students, t);
  buildFinance(rng.fork('finance'), structure, students, t);
  buildApplicants(rng.fork('applicants'), structure, sizes, students, people.fork(rng.fork('people', 'applicants'), 'A'), t, truth);
  return { structure, curriculum, staff, students, namesakes, twins, teaching, tables: t };
}

/** Each group's curator is a teacher of its programme's chair. */
function assignCurators(rng: Rng, structure: Structure, staff: Staff): void {
  for (const group of structure.groups) {
    const kafId = structure.specs[group.specId - 1].kafId;
    const pool = staff.teachersByChair.get(kafId) ?? [];
    group.curatorEmpId = pool.length ? rng.pick(pool) : null;
  }
}

function writeStructure(s: Structure, t: AvnTables): void {
  for (const f of s.faculties) {
    t.fakultet.push({ fak_id: f.id, kod: f.kod, name_ky: f.nameKy, name_ru: f.nameRu, short_name: f.short, is_institute: f.isInstitute, dekan_emp_id: f.dekanEmpId });
  }
  for (const c of s.chairs) t.kafedra.push({ kaf_id: c.id, fak_id: c.facId, name_ky: c.nameKy, name_ru: c.nameRu, zav_emp_id: c.zavEmpId });
  for (const sp of s.specs) {
    t.specialnost.push({ spec_id: sp.id, fak_id: sp.facId, kaf_id: sp.kafId, shifr: sp.shifr, name_ky: sp.nameKy, name_ru: sp.nameRu, uroven: sp.uroven, srok_let: sp.srok });
  }
  for (const g of s.groups) {
    t.gruppa.push({ grp_id: g.id, spec_id: g.specId, name: g.name, kurs: g.kurs, god_postupleniya: g.intake, kurator_emp_id: g.curatorEmpId, yazyk: g.yazyk });
  }
}

function writeCurriculum(c: Curriculum, t: AvnTables): void {
  for (const d of c.disciplines) t.disciplina.push({ disc_id: d.id, kaf_id: d.kafId, kod: d.kod, name_ky: d.nameKy, name_ru: d.nameRu });
  for (const p of c.plans) t.uch_plan.push({ plan_id: p.id, spec_id: p.specId, god_nabora: p.intake, name: p.name, utverjden: iso(p.approved) });
  for (const i of c.items) {
    t.uch_plan_str.push({
      str_id: i.id, plan_id: i.planId, disc_id: i.discId, semestr: i.semestr, kredity: i.kredity, chasy_lek: i.lek, chasy_prak: i.prak, chasy_lab: i.lab,
      chasy_srs: i.srs, forma_kontrolya: i.forma, max_m1: i.maxM1, max_m2: i.maxM2, max_itog: i.maxItog,
    });
  }
}

function writeStaff(staff: Staff, t: AvnTables, truth: GroundTruthBuilder): void {
  for (const e of staff.employees) {
    const p = e.person;
    t.sotrudnik.push({
      emp_id: e.id, tabel_nomer: e.tabel, fam: p.fam, imya: p.imya, otch: p.otch, pin: p.pin, data_rojd: iso(p.birth), pol: p.pol, tel: formatPhone(p.phone, 'intl'),
      email: e.workEmail, adres: p.address, passport: p.passport, uch_stepen: e.uchStepen, uch_zvanie: e.uchZvanie, is_pps: e.isPps, is_active: e.isActive,
      foto_url: e.id % 3 === 0 ? null : `https://avn.knu.kg/photo/e/${e.tabel}.jpg`,
    });
    truth.add('avn.employee', e.id, p.key);
  }
  (Object.keys(POSITIONS) as PositionKey[]).forEach((key) => {
    const [name, kategoriya] = POSITIONS[key];
    t.doljnost.push({ dolj_id: staff.doljId[key], name_ky: name, kategoriya });
  });
  for (const row of staff.shtat) {
    t.shtat.push({ shtat_id: row.shtatId, fak_id: row.facId, kaf_id: row.kafId, dolj_id: staff.doljId[row.key], stavok: row.stavok.toFixed(2), oklad: row.oklad.toFixed(2) });
  }
  staff.positions.forEach((p, i) => {
    t.sotrudnik_doljnost.push({ sd_id: i + 1, emp_id: p.empId, shtat_id: p.shtatId, stavka: p.stavka.toFixed(2), data_nach: iso(p.from), data_kon: p.to === null ? null : iso(p.to) });
  });
}

function writeStudents(rng: Rng, students: Student[], t: AvnTables, truth: GroundTruthBuilder): void {
  for (const s of students) {
    const p = s.person;
    t.students.push({
      stud_id: s.id, zachetka: s.zachetka, grp_id: s.grpId, fam: p.fam, imya: p.imya, otch: p.otch, pin: p.pin, data_rojd: iso(p.birth), pol: p.pol,
      grajdanstvo: p.citizenship, tel: formatPhone(p.phone, 'intl'), email: p.email, adres: p.address, passport: p.passport, forma_oplaty: s.forma,
      status_id: s.status, data_postupleniya: iso(s.admitted), foto_url: rng.chance(0.7) ? `https://avn.knu.kg/photo/s/${s.zachetka}.jpg` : null,
    });
    truth.add('avn.student', s.id, p.key);
  }
}

function writeTeaching(teaching: Teaching, t: AvnTables): void {
  const uchGod = academicYear(CURRENT_YEAR);
  for (const l of teaching.loads) t.nagruzka.push({ nagr_id: l.id, emp_id: l.empId, disc_id: l.discId, grp_id: l.grpId, uch_god: uchGod, semestr: l.semestr, vid: l.vid, chasy: l.chasy });
  for (const l of teaching.lessons) {
    t.jurnal_zanyatie.pushValues(l.id, l.grpId, l.discId, l.empId, iso(l.date), l.para, l.vid, l.tema);
  }
}
