/**
 * The cases of `npm run bench:stats`: one statistic request (GraphQL over HTTP, as a viewer) and a
 * hand-written SQL floor computing the same numbers directly on the source database. To bench a new
 * statistic, append cases to CASES (see `gradeCases` for the shape).
 *
 * A case's floor returns one row per group with the group's key as `_k0…` columns (raw source keys,
 * null for the total row, which has `_total = true`), `people`, and a column per compared measure;
 * `keyOf` turns a GraphQL group into the same `_k…` values so the rows can be matched.
 */
import type { DatabaseName } from '../../src/config';
import { fromGlobalId } from '../../src/domain/global-id';
import { moreCases } from './more-cases';

export type BenchViewer = 'admin' | 'analyst';

export interface StatCase {
  /** Unique, short: `--cases` picks by it. */
  readonly name: string;
  /** The GraphQL field (e.g. gradeStatistics). */
  readonly statistic: string;
  readonly viewer: BenchViewer;
  /** The arguments besides paging, as GraphQL source (e.g. `groupBy: [FACULTY]`). */
  readonly args: string;
  /** The group's selection (e.g. `faculty { id }`). */
  readonly groupSelection: string;
  /** The measures compared (GraphQL fields = floor columns). */
  readonly measures: readonly string[];
  /** A breakdown field compared too (`distribution { label count }`), floor columns `dist_<label>`. */
  readonly distribution?: boolean;
  /** The group's key as the floor's `_k0…` values. */
  keyOf(group: Record<string, any>): unknown[];
  /**
   * The floor: one statement on one source database (`sql`, params may depend on the business
   * date), or — for a cross-source statistic — `run`, the hand-written per-source statements plus
   * the minimal join in the bench through the hub's identity_link (one statement per database, run
   * at the same time, joined in memory).
   */
  readonly floor: FloorSql | FloorRun;
  /** Measures compared within a tolerance instead of exactly (e.g. a median the floor takes in float). */
  readonly tolerance?: Readonly<Record<string, number>>;
}

