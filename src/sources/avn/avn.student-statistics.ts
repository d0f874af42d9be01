/**
 * Student statistics (issue 12): students per group of the requested dimensions, by their status
 * today (students.status_id). A student counts once, in its own group (students.grp_id). One
 * statement, the total from the same scan.
 */
import type { SourceContext } from '../../db/read-context';
import { Params, and } from '../../db/sql';
import { groupedStatisticsSql, readStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import type { StatisticsRequest, StatisticsTable, StudentCountFilter } from '../../domain/statistics';
import { StudentStatus } from '../../domain/students';
import { studentStatisticsScope } from './avn.scopes';
import { STUDENT_DIMENSIONS, studentFilterSql } from './avn.statistics';
import { statusIds } from './avn.students';

export const STUDENT_MEASURES = ['students', 'studying', 'academicLeave', 'expelled', 'graduated'] as const;
export type StudentMeasure = (typeof STUDENT_MEASURES)[number];

/** The statuses in the order of the distribution. */
export const STATUS_ORDER = [StudentStatus.STUDYING, StudentStatus.ACADEMIC_LEAVE, StudentStatus.EXPELLED, StudentStatus.GRADUATED] as const;

const STUDENT_COUNT_DIMENSIONS: DimensionsSql = {
  ...STUDENT_DIMENSIONS,
  // The group's year of study (gruppa.kurs).
  YEAR_OF_STUDY: { sql: 'g.kurs' },
};

/** `count(*)` of the rows whose student (`s`) has a status. */
export const statusCount = (status: StudentStatus, p: Params) => `count(*) filter (where s.status_id = ${p.add(statusIds([status])[0])})::int`;

export async function studentStatistics(c: SourceContext, request: StatisticsRequest<StudentCountFilter>): Promise<StatisticsTable<StudentMeasure>> {
  const { filter, reach, dimensions } = request;
  const p = new Params();
  const where = and([
    ...studentFilterSql(filter, p),
    // Access: a dean's faculty.
    studentStatisticsScope(reach, p, 's.grp_id'),
  ]);
  const [studying, leave, expelled, graduated] = STATUS_ORDER.map((status) => statusCount(status, p));
  const sql = groupedStatisticsSql({
    dimensionsSql: STUDENT_COUNT_DIMENSIONS,
    dimensions,
    people: 's.stud_id',
    // One row per student (students by its key).
    peopleAreRows: true,
    measures: [
      'count(*)::int as "students"',
      `${studying} as "studying"`,
      `${leave} as "academicLeave"`,
      `${expelled} as "expelled"`,
      `${graduated} as "graduated"`,
    ],
    from: `from students s
      join gruppa g on g.grp_id = s.grp_id
      join specialnost sp on sp.spec_id = g.spec_id
     where ${where}`,
  });
  const rows = await c.db.avn.query<Record<string, unknown>>(sql, p.values);
  const keys = ['studying', 'academicLeave', 'expelled', 'graduated'] as const;
  return readStatisticsRows(rows, dimensions, STUDENT_COUNT_DIMENSIONS, STUDENT_MEASURES, (row) =>
    STATUS_ORDER.map((label, i) => ({ label, count: Number(row[keys[i]] ?? 0) })),
  );
}
