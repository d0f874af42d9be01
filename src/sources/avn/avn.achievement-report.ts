/**
 * The term's achievement report (5.11), one row per faculty, programme or group, in one statement.
 * A unit's students are the students of its groups (students.grp_id), whatever their status
 * today; per student, in the term:
 * - counted results: per curriculum item, academic year and semester the latest grade sheet with a
 *   total (the rule of the GPA and of grade statistics), semesters of the term's parity (odd in
 *   autumn, even in spring) of the academic year, with grade points by the grading scale (shkala);
 * - the journal's marks (jurnal_otmetka) on lessons dated within the term, present or late
 *   counting as attended (the rule of the study card's attendance summary);
 * - the tuition debt as of a day (avn.tuition-statistics.ts: contracts and movements dated by then).
 * The statistic `attendanceStatistics` was not on this branch: the attendance rate is computed
 * here, by the same rule as the study card's (avn.attendance-summary.ts, attendance-rate.ts).
 */
import { argsKey, type SourceContext } from '../../db/read-context';
import { Params, and } from '../../db/sql';
import { groupedStatisticsSql, readStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import type { AchievementReportFilter, StatisticsRequest, StatisticsTable } from '../../domain/statistics';
import { studentStatisticsScope } from './avn.scopes';
import { SCALE_CTE, STUDENT_DIMENSIONS, pointsOf, studentFilterSql } from './avn.statistics';
import { STATUS_ORDER, statusCount } from './avn.student-statistics';
import { tuitionPerStudentYearCte } from './avn.tuition-statistics';

export const ACHIEVEMENT_MEASURES = [
  'students', 'studying', 'academicLeave', 'expelled', 'graduated',
  'graded', 'results', 'averageTotal', 'averagePoints',
  'excellent', 'good', 'satisfactory', 'failing', 'passRate',
  'academicDebtors', 'tuitionDebtors', 'attendanceMarks', 'attendanceRate',
] as const;
export type AchievementMeasure = (typeof ACHIEVEMENT_MEASURES)[number];

const REPORT_DIMENSIONS: DimensionsSql = {
  FACULTY: STUDENT_DIMENSIONS.FACULTY,
  PROGRAMME: STUDENT_DIMENSIONS.PROGRAMME,
  GROUP: STUDENT_DIMENSIONS.GROUP,
};

/** jurnal_otmetka.prisutstvie codes that count as attended: present (P) and late (O). */
const ATTENDED = `('P', 'O')`;

export async function achievementReport(c: SourceContext, request: StatisticsRequest<AchievementReportFilter>): Promise<StatisticsTable<AchievementMeasure>> {
  const { filter, reach, dimensions } = request;
  const p = new Params();
  const students = and([
    ...studentFilterSql(filter, p),
    // Access: a dean's faculty.
    studentStatisticsScope(reach, p, 's.grp_id'),
  ]);
  const tuition = tuitionPerStudentYearCte(filter.asOf, p, 'k.stud_id in (select stud_id from pop)');
  const [studying, leave, expelled, graduated] = STATUS_ORDER.map((status) => statusCount(status, p));
  // Per student: average points 4 (every result A) excellent, from 3 good, else satisfactory; any failed result failing.
  const clean = 'coalesce(r.failed, 1) = 0';
  const sql = groupedStatisticsSql({
    dimensionsSql: REPORT_DIMENSIONS,
    dimensions,
    with: `with ${SCALE_CTE},
    pop as materialized (
      select s.stud_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id where ${students}
    ),
    counted as materialized (
      select distinct on (vs.stud_id, v.str_id, v.uch_god, v.semestr) vs.stud_id, vs.total
        from vedomost_str vs
        join vedomost v on v.ved_id = vs.ved_id
       where vs.total is not null and v.uch_god = ${p.add(filter.academicYear)} and v.semestr % 2 = ${p.add(filter.autumn ? 1 : 0)}
         and vs.stud_id in (select stud_id from pop)
       order by vs.stud_id, v.str_id, v.uch_god, v.semestr, v.data_otkr desc, v.ved_id desc
    ),
    results as (
      select r.stud_id, count(*)::int as n, sum(r.total) as total_sum, sum(${pointsOf('r.total')}) as points_sum,
             count(*) filter (where ${pointsOf('r.total')} = 0)::int as failed
        from counted r cross join scale group by r.stud_id
    ),
    marks as (
      select o.stud_id, count(*)::int as n, count(*) filter (where o.prisutstvie in ${ATTENDED})::int as attended
        from jurnal_otmetka o join jurnal_zanyatie z on z.zan_id = o.zan_id
       where z.data between ${p.add(filter.from)}::date and ${p.add(filter.to)}::date and o.stud_id in (select stud_id from pop)
       group by o.stud_id
    ),
    ${tuition}`,
    people: 's.stud_id',
    // One row per student: pop is students by key; results, marks and the first tuition row are per student.
    peopleAreRows: true,
    measures: [
      'count(*)::int as "students"',
      `${studying} as "studying"`,
      `${leave} as "academicLeave"`,
      `${expelled} as "expelled"`,
      `${graduated} as "graduated"`,
      'count(r.stud_id)::int as "graded"',
      'coalesce(sum(r.n), 0)::int as "results"',
      'round(sum(r.total_sum) / nullif(sum(r.n), 0), 2) as "averageTotal"',
      'round(sum(r.points_sum) / nullif(sum(r.n), 0), 2) as "averagePoints"',
      `count(*) filter (where ${clean} and r.points_sum = 4 * r.n)::int as "excellent"`,
      `count(*) filter (where ${clean} and r.points_sum >= 3 * r.n and r.points_sum < 4 * r.n)::int as "good"`,
      `count(*) filter (where ${clean} and r.points_sum < 3 * r.n)::int as "satisfactory"`,
      'count(*) filter (where r.failed > 0)::int as "failing"',
      `round(count(*) filter (where ${clean})::numeric / nullif(count(r.stud_id), 0), 4) as "passRate"`,
      'count(*) filter (where r.failed > 0)::int as "academicDebtors"',
      'count(*) filter (where d.student_debt > 0)::int as "tuitionDebtors"',
      'coalesce(sum(m.n), 0)::int as "attendanceMarks"',
      'round(sum(m.attended)::numeric / nullif(sum(m.n), 0), 4) as "attendanceRate"',
    ],
    from: `from pop
      join students s on s.stud_id = pop.stud_id
      join gruppa g on g.grp_id = s.grp_id
      join specialnost sp on sp.spec_id = g.spec_id
      left join results r on r.stud_id = s.stud_id
      left join marks m on m.stud_id = s.stud_id
      left join tuition d on d.stud_id = s.stud_id and d.student_first`,
  });
  // Once per request for the same report: the CSV download reads its pages in one request.
  const rows = await c.loader(argsKey('avn.achievementReport', { filter, dimensions, reach }), () => c.db.avn.query<Record<string, unknown>>(sql, p.values));
  const keys = ['studying', 'academicLeave', 'expelled', 'graduated'] as const;
  return readStatisticsRows(rows, dimensions, REPORT_DIMENSIONS, ACHIEVEMENT_MEASURES, (row) =>
    STATUS_ORDER.map((label, i) => ({ label, count: Number(row[keys[i]] ?? 0) })),
  );
}
