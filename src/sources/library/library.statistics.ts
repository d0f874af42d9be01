/**
 * Library statistics by AVN's student dimensions, step (c) of a cross-source statistic
 * (src/hub/statistics/cross-source.ts): the registry's map of reader cards (borrowers) to cells
 * comes in as array parameters; per cell, the cards' loans (issues and old_issues), the open ones
 * overdue at the business instant, and the outstanding fines — one statement, the total from the
 * same scan. Each card's figures are summed per card first, so joins never multiply them.
 */
import { businessNow, type SourceContext } from '../../db/read-context';
import { Params } from '../../db/sql';
import { cellStatisticsSql, mapCte, mapJoin, readCellStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import type { CellStatisticsRequest, StatisticsTable } from '../../domain/statistics';
import { libraryNow } from './library.time';

export const LIBRARY_MEASURES = ['loans', 'openLoans', 'overdueLoans', 'debt', 'debtors'] as const;
export type LibraryMeasure = (typeof LIBRARY_MEASURES)[number];

/** The library has no dimensions of its own here: its figures are grouped by the students' cells only. */
const LIBRARY_DIMENSIONS: DimensionsSql = {};

export async function libraryCellStatistics(c: SourceContext, request: CellStatisticsRequest): Promise<StatisticsTable<LibraryMeasure>> {
  const { map } = request;
  const p = new Params();
  const now = p.add(businessNow(c));
  const sql = cellStatisticsSql({
    byStudentCell: request.studentDimensions.length > 0,
    mapCte: mapCte(map, 'int', (v) => p.add(v)),
    with: `, card_loans as (
        select l.borrowernumber, count(*)::int as loans, count(*) filter (where l.returndate is null)::int as open_loans,
               count(*) filter (where l.returndate is null and l.date_due < ${libraryNow(now)})::int as overdue_loans
          from (select borrowernumber, date_due, null::timestamp as returndate from issues
                union all select borrowernumber, date_due, returndate from old_issues) l
         group by l.borrowernumber),
      card_debt as (
        select a.borrowernumber, sum(a.amountoutstanding) as debt from accountlines a
         where a.debit_type_code is not null group by a.borrowernumber)`,
    dimensionsSql: LIBRARY_DIMENSIONS,
    dimensions: request.dimensions,
    // A registry person (all of its cards); a card of no student is its own reader.
    people: `coalesce(_map.person, 'card:' || b.borrowernumber)`,
    measures: [
      'coalesce(sum(cl.loans), 0)::int as "loans"',
      'coalesce(sum(cl.open_loans), 0)::int as "openLoans"',
      'coalesce(sum(cl.overdue_loans), 0)::int as "overdueLoans"',
      'coalesce(sum(cd.debt), 0)::numeric(12,2) as "debt"',
      `count(distinct coalesce(_map.person, 'card:' || b.borrowernumber)) filter (where cd.debt > 0)::int as "debtors"`,
    ],
    from: `from borrowers b
      ${mapJoin(map, 'b.borrowernumber')}
      left join card_loans cl on cl.borrowernumber = b.borrowernumber
      left join card_debt cd on cd.borrowernumber = b.borrowernumber`,
  });
  const rows = await c.db.library.query<Record<string, unknown>>(sql, p.values);
  return readCellStatisticsRows(rows, request, LIBRARY_DIMENSIONS, LIBRARY_MEASURES);
}
