/**
 * Single Window statistics by AVN's student dimensions, step (c) of a cross-source statistic
 * (src/hub/statistics/cross-source.ts): the map of student numbers (what the applicant typed in,
 * as the registrar's row rule reads it) to cells comes in as array parameters; per cell — and per
 * request type and status, the registrar's own dimensions — the requests, those completed with
 * the median days it took, and those overdue. One statement, the total from the same scan.
 */
import { businessNow, type SourceContext } from '../../db/read-context';
import { Params } from '../../db/sql';
import { cellStatisticsSql, mapCte, mapJoin, readCellStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import type { CellStatisticsRequest, StatisticsTable } from '../../domain/statistics';
import { REQUEST_FROM, requestOverdueSql, requestStatusOf } from './registrar.requests';

export const REQUEST_MEASURES = ['requests', 'completed', 'medianDaysToComplete', 'overdue'] as const;
export type RequestMeasure = (typeof REQUEST_MEASURES)[number];

const REQUEST_DIMENSIONS: DimensionsSql = {
  REQUEST_TYPE: { sql: 'sr.type_code' },
  REQUEST_STATUS: { sql: 'sr.status', read: requestStatusOf },
};

export async function requestCellStatistics(c: SourceContext, request: CellStatisticsRequest): Promise<StatisticsTable<RequestMeasure>> {
  const { map } = request;
  const p = new Params();
  const now = p.add(businessNow(c));
  const sql = cellStatisticsSql({
    byStudentCell: request.studentDimensions.length > 0,
    mapCte: mapCte(map, 'text', (v) => p.add(v)),
    // Completed: the first time the history reached READY or ISSUED.
    with: `, done as (select h.request_id, min(h.changed_at) as completed_at from request_status_history h
                       where h.status in ('ready', 'issued') group by h.request_id)`,
    dimensionsSql: REQUEST_DIMENSIONS,
    dimensions: request.dimensions,
    // A registry person; an applicant of no student by the PIN or number typed in, else the request.
    people: `coalesce(_map.person, 'pin:' || nullif(trim(sr.applicant_pin), ''), 'number:' || nullif(trim(sr.applicant_student_no), ''), 'request:' || sr.request_id)`,
    measures: [
      'count(*)::int as "requests"',
      'count(d.completed_at)::int as "completed"',
      `round(percentile_cont(0.5) within group (order by extract(epoch from d.completed_at - sr.submitted_at) / 86400)::numeric, 2) as "medianDaysToComplete"`,
      `count(*) filter (where ${requestOverdueSql(now)})::int as "overdue"`,
    ],
    from: `from ${REQUEST_FROM}
      ${mapJoin(map, 'sr.applicant_student_no')}
      left join done d on d.request_id = sr.request_id`,
  });
  const rows = await c.db.registrar.query<Record<string, unknown>>(sql, p.values);
  return readCellStatisticsRows(rows, request, REQUEST_DIMENSIONS, REQUEST_MEASURES);
}
