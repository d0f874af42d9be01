/**
 * What AVN's statistics share: the dimensions of a student's record (faculty, programme, group,
 * year of study, intake year, funding, gender, status) as SQL over a student (`s`), a group (`g`)
 * and its programme (`sp`), and the shared filter as conditions over the same aliases.
 */
import type { DimensionsSql } from '../../db/statistics-sql';
import type { Params } from '../../db/sql';
import type { StudentStatisticsFilter } from '../../domain/statistics';
import type { Gender } from '../../domain/students';
import { FUNDING, FUNDING_CODE, GENDER, STATUS_BY_ID } from './avn.students';

/** The grading scale once per statement: lower bounds and grade points ascending (`width_bucket` finds a total's row). */
export const SCALE_CTE = `scale as (select array_agg(min_ball order by min_ball) as mins, array_agg(ball order by min_ball) as points,
    array_agg(bukva order by min_ball) as letters from shkala)`;

/** A total's grade points by the scale (`scale` in scope), null below every band. */
export const pointsOf = (total: string) => `scale.points[width_bucket(${total}, scale.mins)]`;
/** A total's letter by the scale, null below every band. */
export const letterOf = (total: string) => `scale.letters[width_bucket(${total}, scale.mins)]`;

/**
 * The dimensions of a student's record. `g` is the group the fact belongs to (a grade sheet's, a
 * lesson's, the student's own), `s` the student, `sp` the group's programme.
 */
export const STUDENT_DIMENSIONS: DimensionsSql = {
  FACULTY: { sql: 'sp.fak_id' },
  PROGRAMME: { sql: 'g.spec_id' },
  GROUP: { sql: 'g.grp_id' },
  INTAKE_YEAR: { sql: 'g.god_postupleniya' },
  FUNDING_TYPE: { sql: 's.forma_oplaty', read: (v) => FUNDING[String(v)] },
  GENDER: { sql: 's.pol', read: (v) => GENDER[String(v)] },
  STUDENT_STATUS: { sql: 's.status_id', read: (v) => STATUS_BY_ID[Number(v)] },
};

const GENDER_CODE = Object.fromEntries(Object.entries(GENDER).map(([code, gender]) => [gender, code])) as Record<Gender, string>;

/** The student-record conditions of the shared filter over `s`, `g`, `sp`. */
export function studentFilterSql(filter: StudentStatisticsFilter, p: Params): (string | false)[] {
  return [
    filter.facultyKey != null && `sp.fak_id = ${p.add(filter.facultyKey)}`,
    filter.programmeKey != null && `g.spec_id = ${p.add(filter.programmeKey)}`,
    filter.groupKey != null && `g.grp_id = ${p.add(filter.groupKey)}`,
    filter.fundingType != null && `s.forma_oplaty = ${p.add(FUNDING_CODE[filter.fundingType])}`,
    filter.gender != null && `s.pol = ${p.add(GENDER_CODE[filter.gender])}`,
  ];
}
