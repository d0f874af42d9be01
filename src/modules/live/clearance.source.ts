/**
 * What a leaving student owes, read at the moment its order is signed: the students an order
 * names (avn), current library loans of borrower records (library) and active placements of
 * resident records (dormitory). Plain reads, not request loaders: a subscription lives long and
 * must see the state at each event, not a cached one.
 */
import { businessNow, businessToday } from '../../db/read-context';
import { type HubContext } from '../../graphql/context';
import { LOAN_FROM, loanColumns, toLoan, type LoanRow } from '../../sources/library/library.loans';
import { PLACEMENT_COLUMNS, placementFrom, toPlacement, type PlacementRow } from '../../sources/dormitory/dormitory.placements';
import type { Loan } from '../library/loan.types';
import type { Placement } from '../dormitory/placement.types';

/** The students an AVN order names, by stud_id. */
export async function studentsOfOrder(context: HubContext, orderKey: number): Promise<number[]> {
  const rows = await context.db.avn.query<{ stud_id: number }>('select ps.stud_id from prikaz_student ps where ps.prikaz_id = $1 order by ps.stud_id', [orderKey]);
  return rows.map((r) => Number(r.stud_id));
}

/** Copies still out (issues, not old_issues) on any of these borrower records, oldest issue first. */
export async function currentLoansOf(context: HubContext, borrowers: number[]): Promise<Loan[]> {
  if (borrowers.length === 0) return [];
  const rows = await context.db.library.query<LoanRow>(
    `select ${loanColumns('$2')} from ${LOAN_FROM} where l.returndate is null and l.borrowernumber = any($1::int[]) order by l.issuedate, l.issue_id`,
    [borrowers, businessNow(context)],
  );
  return rows.map(toLoan);
}

/** The active placement of any of these resident records (the latest move-in), or null. */
export async function activePlacementOf(context: HubContext, residents: number[]): Promise<Placement | null> {
  if (residents.length === 0) return null;
  const rows = await context.db.dormitory.query<PlacementRow>(
    `select ${PLACEMENT_COLUMNS} from ${placementFrom('$2')} where p.status = 'active' and p.resident_id = any($1::int[])
      order by p.start_date desc, p.placement_id desc limit 1`,
    [residents, businessToday(context)],
  );
  return rows[0] ? toPlacement(rows[0]) : null;
}
