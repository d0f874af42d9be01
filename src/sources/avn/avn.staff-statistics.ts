/**
 * Staff statistics (issue 12): teaching-load hours (AVN 6, nagruzka) against the staffing table
 * (AVN 7, shtat: rates provided, filled by the assignments current on the business date, vacant),
 * per chair, faculty and academic year — on the definitions of Chair.staffing, Chair.teachingLoad
 * and Faculty.staffing (avn.staff.ts):
 *
 * - a staffing line belongs to its chair, and to its own faculty or its chair's;
 * - a unit's employees are the distinct employees with a current assignment to one of its lines
 *   (someone on two lines of a chair counts once; a teacher of two chairs once in each chair and
 *   once in their faculty's and in the total);
 * - a unit's load is the load lines of those employees, each employee's once per unit.
 *
 * The staffing table has no history: its rates are today's, the same in every academic year a
 * grouping by year shows. One statement: the cells and the total are two selects of the same
 * CTEs (the total deduplicates employees over everything, which a grouping-sets total over
 * per-unit rows could not).
 */
import { businessToday, type SourceContext } from '../../db/read-context';
import { Params, and } from '../../db/sql';
import { readStatisticsRows, type DimensionsSql } from '../../db/statistics-sql';
import { ErrorCode, HubError } from '../../common/errors';
import { LessonKind } from '../../domain/curriculum';
import { MAX_STATISTICS_CELLS, StatisticsDimension, type StaffStatisticsFilter, type StatisticsRequest, type StatisticsTable } from '../../domain/statistics';
import { staffingScope } from './avn.scopes';
import { VID_CODE } from './avn.staff';

export const STAFF_MEASURES = ['rates', 'filledRates', 'vacantRates', 'loadHours', 'lectureHours', 'practiceHours', 'labHours', 'hoursPerFilledRate'] as const;
export type StaffMeasure = (typeof STAFF_MEASURES)[number];

/** The unit columns of the CTEs `lines` and `members` each dimension groups by. */
const STAFF_DIMENSIONS: DimensionsSql = {
  CHAIR: { sql: 'kaf_id' },
  FACULTY: { sql: 'fak_id' },
  ACADEMIC_YEAR: { sql: 'uch_god' },
};

/** An assignment holds on the business date `today` (the rule of avn.staff.ts). */
const current = (today: string) => `sd.data_nach <= ${today}::date and (sd.data_kon is null or sd.data_kon >= ${today}::date)`;

