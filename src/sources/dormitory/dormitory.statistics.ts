/**
 * Dormitory statistics by AVN's student dimensions, step (c) of a cross-source statistic
 * (src/hub/statistics/cross-source.ts): the registry's map of residents to cells comes in as array
 * parameters; per cell — and per building, the dormitory's own dimension, grouped here in the
 * source — the residents with an active placement, the beds they occupy against the beds there
 * are, and the placements' debt (charged up to the business date, the rule of a placement's
 * balance, minus paid). One statement, the total from the same scan.
 */
import { businessToday, type SourceContext } from '../../db/read-context';
import { Params } from '../../db/sql';
import { cellStatisticsSql, mapCte, mapJoin, readCellStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import { StatisticsDimension, type CellStatisticsRequest, type StatisticsTable } from '../../domain/statistics';
import { PLACEMENT_BALANCE_SQL, placementFrom } from './dormitory.placements';

export const DORMITORY_MEASURES = ['residents', 'occupiedBeds', 'beds', 'occupancy', 'debt', 'debtors'] as const;
export type DormitoryMeasure = (typeof DORMITORY_MEASURES)[number];

/** The dormitory's own dimension: the building of the placement's bed. */
const DORMITORY_DIMENSIONS: DimensionsSql = { BUILDING: { sql: 'pl.building_id' } };

export async function dormitoryCellStatistics(c: SourceContext, request: CellStatisticsRequest): Promise<StatisticsTable<DormitoryMeasure>> {
  const { map } = request;
  const p = new Params();
  const today = p.add(businessToday(c));
  const person = `coalesce(_map.person, 'resident:' || pl.resident_id)`;
  const grouped = cellStatisticsSql({
    byStudentCell: request.studentDimensions.length > 0,
    mapCte: mapCte(map, 'int', (v) => p.add(v)),
    // Materialized: joined inline, a generic plan of the prepared statement (after five runs) put the
    // map's unnest inside a loop over the residents — 4 s instead of 0.1 s at scale 1 (bench:stats).
    with: `, pl as materialized (
        select p.resident_id, p.bed_id, p.status, pr.building_id, greatest(-${PLACEMENT_BALANCE_SQL}, 0) as debt
          from ${placementFrom(today)})`,
    dimensionsSql: DORMITORY_DIMENSIONS,
    dimensions: request.dimensions,
    // A registry person; a resident of no student is one person.
    people: person,
    measures: [
      `count(distinct ${person}) filter (where pl.status = 'active')::int as "residents"`,
      `count(distinct pl.bed_id) filter (where pl.status = 'active')::int as "occupiedBeds"`,
      'coalesce(sum(pl.debt), 0)::numeric(12,2) as "debt"',
      `count(distinct ${person}) filter (where pl.debt > 0)::int as "debtors"`,
    ],
    from: `from pl ${mapJoin(map, 'pl.resident_id')}`,
  });
  // The beds there are: the group's building's (grouped by building), else every building's.
  const building = request.dimensions.indexOf(StatisticsDimension.BUILDING);
  const bedsSql = `(select count(*) from beds _b join rooms _r on _r.room_id = _b.room_id${building >= 0 ? ` where g._d${building} is null or _r.building_id = g._d${building}` : ''})::int`;
  const sql = `select g.*, ${bedsSql} as "beds", round(g."occupiedBeds"::numeric / nullif(${bedsSql}, 0), 4) as "occupancy"
    from (${grouped}) g order by g._total desc`;
  const rows = await c.db.dormitory.query<Record<string, unknown>>(sql, p.values);
  return readCellStatisticsRows(rows, request, DORMITORY_DIMENSIONS, DORMITORY_MEASURES);
}
