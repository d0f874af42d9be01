/**
 * AVN's side of the row limits (src/domain/reach.ts): which AVN rows a viewer's reach covers, as
 * conditions over AVN's own tables, for the lists to add to their filters (their pages and
 * `totalCount` then count only what the viewer may see; the guard's check of each object stays as
 * defence in depth). The conditions are self-contained subqueries (no extra statement) with
 * `_`-prefixed aliases, so they never capture the outer query's columns.
 */
import { NOTHING, scopeCondition, type ScopeCondition } from '../../db/scope';
import type { Params } from '../../db/sql';
import type { Reach } from '../../domain/reach';

/**
 * An AVN assignment (sotrudnik_doljnost) current on `today`, the placeholder of the business date
 * (as avn.staff's assignmentCurrent; never the database's current_date).
 */
const CURRENT = (sd: string, today: string) => `(${sd}.data_nach <= ${today}::date and (${sd}.data_kon is null or ${sd}.data_kon >= ${today}::date))`;

/** Groups an employee teaches: its teaching load, its grade sheets and its journal lessons. */
export const taughtGroupsSql = (employee: string) =>
  `select _n.grp_id from nagruzka _n where _n.emp_id = ${employee}
   union select _v.grp_id from vedomost _v where _v.emp_id = ${employee}
   union select _z.grp_id from jurnal_zanyatie _z where _z.emp_id = ${employee}`;

/** Employees of a chair: a position in it current on `today` (a placeholder), or its head. */
export const chairEmployeesSql = (chair: string, today: string) =>
  `select _sd.emp_id from sotrudnik_doljnost _sd join shtat _sh on _sh.shtat_id = _sd.shtat_id
    where _sh.kaf_id = ${chair} and ${CURRENT('_sd', today)}
   union select _k.zav_emp_id from kafedra _k where _k.kaf_id = ${chair} and _k.zav_emp_id is not null`;

/** Groups taught by the employees of a chair (on `today`, a placeholder). */
export const chairGroupsSql = (chair: string, today: string) =>
  `select _n.grp_id from nagruzka _n where _n.emp_id in (${chairEmployeesSql(chair, today)})
   union select _v.grp_id from vedomost _v where _v.emp_id in (${chairEmployeesSql(chair, today)})
   union select _z.grp_id from jurnal_zanyatie _z where _z.emp_id in (${chairEmployeesSql(chair, today)})`;

/** Groups of a faculty's programmes. */
export const facultyGroupsSql = (faculty: string) =>
  `select _g.grp_id from gruppa _g join specialnost _sp on _sp.spec_id = _g.spec_id where _sp.fak_id = ${faculty}`;

/** Employees of a faculty: a position in the faculty or one of its chairs current on `today` (a placeholder), or its dean. */
export const facultyEmployeesSql = (faculty: string, today: string) =>
  `select _sd.emp_id from sotrudnik_doljnost _sd join shtat _sh on _sh.shtat_id = _sd.shtat_id
     left join kafedra _k on _k.kaf_id = _sh.kaf_id
    where coalesce(_sh.fak_id, _k.fak_id) = ${faculty} and ${CURRENT('_sd', today)}
   union select _f.dekan_emp_id from fakultet _f where _f.fak_id = ${faculty} and _f.dekan_emp_id is not null`;

/** Students of a faculty. */
export const facultyStudentsSql = (faculty: string) => `select _s.stud_id from students _s where _s.grp_id in (${facultyGroupsSql(faculty)})`;

/** The group of one student. */
export const ownGroupSql = (student: string) => `select _s.grp_id from students _s where _s.stud_id = ${student}`;

const groupCases = (groupColumn: string) => ({
  faculty: (r: { facultyKey: number }, p: Params) => `${groupColumn} in (${facultyGroupsSql(p.add(r.facultyKey))})`,
  chair: (r: { chairKey: number; today: string }, p: Params) => `${groupColumn} in (${chairGroupsSql(p.add(r.chairKey), p.add(r.today))})`,
  teacher: (r: { employeeKey: number }, p: Params) => `${groupColumn} in (${taughtGroupsSql(p.add(r.employeeKey))})`,
  self: (r: { studentKey: number | null }, p: Params) => (r.studentKey != null ? `${groupColumn} in (${ownGroupSql(p.add(r.studentKey))})` : NOTHING),
});

/** Students (AVN `students`): a faculty's, the groups a chair or teacher teaches, or the student itself. */
export function studentScope(reach: Reach, p: Params, columns: { student: string; group: string }): ScopeCondition {
  return scopeCondition(reach, p, {
    ...groupCases(columns.group),
    self: (r, q) => (r.studentKey != null ? `${columns.student} = ${q.add(r.studentKey)}` : NOTHING),
  });
}

