/**
 * Admission statistics (issue 12): per group of programme, faculty and intake year (the calendar
 * year of the application's submission date), AVN's applications (abiturient) — applicants,
 * enrolled, with a national test score and its average. One statement, the total from the same scan.
 */
import type { SourceContext } from '../../db/read-context';
import { Params, and } from '../../db/sql';
import { groupedStatisticsSql, readStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import type { AdmissionStatisticsFilter, StatisticsRequest, StatisticsTable } from '../../domain/statistics';
import { scopeCondition } from '../../db/scope';
import type { Reach } from '../../domain/reach';

export const ADMISSION_MEASURES = ['applicants', 'enrolled', 'enrolmentRate', 'scored', 'averageScore'] as const;
export type AdmissionMeasure = (typeof ADMISSION_MEASURES)[number];

const ADMISSION_DIMENSIONS: DimensionsSql = {
  FACULTY: { sql: 'sp.fak_id' },
  PROGRAMME: { sql: 'a.spec_id' },
  INTAKE_YEAR: { sql: 'extract(year from a.data_podachi)::int' },
};

/** Applications the viewer's statistics cover: a dean's faculty's programmes; no other limited reach. */
function admissionStatisticsScope(reach: Reach, p: Params) {
  return scopeCondition(reach, p, { faculty: (r, q) => `sp.fak_id = ${q.add(r.facultyKey)}` });
}

export async function admissionStatistics(c: SourceContext, request: StatisticsRequest<AdmissionStatisticsFilter>): Promise<StatisticsTable<AdmissionMeasure>> {
  const { filter, reach, dimensions } = request;
  const p = new Params();
  const where = and([
    filter.facultyKey != null && `sp.fak_id = ${p.add(filter.facultyKey)}`,
    filter.programmeKey != null && `a.spec_id = ${p.add(filter.programmeKey)}`,
    filter.intakeYear != null && `a.data_podachi >= make_date(${p.add(filter.intakeYear)}::int, 1, 1) and a.data_podachi < make_date(${p.add(filter.intakeYear + 1)}::int, 1, 1)`,
    !!filter.submittedFrom && `a.data_podachi >= ${p.add(filter.submittedFrom)}::date`,
    !!filter.submittedTo && `a.data_podachi <= ${p.add(filter.submittedTo)}::date`,
    admissionStatisticsScope(reach, p),
  ]);
  const sql = groupedStatisticsSql({
    dimensionsSql: ADMISSION_DIMENSIONS,
    dimensions,
    // A person applying to several programmes is one applicant: known by PIN, else by the application.
    people: `coalesce(nullif(trim(a.pin), ''), 'application:' || a.abit_id)`,
    measures: [
      'count(*)::int as "applicants"',
      `count(*) filter (where a.status = 'zachislen')::int as "enrolled"`,
      `round(count(*) filter (where a.status = 'zachislen')::numeric / nullif(count(*), 0), 4) as "enrolmentRate"`,
      'count(a.ort_ball)::int as "scored"',
      'round(avg(a.ort_ball), 2) as "averageScore"',
    ],
    from: `from abiturient a join specialnost sp on sp.spec_id = a.spec_id where ${where}`,
  });
  const rows = await c.db.avn.query<Record<string, unknown>>(sql, p.values);
  return readStatisticsRows(rows, dimensions, ADMISSION_DIMENSIONS, ADMISSION_MEASURES);
}
