/**
 * Attendance statistics (issue 12): per group of the requested dimensions, the electronic journal's
 * marks (jurnal_otmetka) of lessons (jurnal_zanyatie) — lessons, marks by presence and the
 * attendance rate of the study card ((present + late) / marks, modules/attendance/attendance-rate.ts).
 * One statement, the total from the same scan.
 *
 * A lesson's term is the academic calendar's (src/domain/academic-term.ts): the academic year runs
 * September to August, autumn is September to January; its semester of study counts from the
 * lesson group's intake year (odd semesters in autumn), as the curriculum and the grade sheets do.
 *
 * GRADE_BAND is the band of the student's GPA as the study card computes it (academic-record.ts):
 * per student, curriculum item, academic year and semester the latest grade sheet with a total,
 * Σ(credits × grade points) / Σ credits over those with a band on the scale, rounded to two
 * decimals — over the student's whole record, whatever the attendance filter selects (lessons of a
 * term in progress have no final grades yet). Students without a counted result have no band.
 */
import type { SourceContext } from '../../db/read-context';
import { Params, and } from '../../db/sql';
import { groupedStatisticsSql, readStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import { Presence } from '../../domain/attendance';
import { GradeBand, StatisticsDimension, type StatisticsRequest, type StatisticsTable, type StudentStatisticsFilter } from '../../domain/statistics';
import { teachingStatisticsScope } from './avn.scopes';
import { SCALE_CTE, STUDENT_DIMENSIONS, pointsOf, studentFilterSql } from './avn.statistics';

export const ATTENDANCE_MEASURES = ['lessons', 'marks', 'present', 'late', 'absent', 'excused', 'attendanceRate'] as const;
export type AttendanceMeasure = (typeof ATTENDANCE_MEASURES)[number];

/** jurnal_otmetka.prisutstvie codes (as avn.journal.ts reads them), in the order of the distribution. */
const PRESENCE_CODE: readonly (readonly [Presence, string])[] = [
  [Presence.PRESENT, 'P'],
  [Presence.LATE, 'O'],
  [Presence.ABSENT, 'N'],
  [Presence.EXCUSED, 'U'],
];
const code = (presence: Presence) => PRESENCE_CODE.find(([p]) => p === presence)![1];
const countOf = (presence: Presence) => `count(*) filter (where o.prisutstvie = '${code(presence)}')`;

/** The academic year's first calendar year of a lesson (September to August). */
const YEAR_START = `extract(year from z.data - interval '8 months')::int`;
/** Autumn: September to January. */
const AUTUMN = `extract(month from z.data)::int in (9, 10, 11, 12, 1)`;
const ACADEMIC_YEAR_SQL = `(${YEAR_START} || '-' || (${YEAR_START} + 1))`;
const SEMESTER_SQL = `(2 * (${YEAR_START} - g.god_postupleniya) + case when ${AUTUMN} then 1 else 2 end)`;

const BAND_SQL = `case when b.gpa >= 4 then '${GradeBand.EXCELLENT}' when b.gpa >= 3 then '${GradeBand.GOOD}'
  when b.gpa > 0 then '${GradeBand.SATISFACTORY}' when b.gpa = 0 then '${GradeBand.FAILING}' end`;

const ATTENDANCE_DIMENSIONS: DimensionsSql = {
  ...STUDENT_DIMENSIONS,
  YEAR_OF_STUDY: { sql: `(${YEAR_START} - g.god_postupleniya + 1)` },
  ACADEMIC_YEAR: { sql: ACADEMIC_YEAR_SQL },
  SEMESTER: { sql: SEMESTER_SQL },
  DISCIPLINE: { sql: 'z.disc_id' },
  TEACHER: { sql: 'z.emp_id' },
  DATE: { sql: `to_char(z.data, 'YYYY-MM-DD')` },
  WEEK: { sql: `to_char(date_trunc('week', z.data), 'YYYY-MM-DD')` },
  GRADE_BAND: { sql: BAND_SQL },
};

/** Each student's GPA (the study card's rule, see the header), for GRADE_BAND. */
const GPA_CTE = `gpa as materialized (
    select c.stud_id, round(sum(c.kredity * ${pointsOf('c.total')}) / nullif(sum(c.kredity), 0), 2) as gpa
      from (select distinct on (vs.stud_id, v.str_id, v.uch_god, v.semestr) vs.stud_id, vs.total, ups.kredity
              from vedomost_str vs
              join vedomost v on v.ved_id = vs.ved_id
              join uch_plan_str ups on ups.str_id = v.str_id
             where vs.total is not null
             order by vs.stud_id, v.str_id, v.uch_god, v.semestr, v.data_otkr desc, v.ved_id desc) c
      cross join scale
     where ${pointsOf('c.total')} is not null
     group by c.stud_id
  )`;

export async function attendanceStatistics(
  c: SourceContext, request: StatisticsRequest<StudentStatisticsFilter>,
): Promise<StatisticsTable<AttendanceMeasure>> {
  const { filter, reach, dimensions } = request;
  const p = new Params();
  const withBand = dimensions.includes(StatisticsDimension.GRADE_BAND);
  const where = and([
    ...studentFilterSql(filter, p),
    !!filter.academicYear && `${ACADEMIC_YEAR_SQL} = ${p.add(filter.academicYear)}`,
    filter.semester != null && `${SEMESTER_SQL} = ${p.add(filter.semester)}`,
    filter.disciplineKey != null && `z.disc_id = ${p.add(filter.disciplineKey)}`,
    filter.teacherKey != null && `z.emp_id = ${p.add(filter.teacherKey)}`,
    !!filter.from && `z.data >= ${p.add(filter.from)}::date`,
    !!filter.to && `z.data <= ${p.add(filter.to)}::date`,
    // Access: the viewer's faculty's groups, chair's teachers or own lessons.
    teachingStatisticsScope(reach, p, { group: 'z.grp_id', teacher: 'z.emp_id' }),
  ]);
  const sql = groupedStatisticsSql({
    dimensionsSql: ATTENDANCE_DIMENSIONS,
    dimensions,
    with: withBand ? `with ${SCALE_CTE}, ${GPA_CTE}` : '',
    people: 'o.stud_id',
    measures: [
      'count(distinct o.zan_id)::int as "lessons"',
      'count(*)::int as "marks"',
      `${countOf(Presence.PRESENT)}::int as "present"`,
      `${countOf(Presence.LATE)}::int as "late"`,
      `${countOf(Presence.ABSENT)}::int as "absent"`,
      `${countOf(Presence.EXCUSED)}::int as "excused"`,
      `round((${countOf(Presence.PRESENT)} + ${countOf(Presence.LATE)})::numeric / nullif(count(*), 0), 4) as "attendanceRate"`,
    ],
    from: `from jurnal_otmetka o
      join jurnal_zanyatie z on z.zan_id = o.zan_id
      join students s on s.stud_id = o.stud_id
      join gruppa g on g.grp_id = z.grp_id
      join specialnost sp on sp.spec_id = g.spec_id
      ${withBand ? 'left join gpa b on b.stud_id = o.stud_id' : ''}
     where ${where}`,
  });
  const rows = await c.db.avn.query<Record<string, unknown>>(sql, p.values);
  return readStatisticsRows(rows, dimensions, ATTENDANCE_DIMENSIONS, ATTENDANCE_MEASURES, (row) =>
    PRESENCE_CODE.map(([label]) => ({ label, count: Number(row[label.toLowerCase()] ?? 0) })),
  );
}
