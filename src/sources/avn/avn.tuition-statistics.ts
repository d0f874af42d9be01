/**
 * Tuition statistics (issue 12): per group of the requested dimensions, what contracts charged,
 * what was paid on them and the debt, as of a day — contracts (kontrakt) dated on or before it
 * and their movements (oplata) dated on or before it, each movement signed as avn.finance.ts
 * signs it (a refund always lowers what was paid). A debtor is a student whose charged − paid is
 * above 0, as in the tuition debtors list: summed over the student's contracts in the group (its
 * contracts of that academic year when grouped by year; all of them otherwise, and in the total).
 * One statement, the total from the same scan.
 */
import type { SourceContext } from '../../db/read-context';
import { Params, and } from '../../db/sql';
import { groupedStatisticsSql, readStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import { StatisticsDimension, type StatisticsRequest, type StatisticsTable, type TuitionStatisticsFilter } from '../../domain/statistics';
import { SIGNED_SUMMA } from './avn.finance';
import { studentStatisticsScope } from './avn.scopes';
import { STUDENT_DIMENSIONS, studentFilterSql } from './avn.statistics';

export const TUITION_MEASURES = ['contracts', 'charged', 'paid', 'debt', 'debtors', 'debtorsDebt'] as const;
export type TuitionMeasure = (typeof TUITION_MEASURES)[number];

const TUITION_DIMENSIONS: DimensionsSql = {
  FACULTY: STUDENT_DIMENSIONS.FACULTY,
  PROGRAMME: STUDENT_DIMENSIONS.PROGRAMME,
  FUNDING_TYPE: STUDENT_DIMENSIONS.FUNDING_TYPE,
  STUDENT_STATUS: STUDENT_DIMENSIONS.STUDENT_STATUS,
  ACADEMIC_YEAR: { sql: 'r.uch_god' },
};

/**
 * Per student and academic year as of `asOf` (a `with` item named `tuition`): contracts, charged
 * (summa − skidka), paid (signed movements) and debt, with the student's debt over all its years
 * (`student_debt`) and a flag on one row per student (`student_first`). `contracts` limits the
 * contracts (`k`) read (scope, filters): a `where` condition.
 */
export function tuitionPerStudentYearCte(asOf: string, p: Params, contracts: string): string {
  const day = p.add(asOf);
  return `tuition as materialized (
      select y.stud_id, y.uch_god, y.contracts, y.charged, y.paid, y.charged - y.paid as year_debt,
             sum(y.charged - y.paid) over (partition by y.stud_id) as student_debt,
             row_number() over (partition by y.stud_id order by y.uch_god) = 1 as student_first
        from (select k.stud_id, k.uch_god, count(*)::int as contracts, sum(k.summa - k.skidka) as charged, sum(x.paid) as paid
                from kontrakt k
                cross join lateral (select coalesce(sum(${SIGNED_SUMMA}), 0) as paid from oplata o where o.kontr_id = k.kontr_id and o.data <= ${day}::date) x
               where k.data <= ${day}::date and ${contracts}
               group by k.stud_id, k.uch_god) y
    )`;
}

export async function tuitionStatistics(c: SourceContext, request: StatisticsRequest<TuitionStatisticsFilter>): Promise<StatisticsTable<TuitionMeasure>> {
  const { filter, reach, dimensions } = request;
  const p = new Params();
  const students = and([
    ...studentFilterSql(filter, p),
    // Access: a dean's faculty.
    studentStatisticsScope(reach, p, 's.grp_id'),
  ]);
  const contracts = and([
    !!filter.academicYear && `k.uch_god = ${p.add(filter.academicYear)}`,
    `k.stud_id in (select s.stud_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id where ${students})`,
  ]);
  const cte = tuitionPerStudentYearCte(filter.asOf, p, contracts);
  // A student's debt in a group: of the group's academic year when grouped by it (each row is one
  // student and year), else over all its years (counted on its one flagged row).
  const byYear = dimensions.includes(StatisticsDimension.ACADEMIC_YEAR);
  const perStudent = (aggregate: (debt: string, where: string) => string) =>
    byYear
      ? `case when grouping(r.uch_god) = 0 then ${aggregate('r.year_debt', 'r.year_debt > 0')} else ${aggregate('r.student_debt', 'r.student_first and r.student_debt > 0')} end`
      : aggregate('r.student_debt', 'r.student_first and r.student_debt > 0');
  const sql = groupedStatisticsSql({
    dimensionsSql: TUITION_DIMENSIONS,
    dimensions,
    with: `with ${cte}`,
    people: 'r.stud_id',
    measures: [
      'sum(r.contracts)::int as "contracts"',
      'sum(r.charged) as "charged"',
      'sum(r.paid) as "paid"',
      'sum(r.charged) - sum(r.paid) as "debt"',
      `${perStudent((_, where) => `count(*) filter (where ${where})`)}::int as "debtors"`,
      `coalesce(${perStudent((debt, where) => `sum(${debt}) filter (where ${where})`)}, 0) as "debtorsDebt"`,
    ],
    from: `from tuition r
      join students s on s.stud_id = r.stud_id
      join gruppa g on g.grp_id = s.grp_id
      join specialnost sp on sp.spec_id = g.spec_id`,
  });
  const rows = await c.db.avn.query<Record<string, unknown>>(sql, p.values);
  return readStatisticsRows(rows, dimensions, TUITION_DIMENSIONS, TUITION_MEASURES);
}
