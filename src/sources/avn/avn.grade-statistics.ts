/**
 * Grade statistics (issue 12): per group of the requested dimensions, the counted results — per
 * student, curriculum item, academic year and semester the latest grade sheet with a total, the
 * rule of the GPA and of the academic debtors (avn.grades.ts) — with their average, pass rate,
 * failures and letters by the grading scale (shkala). One statement, the total from the same scan.
 *
 * How it stays fast (bench:stats): a result is counted unless a later sheet of the same curriculum
 * item and term has a total for the same student — an anti-join through the pairs of sheets of one
 * item and term (few), instead of sorting every result for a DISTINCT ON; each result's band of the
 * scale is found once; results are summed per student and the few raw columns the dimensions need
 * (hashed), then per student and cell, then per cell (perPersonStatisticsSql): no count(distinct).
 */
import type { SourceContext } from '../../db/read-context';
import { Params, and } from '../../db/sql';
import { perPersonStatisticsSql, readStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import { StatisticsDimension, type StatisticsRequest, type StatisticsTable, type StudentStatisticsFilter } from '../../domain/statistics';
import { teachingStatisticsScope } from './avn.scopes';
import { STUDENT_DIMENSIONS, studentFilterSql } from './avn.statistics';

export const GRADE_MEASURES = ['graded', 'averageTotal', 'passRate', 'passed', 'failures', 'averagePoints'] as const;
export type GradeMeasure = (typeof GRADE_MEASURES)[number];

/** One band of the grading scale (data: shkala). */
interface ScaleBand {
  min: string;
  points: string;
  letter: string;
}

/** The grading scale's bands by lower bound ascending, once per request. */
function scaleBands(c: SourceContext): Promise<ScaleBand[]> {
  return c.loader('avn:scale-bands', () =>
    c.db.avn.query<ScaleBand>('select min_ball::text as min, ball::text as points, bukva as letter from shkala order by min_ball'),
  );
}

/** The columns of a counted result (`counted`) a dimension needs beyond the student and the sheet's group. */
const RAW_COLUMNS: { [D in StatisticsDimension]?: string } = {
  YEAR_OF_STUDY: 'semestr',
  ACADEMIC_YEAR: 'uch_god',
  SEMESTER: 'semestr',
  DISCIPLINE: 'str_id',
  TEACHER: 'emp_id',
};

const GRADE_DIMENSIONS: DimensionsSql = {
  ...STUDENT_DIMENSIONS,
  // The year of study a term belongs to: semesters 1–2 are year 1, 3–4 year 2…
  YEAR_OF_STUDY: { sql: '((r.semestr + 1) / 2)' },
  ACADEMIC_YEAR: { sql: 'r.uch_god' },
  SEMESTER: { sql: 'r.semestr' },
  DISCIPLINE: { sql: 'ups.disc_id' },
  TEACHER: { sql: 'r.emp_id' },
};

export async function gradeStatistics(c: SourceContext, request: StatisticsRequest<StudentStatisticsFilter>): Promise<StatisticsTable<GradeMeasure>> {
  const { filter, reach, dimensions } = request;
  const bands = await scaleBands(c);
  const p = new Params();
  // Conditions on the curriculum item's term and discipline pick whole partitions of the counted
  // attempt (a later sheet of the item and term meets them too), so they apply before it is
  // chosen; the teacher and the viewer's reach apply to the counted attempt itself.
  const counted = and([
    'vs.total is not null',
    !!filter.academicYear && `v.uch_god = ${p.add(filter.academicYear)}`,
    filter.semester != null && `v.semestr = ${p.add(filter.semester)}`,
    filter.disciplineKey != null && `v.str_id in (select _u.str_id from uch_plan_str _u where _u.disc_id = ${p.add(filter.disciplineKey)})`,
    // Not counted: a later sheet (by opening date, then number) of the same item and term has a total for the student.
    `not exists (select 1 from vedomost _a
        join vedomost _b on _b.str_id = _a.str_id and _b.uch_god = _a.uch_god and _b.semestr = _a.semestr
                        and (_b.data_otkr > _a.data_otkr or (_b.data_otkr = _a.data_otkr and _b.ved_id > _a.ved_id))
        join vedomost_str _l on _l.ved_id = _b.ved_id
       where _a.ved_id = vs.ved_id and _l.stud_id = vs.stud_id and _l.total is not null)`,
    filter.teacherKey != null && `v.emp_id = ${p.add(filter.teacherKey)}`,
    // Access: the viewer's faculty, chair or own sheets.
    teachingStatisticsScope(reach, p, { group: 'v.grp_id', teacher: 'v.emp_id' }),
  ]);
  const raw = [...new Set(dimensions.map((d) => RAW_COLUMNS[d]).filter((column): column is string => !!column))];
  const mins = p.add(bands.map((b) => b.min));
  // Band i (1-based) of the scale; 0 below every band (no points, no letter, as `scale.points[0]` is null).
  const bandCounts = bands.map((_, i) => `count(*) filter (where c.band = ${i + 1})::int as _b${i + 1}`);
  const bandSums = bands.map((_, i) => `sum(r._b${i + 1})::int as _b${i + 1}`);
  const sumOf = (indexes: number[]) => (indexes.length ? indexes.map((i) => `sum(_b${i + 1})`).join(' + ') : '0');
  const passing = bands.flatMap((b, i) => (Number(b.points) > 0 ? [i] : []));
  const failing = bands.flatMap((b, i) => (Number(b.points) === 0 ? [i] : []));
  const banded = bands.map((_, i) => i);
  const pointsSum = bands.map((b, i) => `sum(_b${i + 1}) * ${p.add(b.points)}::numeric`).join(' + ') || 'null';
  const order = ['c.stud_id', 'c.grp_id', ...raw.map((column) => `c.${column}`)];
  // By discipline or teacher the sums per student and sheet would hardly be fewer than the results
  // (and their hash would spill): each result goes on as its own partial sum.
  const perResult = raw.includes('str_id') || raw.includes('emp_id');
  const perSheet = perResult
    ? `select ${[...order, '1 as _n', 'c.total as _sum', ...bands.map((_, i) => `(c.band = ${i + 1})::int as _b${i + 1}`)].join(', ')}
          from counted c`
    : `select ${[...order, 'count(*)::int as _n', 'sum(c.total) as _sum', ...bandCounts].join(', ')}
          from counted c
         group by ${order.join(', ')}`;
  const sql = perPersonStatisticsSql({
    dimensionsSql: GRADE_DIMENSIONS,
    dimensions,
    with: `with counted as (
        select vs.stud_id, vs.total, v.grp_id, v.emp_id, v.uch_god, v.semestr, v.str_id, width_bucket(vs.total, ${mins}::numeric[]) as band
          from vedomost_str vs
          join vedomost v on v.ved_id = vs.ved_id
         where ${counted}
        offset 0
      ), per_sheet as (
        ${perSheet}
      )`,
    person: 'r.stud_id',
    partials: ['sum(r._n)::int as _n', 'sum(r._sum) as _sum', ...bandSums],
    measures: [
      'coalesce(sum(_n), 0)::int as "graded"',
      'round(sum(_sum) / nullif(sum(_n), 0), 2) as "averageTotal"',
      `round(coalesce(${sumOf(passing)}, 0)::numeric / nullif(sum(_n), 0), 4) as "passRate"`,
      `coalesce(${sumOf(passing)}, 0)::int as "passed"`,
      `coalesce(${sumOf(failing)}, 0)::int as "failures"`,
      `round((${pointsSum}) / nullif(${sumOf(banded)}, 0), 2) as "averagePoints"`,
      // Letters best first, as the distribution lists them.
      ...bands.map((_, i) => `coalesce(sum(_b${i + 1}), 0)::int as "_letter${bands.length - 1 - i}"`),
    ],
    from: `from per_sheet r
      join students s on s.stud_id = r.stud_id
      join gruppa g on g.grp_id = r.grp_id
      join specialnost sp on sp.spec_id = g.spec_id
      ${dimensions.includes(StatisticsDimension.DISCIPLINE) ? 'join uch_plan_str ups on ups.str_id = r.str_id' : ''}
     where ${and(studentFilterSql(filter, p))}`,
  });
  const rows = await c.db.avn.query<Record<string, unknown>>(sql, p.values);
  const letters = [...bands].reverse().map((b) => b.letter);
  return readStatisticsRows(rows, dimensions, GRADE_DIMENSIONS, GRADE_MEASURES, (row) =>
    letters.map((label, i) => ({ label, count: Number(row[`_letter${i}`] ?? 0) })),
  );
}
