/**
 * AVN's answers about a viewer that its row rules compare objects with: the groups a teacher
 * teaches, a chair's or a faculty's employees and groups, a faculty's students, a student's own
 * card, orders and contracts. Each is one statement; the auth layer (ViewerFacts) asks once per
 * request and only when a rule needs it.
 */
import type { SourceContext } from '../../db/read-context';
import { chairEmployeesSql, chairGroupsSql, facultyEmployeesSql, facultyGroupsSql, facultyStudentsSql, taughtGroupsSql } from './avn.scopes';

type Reader = Pick<SourceContext, 'db'>;

const ints = (rows: { k: number | string }[]) => new Set(rows.map((r) => Number(r.k)).filter(Number.isInteger));

async function keys(context: Reader, sql: string, params: unknown[]): Promise<Set<number>> {
  return ints(await context.db.avn.query<{ k: number }>(sql, params));
}

/** Groups an employee teaches (load, grade sheets, journal). */
export const taughtGroupKeys = (context: Reader, employeeKey: number | null) =>
  keys(context, `select grp_id as k from (${taughtGroupsSql('$1')}) t`, [employeeKey]);

/** Employees of a chair on the business date `today`. */
export const chairEmployeeKeys = (context: Reader, chairKey: number | null, today: string) =>
  keys(context, `select emp_id as k from (${chairEmployeesSql('$1', '$2')}) t`, [chairKey, today]);

/** Groups taught by a chair's employees on `today`. */
export const chairGroupKeys = (context: Reader, chairKey: number | null, today: string) =>
  keys(context, `select grp_id as k from (${chairGroupsSql('$1', '$2')}) t`, [chairKey, today]);

/** Groups of a faculty's programmes. */
export const facultyGroupKeys = (context: Reader, facultyKey: number | null) =>
  keys(context, `select grp_id as k from (${facultyGroupsSql('$1')}) t`, [facultyKey]);

/** Employees of a faculty on `today`. */
export const facultyEmployeeKeys = (context: Reader, facultyKey: number | null, today: string) =>
  keys(context, `select emp_id as k from (${facultyEmployeesSql('$1', '$2')}) t`, [facultyKey, today]);

/** Student keys of a faculty's students. */
export const facultyStudentKeys = (context: Reader, facultyKey: number | null) =>
  keys(context, `select stud_id as k from (${facultyStudentsSql('$1')}) t`, [facultyKey]);

/** Student-book numbers of a faculty's students (other systems know students by them). */
export async function facultyStudentNumbers(context: Reader, facultyKey: number | null): Promise<Set<string>> {
  const rows = await context.db.avn.query<{ n: string }>(
    `select s.zachetka as n from students s where s.stud_id in (${facultyStudentsSql('$1')})`,
    [facultyKey],
  );
  return new Set(rows.map((r) => r.n));
}

/** What the rules compare of one student: its group, student-book number and PIN. */
export interface StudentCard {
  studentKey: number;
  groupKey: number;
  studentNumber: string;
  pin: string | null;
}

export async function studentCard(context: Reader, studentKey: number): Promise<StudentCard | null> {
  const [row] = await context.db.avn.query<{ stud_id: number; grp_id: number; zachetka: string; pin: string | null }>(
    'select s.stud_id, s.grp_id, s.zachetka, s.pin from students s where s.stud_id = $1',
    [studentKey],
  );
  return row ? { studentKey: row.stud_id, groupKey: row.grp_id, studentNumber: row.zachetka, pin: row.pin?.trim() || null } : null;
}

/** Orders naming a student. */
export const orderKeysOfStudent = (context: Reader, studentKey: number | null) =>
  keys(context, 'select distinct ps.prikaz_id as k from prikaz_student ps where ps.stud_id = $1', [studentKey]);

/** A student's tuition contracts. */
export const contractKeysOfStudent = (context: Reader, studentKey: number | null) =>
  keys(context, 'select k.kontr_id as k from kontrakt k where k.stud_id = $1', [studentKey]);