/** What a floor may depend on: the hub's business date and instant (GraphQL `businessTime`). */
export interface FloorContext {
  readonly date: string;
  readonly now: string;
  readonly timeZone: string;
  query<R extends Record<string, any> = Record<string, any>>(database: DatabaseName, sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface FloorSql {
  readonly database: DatabaseName;
  readonly sql: string | ((ctx: FloorContext) => string);
  readonly params?: readonly unknown[] | ((ctx: FloorContext) => readonly unknown[]);
}

export interface FloorRun {
  /** The databases read (for the record). */
  readonly databases: readonly DatabaseName[];
  run(ctx: FloorContext): Promise<Record<string, any>[]>;
}

export const keyOfId = (node: { id: string } | null | undefined): number | null => (node ? Number(fromGlobalId(node.id).key) : null);

// ── Grade statistics ────────────────────────────────────────────────────────────────────────────

const GRADE_MEASURES = ['graded', 'averageTotal', 'passRate', 'passed', 'failures', 'averagePoints'] as const;

/**
 * The floor of grade statistics, written for the demo's scale of six bands (checked by the bench:
 * shkala F, E, D, C, B, A by lower bound): the counted attempt by an anti-join through the pairs of
 * sheets of one curriculum item and term (a later sheet with a total for the student replaces an
 * earlier one), each result's band once, counts per band summed per student and group (`raw`: the
 * further columns the dimensions need; `perResult`: no such sums, for fine dimensions such as the
 * discipline), then per student and cell, then per cell; the total from
 * the per-student sums. Points per band come from shkala in the statement.
 */
function gradeFloor(options: { dims: string[]; raw?: string[]; perResult?: boolean; joins?: string; where?: string; counted?: string }): string {
  const raw = options.raw ?? [];
  const keys = ['c.stud_id', 'c.grp_id', ...raw.map((r) => `c.${r}`)];
  const dims = options.dims;
  const kSel = dims.map((d, i) => `${d} as _k${i}`);
  const kCols = dims.map((_, i) => `_k${i}`);
  const b = [1, 2, 3, 4, 5, 6];
  const passed = b.map((i) => `sum(b${i}) * ((select pts from sc)[${i}] > 0)::int`).join(' + ');
  const failed = b.map((i) => `sum(b${i}) * ((select pts from sc)[${i}] = 0)::int`).join(' + ');
  const points = b.map((i) => `sum(b${i}) * (select pts from sc)[${i}]`).join(' + ');
  const banded = b.map((i) => `sum(b${i})`).join(' + ');
  const measures = `count(*)::int as people, coalesce(sum(n), 0)::int as graded, round(sum(s) / nullif(sum(n), 0), 2) as "averageTotal",
      round(coalesce(${passed}, 0)::numeric / nullif(sum(n), 0), 4) as "passRate", coalesce(${passed}, 0)::int as passed,
      coalesce(${failed}, 0)::int as failures, round((${points}) / nullif(${banded}, 0), 2) as "averagePoints",
      ${['F', 'E', 'D', 'C', 'B', 'A'].map((letter, i) => `coalesce(sum(b${i + 1}), 0)::int as "dist_${letter}"`).join(', ')}`;
  return `
    with sc as (select array_agg(min_ball order by min_ball) mins, array_agg(ball order by min_ball) pts from shkala),
    c as (
      select vs.stud_id, vs.total, v.grp_id, v.emp_id, v.uch_god, v.semestr, v.str_id, width_bucket(vs.total, (select mins from sc)) as band
        from vedomost_str vs join vedomost v on v.ved_id = vs.ved_id
       where vs.total is not null ${options.counted ? `and ${options.counted}` : ''}
         and not exists (select 1 from vedomost a join vedomost b on b.str_id = a.str_id and b.uch_god = a.uch_god and b.semestr = a.semestr
                              and (b.data_otkr > a.data_otkr or (b.data_otkr = a.data_otkr and b.ved_id > a.ved_id))
                           join vedomost_str l on l.ved_id = b.ved_id
                          where a.ved_id = vs.ved_id and l.stud_id = vs.stud_id and l.total is not null)
      offset 0
    ), per_sheet as (
      ${options.perResult
        ? `select ${keys.join(', ')}, 1 as n, c.total as s, ${b.map((i) => `(band = ${i})::int b${i}`).join(', ')} from c`
        : `select ${keys.join(', ')}, count(*)::int n, sum(c.total) s, ${b.map((i) => `count(*) filter (where band = ${i})::int b${i}`).join(', ')}
        from c group by ${keys.join(', ')}`}
    ), p as materialized (
      select ${[...kSel, 'r.stud_id', `grouping(${dims.length ? dims.join(', ') : 'r.stud_id'}) as g`].join(', ')},
             sum(n)::int n, sum(s) s, ${b.map((i) => `sum(b${i})::int b${i}`).join(', ')}
        from per_sheet r join students s on s.stud_id = r.stud_id join gruppa g on g.grp_id = r.grp_id
        join specialnost sp on sp.spec_id = g.spec_id ${options.joins ?? ''}
       where ${options.where ?? 'true'}
       group by grouping sets (${dims.length ? `(${dims.join(', ')}, r.stud_id), ` : ''}(r.stud_id))
    )
    ${dims.length ? `select ${[...kCols, 'false as _total', measures].join(', ')} from p where g = 0 group by ${kCols.join(', ')} union all` : ''}
    select ${[...kCols.map((k) => `null as ${k}`), 'true as _total', measures].join(', ')} from p where g > 0`;
}

/** The floor of grade statistics assumes the demo's scale (six bands, these letters by lower bound). */
export const GRADE_FLOOR_SCALE = { database: 'avn' as const, sql: `select string_agg(bukva, '' order by min_ball) as letters from shkala`, expected: 'FEDCBA' };

export const GENDER_CODE: Record<string, string> = { MALE: 'M', FEMALE: 'J' };

export function gradeCases(): StatCase[] {
  const byFaculty = {
    statistic: 'gradeStatistics',
    args: 'groupBy: [FACULTY]',
    groupSelection: 'faculty { id }',
    measures: GRADE_MEASURES,
    distribution: true,
    keyOf: (g: Record<string, any>) => [keyOfId(g.faculty)],
    floor: { database: 'avn' as const, sql: gradeFloor({ dims: ['sp.fak_id'] }) },
  };
  return [
    { name: 'grades-faculty-admin', viewer: 'admin', ...byFaculty },
    { name: 'grades-faculty-analyst', viewer: 'analyst', ...byFaculty },
    {
      name: 'grades-group-gender-term-analyst',
      viewer: 'analyst',
      statistic: 'gradeStatistics',
      args: 'groupBy: [GROUP, GENDER], where: { academicYear: "2025-2026", semester: 1 }',
      groupSelection: 'studyGroup { id } gender',
      measures: GRADE_MEASURES,
      distribution: true,
      keyOf: (g) => [keyOfId(g.studyGroup), g.gender == null ? null : GENDER_CODE[g.gender] ?? g.gender],
      floor: { database: 'avn', sql: gradeFloor({ dims: ['g.grp_id', 's.pol'], counted: `v.uch_god = '2025-2026' and v.semestr = 1` }) },
    },
    {
      name: 'grades-discipline-admin',
      viewer: 'admin',
      statistic: 'gradeStatistics',
      args: 'groupBy: [DISCIPLINE]',
      groupSelection: 'discipline { id }',
      measures: GRADE_MEASURES,
      distribution: true,
      keyOf: (g) => [keyOfId(g.discipline)],
      floor: { database: 'avn', sql: gradeFloor({ dims: ['ups.disc_id'], raw: ['str_id'], perResult: true, joins: 'join uch_plan_str ups on ups.str_id = r.str_id' }) },
    },
  ];
}

// ── Further statistics: bench/stats/more-cases.ts ────────────────────────────────────────────────

export const CASES: readonly StatCase[] = [...gradeCases(), ...moreCases()];
