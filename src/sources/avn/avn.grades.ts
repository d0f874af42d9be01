/**
 * AVN → grades: electronic grade-sheet rows (vedomost + vedomost_str, with the curriculum item's
 * credits and control form) as the hub's GradeRecord, and the university's grading scale (shkala)
 * as data. GPA is computed above this layer (modules/students/academic-record.ts).
 */
import type { SourceContext } from '../../db/read-context';
import { manyByKeyLoader } from '../../db/loaders';
import type { ListRequest } from '../../db/list-request';
import { keyset, toConnection, type ConnectionShape, type SortColumn } from '../../db/pages';
import { Params, and } from '../../db/sql';
import { GradeSheetKind, GradeSheetStatus } from '../../domain/curriculum';
import type { AcademicDebtorFilter, AcademicDebtorRecord, AcademicDebtorSort, SheetResult, TermItemRecord } from '../../domain/students';
import { CONTROL_FORM } from './avn.curriculum';
import { studentScope } from './avn.scopes';

const avn = (context: SourceContext) => context.db.avn;

const SHEET_KIND: Record<string, GradeSheetKind> = { osnovnaya: GradeSheetKind.REGULAR, peresdacha: GradeSheetKind.RETAKE };
const SHEET_STATUS: Record<string, GradeSheetStatus> = {
  otkryta: GradeSheetStatus.OPEN,
  sdana: GradeSheetStatus.SUBMITTED,
  pereotkryta: GradeSheetStatus.REOPENED,
};

/**
 * A curriculum item as a student meets it in one term: a record's `str_id`, `uch_god` and `semestr`
 * with the item's uch_plan_str and disciplina columns (grade-sheet rows, registrations).
 */
export interface TermItemRow {
  str_id: number;
  disc_id: number;
  uch_god: string;
  semestr: number;
  kredity: number;
  forma_kontrolya: string;
  kod: string;
  name_ky: string;
  name_ru: string;
}

/** The fields a grade row and a registration share, from a `TermItemRow`. */
export function toTermItem(r: TermItemRow): TermItemRecord {
  return {
    planItemKey: r.str_id,
    disciplineKey: r.disc_id,
    academicYear: r.uch_god,
    semester: r.semestr,
    disciplineCode: r.kod,
    disciplineName: r.name_ky,
    disciplineNameRu: r.name_ru,
    credits: r.kredity,
    controlForm: CONTROL_FORM[r.forma_kontrolya],
  };
}

interface GradeRow extends TermItemRow {
  _key: number;
  vs_id: number;
  ved_id: number;
  tip: string;
  status: string;
  data_otkr: string;
  m1: number | null;
  m2: number | null;
  itog: number | null;
  total: number | null;
  bukva: string | null;
  band_letter: string | null;
  band_points: number | null;
}

/** Field by field (no spread of `toTermItem`): a group page maps some 800 of these per request. */
function toSheetResult(r: GradeRow): SheetResult {
  const letter = r.bukva?.trim();
  return {
    key: r.vs_id,
    sheetKey: r.ved_id,
    planItemKey: r.str_id,
    disciplineKey: r.disc_id,
    academicYear: r.uch_god,
    semester: r.semestr,
    disciplineCode: r.kod,
    disciplineName: r.name_ky,
    disciplineNameRu: r.name_ru,
    credits: r.kredity,
    controlForm: CONTROL_FORM[r.forma_kontrolya],
    module1: r.m1,
    module2: r.m2,
    final: r.itog,
    total: r.total,
    letter: letter ? letter : null,
    gradePoints: null,
    sheetKind: SHEET_KIND[r.tip],
    sheetStatus: SHEET_STATUS[r.status],
    countsTowardGpa: false,
    openedOn: r.data_otkr,
    band: r.band_points === null ? null : { letter: r.band_letter!.trim(), points: r.band_points },
  };
}

/**
 * All grade-sheet rows of a batch of students with the scale band of each total: one statement
 * (`vs.stud_id = any($1)`). The band is the one with the highest lower bound not above the total,
 * so a total between two bands' printed limits (85.5 with bands ..85 and 86..) falls into the
 * lower band; the scale stays data in AVN's shkala table.
 *
 * Each row's sheet, curriculum item and discipline are looked up by primary key in a lateral
 * subquery that `offset 0` keeps from being flattened: with plain joins PostgreSQL hashes the
 * whole vedomost table (26,000 sheets at demo scale 1) for every batch of a few hundred rows,
 * which cost about 10 ms of database time per group page here against about 1 ms this way
 * (a group's rows share a few dozen sheets, which the planner memoizes).
 */
export const gradeResultsByStudent = (c: SourceContext) =>
  manyByKeyLoader(
    c,
    'avn.gradeResultsByStudent',
    avn,
    `select vs.stud_id as _key, vs.vs_id, v.ved_id, v.str_id, v.disc_id, v.uch_god, v.semestr, v.tip, v.status, v.data_otkr,
            v.kredity, v.forma_kontrolya, v.kod, v.name_ky, v.name_ru, vs.m1, vs.m2, vs.itog, vs.total, vs.bukva,
            b.bukva as band_letter, b.ball as band_points
       from vedomost_str vs
       cross join lateral (
         select v.ved_id, v.str_id, v.uch_god, v.semestr, v.tip, v.status, v.data_otkr,
                ups.disc_id, ups.kredity, ups.forma_kontrolya, d.kod, d.name_ky, d.name_ru
           from vedomost v
           join uch_plan_str ups on ups.str_id = v.str_id
           join disciplina d on d.disc_id = ups.disc_id
          where v.ved_id = vs.ved_id
         offset 0
       ) v
       left join lateral (
         select k.bukva, k.ball from shkala k
          where vs.total is not null and k.min_ball <= vs.total order by k.min_ball desc limit 1
       ) b on true
      where vs.stud_id = any($1::int[])
      order by vs.stud_id, v.uch_god, v.semestr, v.name_ky, v.data_otkr, v.ved_id`,
    toSheetResult,
  );

