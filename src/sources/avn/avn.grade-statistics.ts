/**
 * Grade statistics (issue 12): per group of the requested dimensions, the counted results — per
 * student, curriculum item, academic year and semester the latest grade sheet with a total, the
 * rule of the GPA and of the academic debtors (avn.grades.ts) — with their average, pass rate,
 * failures and letters by the grading scale (shkala). One statement, the total from the same scan.
 */
import type { SourceContext } from '../../db/read-context';
import { Params, and } from '../../db/sql';
import { groupedStatisticsSql, readStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import type { StatisticsRequest, StatisticsTable, StudentStatisticsFilter } from '../../domain/statistics';
import { teachingStatisticsScope } from './avn.scopes';
import { SCALE_CTE, STUDENT_DIMENSIONS, letterOf, pointsOf, studentFilterSql } from './avn.statistics';

export const GRADE_MEASURES = ['graded', 'averageTotal', 'passRate', 'passed', 'failures', 'averagePoints'] as const;
export type GradeMeasure = (typeof GRADE_MEASURES)[number];

/** The letters of the grading scale (data: shkala), best first, once per request. */
function scaleLetters(c: SourceContext): Promise<string[]> {
  return c.loader('avn:scale-letters', async () =>
    (await c.db.avn.query<{ bukva: string }>('select bukva from shkala order by min_ball desc')).map((r) => r.bukva),
  );
}

const GRADE_DIMENSIONS: DimensionsSql = {
  ...STUDENT_DIMENSIONS,
  // The year of study a term belongs to: semesters 1–2 are year 1, 3–4 year 2…
  YEAR_OF_STUDY: { sql: '((r.semestr + 1) / 2)' },
  ACADEMIC_YEAR: { sql: 'r.uch_god' },
  SEMESTER: { sql: 'r.semestr' },
  DISCIPLINE: { sql: 'r.disc_id' },
  TEACHER: { sql: 'r.emp_id' },
};

export async function gradeStatistics(c: SourceContext, request: StatisticsRequest<StudentStatisticsFilter>): Promise<StatisticsTable<GradeMeasure>> {
  const { filter, reach, dimensions } = request;
  const letters = await scaleLetters(c);
  const p = new Params();
  // Conditions on the curriculum item's term and discipline pick whole partitions of the counted
  // attempt, so they apply before it is chosen; the rest apply to the counted attempt.
  const attempt = and([
    'vs.total is not null',
    !!filter.academicYear && `v.uch_god = ${p.add(filter.academicYear)}`,
    filter.semester != null && `v.semestr = ${p.add(filter.semester)}`,
    filter.disciplineKey != null && `ups.disc_id = ${p.add(filter.disciplineKey)}`,
  ]);
  const counted = and([
    ...studentFilterSql(filter, p),
    filter.teacherKey != null && `r.emp_id = ${p.add(filter.teacherKey)}`,
    // Access: the viewer's faculty, chair or own sheets.
    teachingStatisticsScope(reach, p, { group: 'r.grp_id', teacher: 'r.emp_id' }),
  ]);
  const sql = groupedStatisticsSql({
    dimensionsSql: GRADE_DIMENSIONS,
    dimensions,
    with: `with ${SCALE_CTE}, counted as materialized (
        select distinct on (vs.stud_id, v.str_id, v.uch_god, v.semestr)
               vs.stud_id, vs.total, v.grp_id, v.emp_id, v.uch_god, v.semestr, ups.disc_id
          from vedomost_str vs
          join vedomost v on v.ved_id = vs.ved_id
          join uch_plan_str ups on ups.str_id = v.str_id
         where ${attempt}
         order by vs.stud_id, v.str_id, v.uch_god, v.semestr, v.data_otkr desc, v.ved_id desc
      )`,
    people: 'r.stud_id',
    measures: [
      'count(*)::int as "graded"',
      'round(avg(r.total), 2) as "averageTotal"',
      `round(count(*) filter (where ${pointsOf('r.total')} > 0)::numeric / nullif(count(*), 0), 4) as "passRate"`,
      `count(*) filter (where ${pointsOf('r.total')} > 0)::int as "passed"`,
      `count(*) filter (where ${pointsOf('r.total')} = 0)::int as "failures"`,
      `round(avg(${pointsOf('r.total')}), 2) as "averagePoints"`,
      ...letters.map((l, i) => `count(*) filter (where ${letterOf('r.total')} = ${p.add(l)})::int as "_letter${i}"`),
    ],
    from: `from counted r
      cross join scale
      join students s on s.stud_id = r.stud_id
      join gruppa g on g.grp_id = r.grp_id
      join specialnost sp on sp.spec_id = g.spec_id
     where ${counted}`,
  });
  const rows = await c.db.avn.query<Record<string, unknown>>(sql, p.values);
  return readStatisticsRows(rows, dimensions, GRADE_DIMENSIONS, GRADE_MEASURES, (row) =>
    letters.map((label, i) => ({ label, count: Number(row[`_letter${i}`] ?? 0) })),
  );
}
