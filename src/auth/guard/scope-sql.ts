/**
 * The row rules of src/auth/policies.ts as SQL, for the lists: a root list adds the viewer's
 * condition to its `filters`, so its pages and `totalCount` count only what the viewer may see
 * (the guard's filtering of each object stays as defence in depth). The AVN conditions are
 * self-contained subqueries over AVN's own tables (no extra statement); the conditions over other
 * sources (library cards, dormitory residents, registrar requests of a faculty's students) need
 * the viewer's key sets from ViewerFacts, computed once per request (key-scope.ts).
 *
 * Each function returns a condition, `false` (the viewer sees none of it) or null (no limit).
 * Every switch names the reaches that see something and answers NOTHING for the rest (fail
 * closed): a reach added later, such as anonymous callers' 'public', sees nothing until a scope
 * says otherwise. The subqueries use `_`-prefixed aliases so they never capture the outer query's columns.
 */
import type { Params } from '../../db/sql';
import { businessToday } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import type { Viewer } from '../viewer';
import { reachOf } from '../policies';

/** What a scope needs of the request: the viewer, and the business date for "current" positions. */
export type ScopeContext = Pick<HubContext, 'viewer' | 'runtime'>;

export type ScopeCondition = string | null;

export const NOTHING = 'false';

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

/** Which AVN group column a list's rows belong to, under the viewer's reach. */
function groupCondition(context: ScopeContext, p: Params, groupColumn: string): ScopeCondition {
  const viewer = context.viewer;
  const s = viewer.scope;
  switch (reachOf(viewer)) {
    case 'all':
      return null;
    case 'faculty':
      return `${groupColumn} in (${facultyGroupsSql(p.add(s.facultyKey))})`;
    case 'chair':
      return `${groupColumn} in (${chairGroupsSql(p.add(s.chairKey), p.add(businessToday(context)))})`;
    case 'teacher':
      return `${groupColumn} in (${taughtGroupsSql(p.add(s.employeeKey))})`;
    case 'self':
      return s.studentKey != null ? `${groupColumn} in (${ownGroupSql(p.add(s.studentKey))})` : NOTHING;
    default:
      return NOTHING;
  }
}

/** Students (AVN `students`): a faculty's, the groups a chair or teacher teaches, or the student itself. */
export function studentScope(context: ScopeContext, p: Params, columns: { student: string; group: string }): ScopeCondition {
  const viewer = context.viewer;
  if (reachOf(viewer) === 'self') {
    return viewer.scope.studentKey != null ? `${columns.student} = ${p.add(viewer.scope.studentKey)}` : NOTHING;
  }
  return groupCondition(context, p, columns.group);
}

/** Study groups (AVN `gruppa`): part of the published organisation tree, so anonymous callers list them all. */
export function groupScope(context: ScopeContext, p: Params, groupColumn: string): ScopeCondition {
  if (reachOf(context.viewer) === 'public') return null;
  return groupCondition(context, p, groupColumn);
}

/** Grade sheets and journal lessons: a faculty's groups, a chair's teachers, a teacher's own, a student's group. */
export function teachingScope(context: ScopeContext, p: Params, columns: { group: string; teacher: string }): ScopeCondition {
  const s = context.viewer.scope;
  switch (reachOf(context.viewer)) {
    case 'chair':
      return `${columns.teacher} in (${chairEmployeesSql(p.add(s.chairKey), p.add(businessToday(context)))})`;
    case 'teacher':
      return `${columns.teacher} = ${p.add(s.employeeKey)}`;
    default:
      return groupCondition(context, p, columns.group);
  }
}

/** Student orders: a faculty's, or those naming the student. */
export function orderScope(viewer: Viewer, p: Params, columns: { order: string; faculty: string }): ScopeCondition {
  const s = viewer.scope;
  switch (reachOf(viewer)) {
    case 'all':
      return null;
    case 'faculty':
      return `${columns.faculty} = ${p.add(s.facultyKey)}`;
    case 'self':
      return s.studentKey != null
        ? `exists (select 1 from prikaz_student _ps where _ps.prikaz_id = ${columns.order} and _ps.stud_id = ${p.add(s.studentKey)})`
        : NOTHING;
    default:
      return NOTHING;
  }
}