interface AcademicDebtRow { stud_id: number; failed: number }

/**
 * The sort columns of each order, then the unique stud_id so keyset cursors are exact. The name and
 * student-number orders are identifying: the argument rules (modules/argument-rules.ts) refuse them
 * to a pseudonymous viewer, whom that order would tell the names behind the pseudonyms.
 */
const ACADEMIC_DEBT_SORT: Record<AcademicDebtorSort, { sql: string; key: string }[]> = {
  failed: [{ sql: 'd.failed', key: 'failed' }],
  name: [{ sql: 'd.fam', key: 'fam' }, { sql: 'd.imya', key: 'imya' }],
  studentNumber: [{ sql: 'd.zachetka', key: 'zachetka' }],
};

/** Most failed disciplines first, then by student (ascending) unless sorted otherwise. */
function academicDebtSort(sort: AcademicDebtorSort | undefined, desc: boolean | undefined): SortColumn[] {
  if (sort == null) return [{ sql: 'd.failed', key: 'failed', desc: true }, { sql: 'd.stud_id', key: 'stud_id' }];
  return [...ACADEMIC_DEBT_SORT[sort], { sql: 'd.stud_id', key: 'stud_id' }].map((c) => ({ ...c, desc: !!desc }));
}

/** Access (avn.scopes.ts): the viewer's limit on the academic debtors list, over the students it counts. */
const ACADEMIC_DEBTOR_SCOPE = { student: 's.stud_id', group: 's.grp_id' };

/**
 * Students with at least one failed discipline, each with how many: one statement for the page and
 * its `totalCount` (a materialised CTE), by the academic record's rule (academic-record.ts): per
 * student, curriculum item, academic year and semester the counted attempt is the latest sheet
 * (opened date, then sheet) with a total; it is failed when the scale band of that total (the
 * highest lower bound not above it, as in `gradeResultsByStudent`) has zero grade points. A total
 * below every band counts neither way, as in the GPA.
 */
export async function listAcademicDebtors(
  c: SourceContext, request: Omit<ListRequest<AcademicDebtorFilter, AcademicDebtorSort>, 'sort' | 'desc'> & { sort?: AcademicDebtorSort; desc?: boolean },
): Promise<ConnectionShape<AcademicDebtorRecord>> {
  const { page } = request;
  const reader = avn(c);
  const params = new Params();
  const sort = academicDebtSort(request.sort, request.desc);
  const debtors = academicDebtorsCte(request, params);
  const { orderBy, condition } = keyset(sort, page.after, params);
  const sql = `${debtors}
    select d.stud_id, d.failed, d.fam, d.imya, d.zachetka, (select count(*) from d)::int as _total
      from d where ${and([condition])} order by ${orderBy} limit ${params.add(page.limit + 1)}`;
  const rows = page.limit === 0 ? [] : await reader.query<AcademicDebtRow & { _total: number } & Record<string, unknown>>(sql, params.values);

  // The total rides on the page's rows; an empty page (past the end, or first: 0) counts once more.
  let counted: Promise<number> | null = rows.length > 0 ? Promise.resolve(rows[0]._total) : null;
  const count = () =>
    (counted ??= (async () => {
      const countParams = new Params();
      const [{ n }] = await reader.query<{ n: number }>(`${academicDebtorsCte(request, countParams)} select count(*)::int as n from d`, countParams.values);
      return n;
    })());
  return toConnection(rows, page, sort, toAcademicDebtor, count);
}

/** `with … d`: the visible students of the filter with their number of failed disciplines (d.failed > 0). */
function academicDebtorsCte({ filter, reach }: Pick<ListRequest<AcademicDebtorFilter, never>, 'filter' | 'reach'>, params: Params): string {
  const inner = and([
    'vs.total is not null',
    filter.facultyKey != null && `sp.fak_id = ${params.add(filter.facultyKey)}`,
    filter.groupKey != null && `s.grp_id = ${params.add(filter.groupKey)}`,
    !!filter.academicYear && `v.uch_god = ${params.add(filter.academicYear)}`,
    filter.semester != null && `v.semestr = ${params.add(filter.semester)}`,
    // Access: only students the viewer may see.
    studentScope(reach, params, ACADEMIC_DEBTOR_SCOPE),
  ]);
  return `with counted as materialized (
      select distinct on (vs.stud_id, v.str_id, v.uch_god, v.semestr) vs.stud_id, vs.total
        from vedomost_str vs
        join vedomost v on v.ved_id = vs.ved_id
        join students s on s.stud_id = vs.stud_id
        join gruppa g on g.grp_id = s.grp_id
        join specialnost sp on sp.spec_id = g.spec_id
       where ${inner}
       order by vs.stud_id, v.str_id, v.uch_god, v.semestr, v.data_otkr desc, v.ved_id desc
    ), d as materialized (
      select r.stud_id, count(*)::int as failed, ds.fam, ds.imya, ds.zachetka
        from counted r
        join students ds on ds.stud_id = r.stud_id
        cross join lateral (select k.ball from shkala k where k.min_ball <= r.total order by k.min_ball desc limit 1) b
       where b.ball = 0
       group by r.stud_id, ds.fam, ds.imya, ds.zachetka
    )`;
}

function toAcademicDebtor(r: AcademicDebtRow): AcademicDebtorRecord {
  return { __typename: 'AcademicDebtor', studentKey: r.stud_id, failedDisciplines: r.failed };
}
