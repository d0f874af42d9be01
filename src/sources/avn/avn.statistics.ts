/**
 * What AVN's statistics share: the dimensions of a student's record (faculty, programme, group,
 * year of study, intake year, funding, gender, status) as SQL over a student (`s`), a group (`g`)
 * and its programme (`sp`), and the shared filter as conditions over the same aliases.
 */
import { ErrorCode, HubError } from '../../common/errors';
import type { SourceContext } from '../../db/read-context';
import type { DimensionsSql } from '../../db/statistics-sql';
import { Params, and } from '../../db/sql';
import {
  KEY_FIELD,
  type CrossSourceStatisticsFilter,
  type StatisticsKey,
  type StatisticsRequest,
  type StudentCellMap,
  type StudentStatisticsFilter,
} from '../../domain/statistics';
import type { Gender } from '../../domain/students';
import { studentStatisticsScope } from './avn.scopes';
import { FUNDING, FUNDING_CODE, GENDER, STATUS_BY_ID, statusIds } from './avn.students';

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
export function studentFilterSql(filter: Pick<StudentStatisticsFilter, 'facultyKey' | 'programmeKey' | 'groupKey' | 'fundingType' | 'gender'>, p: Params): (string | false)[] {
  return [
    filter.facultyKey != null && `sp.fak_id = ${p.add(filter.facultyKey)}`,
    filter.programmeKey != null && `g.spec_id = ${p.add(filter.programmeKey)}`,
    filter.groupKey != null && `g.grp_id = ${p.add(filter.groupKey)}`,
    filter.fundingType != null && `s.forma_oplaty = ${p.add(FUNDING_CODE[filter.fundingType])}`,
    filter.gender != null && `s.pol = ${p.add(GENDER_CODE[filter.gender])}`,
  ];
}

/**
 * Step (a) of a cross-source statistic (src/hub/statistics/cross-source.ts): the students the
 * viewer's statistics cover (a dean's faculty) and the filter selects, each with the index of its
 * cell of the requested student dimensions (of its own group), and the cells' keys — one
 * statement, one row per cell. With `numbers`, also each student's number (zachetka), the key the registrar types in.
 */
export async function studentCellMap(
  c: SourceContext,
  request: StatisticsRequest<CrossSourceStatisticsFilter> & { numbers?: boolean },
): Promise<StudentCellMap> {
  const { filter, reach, dimensions } = request;
  const p = new Params();
  const dims = dimensions.map((d, i) => {
    const spec = STUDENT_DIMENSIONS[d];
    if (!spec) throw new HubError(ErrorCode.VALIDATION_FAILED, `This statistic cannot be grouped by ${d}.`, { field: 'groupBy' });
    return { alias: `_d${i}`, sql: spec.sql, read: spec.read };
  });
  const conditions = [
    ...studentFilterSql(filter, p),
    filter.studentStatusIn != null && `s.status_id = any(${p.add(statusIds(filter.studentStatusIn))}::int[])`,
  ];
  const everyStudent = reach.kind === 'all' && conditions.every((x) => !x);
  const where = and([...conditions, studentStatisticsScope(reach, p, 's.grp_id')]);
  // One row per cell (a hash aggregate, no sort of the students): its key and its students.
  const rows = await c.db.avn.query<Record<string, unknown> & { keys: number[]; numbers: string[] | null }>(
    `select ${dims.map((d) => `${d.sql} as ${d.alias}, `).join('')}array_agg(s.stud_id) as keys${request.numbers ? ', array_agg(s.zachetka) as numbers' : ''}
       from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
      where ${where}
      ${dims.length ? `group by ${dims.map((d) => d.sql).join(', ')}` : 'having count(*) > 0'}`,
    p.values,
  );
  const cells: StatisticsKey[] = [];
  const studentKeys: number[] = [];
  const cellIndexes: number[] = [];
  const studentNumbers: string[] = [];
  rows.forEach((row, index) => {
    const key: StatisticsKey = {};
    dims.forEach((d, i) => {
      const raw = row[d.alias] ?? null;
      (key as Record<string, unknown>)[KEY_FIELD[dimensions[i]]] = raw === null ? null : d.read ? d.read(raw) : raw;
    });
    cells.push(key);
    for (const k of row.keys) {
      studentKeys.push(k);
      cellIndexes.push(index);
    }
    if (row.numbers) studentNumbers.push(...row.numbers);
  });
  return { cells, studentKeys, cellIndexes, ...(request.numbers ? { studentNumbers } : {}), everyStudent };
}