/** Study groups (AVN `gruppa`): part of the published organisation tree, so anonymous callers list them all. */
export function groupScope(reach: Reach, p: Params, groupColumn: string): ScopeCondition {
  return scopeCondition(reach, p, { ...groupCases(groupColumn), public: () => null });
}

/** Grade sheets and journal lessons: a faculty's groups, a chair's teachers, a teacher's own, a student's group. */
export function teachingScope(reach: Reach, p: Params, columns: { group: string; teacher: string }): ScopeCondition {
  return scopeCondition(reach, p, {
    ...groupCases(columns.group),
    chair: (r, q) => `${columns.teacher} in (${chairEmployeesSql(q.add(r.chairKey), q.add(r.today))})`,
    teacher: (r, q) => `${columns.teacher} = ${q.add(r.employeeKey)}`,
  });
}

/**
 * Statistics over students' results (grades, attendance, achievement reports): a faculty's groups,
 * a chair's teachers, a teacher's own; never a student (its group's figures are its peers'
 * records), nor an anonymous caller.
 */
export function teachingStatisticsScope(reach: Reach, p: Params, columns: { group: string; teacher: string }): ScopeCondition {
  return scopeCondition(reach, p, {
    faculty: (r, q) => `${columns.group} in (${facultyGroupsSql(q.add(r.facultyKey))})`,
    chair: (r, q) => `${columns.teacher} in (${chairEmployeesSql(q.add(r.chairKey), q.add(r.today))})`,
    teacher: (r, q) => `${columns.teacher} = ${q.add(r.employeeKey)}`,
  });
}

/** Statistics over students themselves (status, tuition): a faculty's groups; no other limited reach. */
export function studentStatisticsScope(reach: Reach, p: Params, groupColumn: string): ScopeCondition {
  return scopeCondition(reach, p, {
    faculty: (r, q) => `${groupColumn} in (${facultyGroupsSql(q.add(r.facultyKey))})`,
  });
}

/** Student orders: a faculty's, or those naming the student. */
export function orderScope(reach: Reach, p: Params, columns: { order: string; faculty: string }): ScopeCondition {
  return scopeCondition(reach, p, {
    faculty: (r, q) => `${columns.faculty} = ${q.add(r.facultyKey)}`,
    self: (r, q) =>
      r.studentKey != null
        ? `exists (select 1 from prikaz_student _ps where _ps.prikaz_id = ${columns.order} and _ps.stud_id = ${q.add(r.studentKey)})`
        : NOTHING,
  });
}

/**
 * The lines of an order (prikaz_student), under an order the viewer sees: all of them, but a
 * student only its own line — the others name other students (OrderStudent's rule).
 */
export function orderStudentScope(reach: Reach, p: Params, studentColumn: string): ScopeCondition {
  return scopeCondition(reach, p, {
    faculty: () => null,
    self: (r, q) => (r.studentKey != null ? `${studentColumn} = ${q.add(r.studentKey)}` : NOTHING),
  });
}

/**
 * Employees: deans and chairs list their own people; teachers, students and whole-university roles
 * the directory; anonymous callers nobody (Employee has no `public` rule).
 */
export function employeeScope(reach: Reach, p: Params, employeeColumn: string): ScopeCondition {
  return scopeCondition(reach, p, {
    teacher: () => null,
    self: () => null,
    faculty: (r, q) => `${employeeColumn} in (${facultyEmployeesSql(q.add(r.facultyKey), q.add(r.today))})`,
    chair: (r, q) => `${employeeColumn} in (${chairEmployeesSql(q.add(r.chairKey), q.add(r.today))})`,
  });
}

/** Staffing-table lines: a faculty's (its own or its chairs'), a chair's. */
export function staffingScope(reach: Reach, p: Params, columns: { faculty: string; chair: string }): ScopeCondition {
  return scopeCondition(reach, p, {
    faculty: (r, q) => `${columns.faculty} = ${q.add(r.facultyKey)}`,
    chair: (r, q) => `${columns.chair} = ${q.add(r.chairKey)}`,
  });
}

/** Applicants: a faculty's programmes; a student its own application. */
export function applicantScope(reach: Reach, p: Params, columns: { programme: string; student: string }): ScopeCondition {
  return scopeCondition(reach, p, {
    faculty: (r, q) => `${columns.programme} in (select _sp.spec_id from specialnost _sp where _sp.fak_id = ${q.add(r.facultyKey)})`,
    self: (r, q) => (r.studentKey != null ? `${columns.student} = ${q.add(r.studentKey)}` : NOTHING),
  });
}