/**
 * The lines of an order (prikaz_student), under an order the viewer sees: all of them, but a
 * student only its own line — the others name other students (OrderStudent's rule).
 */
export function orderStudentScope(viewer: Viewer, p: Params, studentColumn: string): ScopeCondition {
  const s = viewer.scope;
  switch (reachOf(viewer)) {
    case 'all':
    case 'faculty':
      return null;
    case 'self':
      return s.studentKey != null ? `${studentColumn} = ${p.add(s.studentKey)}` : NOTHING;
    default:
      return NOTHING;
  }
}

/**
 * Employees: deans and chairs list their own people; teachers, students and whole-university roles
 * the directory; anonymous callers nobody (Employee has no `public` rule).
 */
export function employeeScope(context: ScopeContext, p: Params, employeeColumn: string): ScopeCondition {
  const s = context.viewer.scope;
  switch (reachOf(context.viewer)) {
    case 'all':
    case 'teacher':
    case 'self':
      return null;
    case 'faculty':
      return `${employeeColumn} in (${facultyEmployeesSql(p.add(s.facultyKey), p.add(businessToday(context)))})`;
    case 'chair':
      return `${employeeColumn} in (${chairEmployeesSql(p.add(s.chairKey), p.add(businessToday(context)))})`;
    default:
      return NOTHING;
  }
}

/** Staffing-table lines: a faculty's (its own or its chairs'), a chair's. */
export function staffingScope(viewer: Viewer, p: Params, columns: { faculty: string; chair: string }): ScopeCondition {
  const s = viewer.scope;
  switch (reachOf(viewer)) {
    case 'all':
      return null;
    case 'faculty':
      return `${columns.faculty} = ${p.add(s.facultyKey)}`;
    case 'chair':
      return `${columns.chair} = ${p.add(s.chairKey)}`;
    default:
      return NOTHING;
  }
}

/** Applicants: a faculty's programmes; a student its own application. */
export function applicantScope(viewer: Viewer, p: Params, columns: { programme: string; student: string }): ScopeCondition {
  const s = viewer.scope;
  switch (reachOf(viewer)) {
    case 'all':
      return null;
    case 'faculty':
      return `${columns.programme} in (select _sp.spec_id from specialnost _sp where _sp.fak_id = ${p.add(s.facultyKey)})`;
    case 'self':
      return s.studentKey != null ? `${columns.student} = ${p.add(s.studentKey)}` : NOTHING;
    default:
      return NOTHING;
  }
}

/** People of the identity registry (hub database): a student its own person. */
export function personScope(viewer: Viewer, p: Params, personColumn: string): ScopeCondition {
  const s = viewer.scope;
  switch (reachOf(viewer)) {
    case 'all':
      return null;
    case 'self':
      if (s.personKey != null) return `${personColumn} = ${p.add(s.personKey)}`;
      return s.studentKey != null
        ? `${personColumn} in (select _l.person_id from identity_link _l where _l.source = 'avn.student' and _l.local_key = ${p.add(String(s.studentKey))})`
        : NOTHING;
    default:
      return NOTHING;
  }
}

/** Whole-university lists (the document flow): limited reaches see none. */
export function wholeUniversityScope(viewer: Viewer): ScopeCondition {
  return reachOf(viewer) === 'all' ? null : NOTHING;
}

/** A list query with the viewer's condition added to its filters (the page and `totalCount` both obey it). */
export function scoped<Q extends { filters: (p: Params) => (string | null | false | undefined)[] }>(query: Q, scope: (p: Params) => ScopeCondition): Q {
  return { ...query, filters: (p: Params) => [...query.filters(p), scope(p)] };
}