export async function staffStatistics(c: SourceContext, request: StatisticsRequest<StaffStatisticsFilter>): Promise<StatisticsTable<StaffMeasure>> {
  const { filter, reach, dimensions } = request;
  for (const d of dimensions) {
    if (!STAFF_DIMENSIONS[d]) throw new HubError(ErrorCode.VALIDATION_FAILED, `This statistic cannot be grouped by ${d}.`, { field: 'groupBy' });
  }
  const p = new Params();
  const today = p.add(businessToday(c));
  const unitConditions = (chair: string, faculty: string) => and([
    filter.facultyKey != null && `${faculty} = ${p.add(filter.facultyKey)}`,
    filter.chairKey != null && `${chair} = ${p.add(filter.chairKey)}`,
    // Access: a faculty's lines (its own and its chairs'), a chair's.
    staffingScope(reach, p, { faculty, chair }),
  ]);
  const year = filter.academicYear ? p.add(filter.academicYear) : null;
  const byYear = dimensions.includes(StatisticsDimension.ACADEMIC_YEAR);
  const ctes = `with lines as materialized (
      select sh.kaf_id, coalesce(sh.fak_id, k.fak_id) as fak_id, sh.stavok,
             (select coalesce(sum(sd.stavka), 0) from sotrudnik_doljnost sd where sd.shtat_id = sh.shtat_id and ${current(today)}) as filled
        from shtat sh left join kafedra k on k.kaf_id = sh.kaf_id
       where ${unitConditions('sh.kaf_id', 'coalesce(sh.fak_id, k.fak_id)')}
    ), members as materialized (
      select distinct sh.kaf_id, coalesce(sh.fak_id, k.fak_id) as fak_id, sd.emp_id
        from sotrudnik_doljnost sd join shtat sh on sh.shtat_id = sd.shtat_id left join kafedra k on k.kaf_id = sh.kaf_id
       where ${current(today)} and ${unitConditions('sh.kaf_id', 'coalesce(sh.fak_id, k.fak_id)')}
    ), load as materialized (
      select n.emp_id, n.uch_god, sum(n.chasy) as hours,
             coalesce(sum(n.chasy) filter (where n.vid = '${VID_CODE[LessonKind.LECTURE]}'), 0) as lek,
             coalesce(sum(n.chasy) filter (where n.vid = '${VID_CODE[LessonKind.PRACTICE]}'), 0) as prak,
             coalesce(sum(n.chasy) filter (where n.vid = '${VID_CODE[LessonKind.LAB]}'), 0) as lab
        from nagruzka n
       where n.emp_id in (select emp_id from members)${year ? ` and n.uch_god = ${year}` : ''}
       group by n.emp_id, n.uch_god
    )`;

  /** One select: the units of `units` (chair and/or faculty columns), by academic year or not. */
  const part = (units: string[], withYear: boolean, total: boolean) => {
    const cols = units.join(', ');
    const match = (alias: string) => (units.length ? units.map((u) => `${alias}.${u} is not distinct from u.${u}`).join(' and ') : 'true');
    const groupBy = () => (units.length ? `group by ${cols}` : '');
    const dims = dimensions.map((d, i) => {
      if (total) return `null${d === StatisticsDimension.ACADEMIC_YEAR ? '::text' : '::int'} as _d${i}`;
      return d === StatisticsDimension.ACADEMIC_YEAR ? `y.uch_god as _d${i}` : `u.${STAFF_DIMENSIONS[d]!.sql} as _d${i}`;
    });
    const loadKeys = [...units.map((u) => `m.${u}`), ...(withYear ? ['l.uch_god'] : [])];
    const unitsFrom = units.length ? `(select ${cols} from lines union select ${cols} from members) u` : '(select 1) u';
    const filled = 'coalesce(st.filled, 0)';
    const hours = 'coalesce(ld.hours, 0)';
    return `select ${[...dims,
      'coalesce(pm.people, 0)::int as _people',
      'coalesce(st.rates, 0) as "rates"',
      `${filled} as "filledRates"`,
      'coalesce(st.vacant, 0) as "vacantRates"',
      `${hours}::int as "loadHours"`,
      'coalesce(ld.lek, 0)::int as "lectureHours"',
      'coalesce(ld.prak, 0)::int as "practiceHours"',
      'coalesce(ld.lab, 0)::int as "labHours"',
      `round(${hours} / nullif(${filled}, 0), 2) as "hoursPerFilledRate"`,
      `${total} as _total`,
    ].join(', ')}
      from ${unitsFrom}
      ${withYear ? 'cross join (select distinct uch_god from load) y' : ''}
      left join (select ${units.length ? `${cols}, ` : ''}sum(stavok) as rates, sum(filled) as filled, sum(stavok - filled) as vacant from lines ${groupBy()}) st on ${match('st')}
      left join (select ${units.length ? `${cols}, ` : ''}count(distinct emp_id) as people from members ${groupBy()}) pm on ${match('pm')}
      left join (select ${[...loadKeys, 'sum(l.hours) as hours', 'sum(l.lek) as lek', 'sum(l.prak) as prak', 'sum(l.lab) as lab'].join(', ')}
                   from (select distinct ${units.length ? `${cols}, ` : ''}emp_id from members) m join load l on l.emp_id = m.emp_id
                  ${loadKeys.length ? `group by ${loadKeys.join(', ')}` : ''}) ld
             on ${match('ld')}${withYear ? ' and ld.uch_god = y.uch_god' : ''}`;
  };

  const units = dimensions.filter((d) => d !== StatisticsDimension.ACADEMIC_YEAR).map((d) => STAFF_DIMENSIONS[d]!.sql);
  const cells = dimensions.length ? `(${part(units, byYear, false)} limit ${MAX_STATISTICS_CELLS + 1})` : null;
  const sql = `${ctes}
    ${cells ? `${cells} union all ` : ''}(${part([], false, true)})`;
  const rows = await c.db.avn.query<Record<string, unknown>>(sql, p.values);
  return readStatisticsRows(rows, dimensions, STAFF_DIMENSIONS, STAFF_MEASURES);
}
