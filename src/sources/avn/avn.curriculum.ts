/**
 * AVN → curriculum (AVN 11): how disciplina, uch_plan and uch_plan_str rows become the hub's
 * Discipline, Curriculum and PlanItem, the lists of curricula and disciplines (by the hub's
 * filters) and the loaders that read them in batches.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader, manyByKeyLoader, manyByKeyWithArgs } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, Page, SortColumn } from '../../db/pages';
import { likeEscape } from '../../db/sql';
import { toGlobalId } from '../../domain/global-id';
import {
  ControlForm, type CurriculumFilter, type CurriculumRecord, type CurriculumSort, type CurriculumSortField, type DisciplineFilter,
  type DisciplineRecord, type DisciplineSort, type DisciplineSortField, type PlanItemRecord, type SemesterCreditsRecord,
} from '../../domain/curriculum';

const avn = (context: SourceContext) => context.db.avn;

export interface DisciplinaRow { disc_id: number; kaf_id: number; kod: string; name_ky: string; name_ru: string }
export interface UchPlanRow { plan_id: number; spec_id: number; god_nabora: number; name: string; utverjden: string }
export interface UchPlanStrRow {
  str_id: number; plan_id: number; disc_id: number; semestr: number; kredity: number;
  chasy_lek: number; chasy_prak: number; chasy_lab: number; chasy_srs: number; forma_kontrolya: string;
  max_m1: number; max_m2: number; max_itog: number;
}

const DISCIPLINA_COLUMNS = 'ds.disc_id, ds.kaf_id, ds.kod, ds.name_ky, ds.name_ru';
const UCH_PLAN_COLUMNS = 'up.plan_id, up.spec_id, up.god_nabora, up.name, up.utverjden';
const UCH_PLAN_STR_COLUMNS =
  'ps.str_id, ps.plan_id, ps.disc_id, ps.semestr, ps.kredity, ps.chasy_lek, ps.chasy_prak, ps.chasy_lab, ps.chasy_srs, ps.forma_kontrolya, ps.max_m1, ps.max_m2, ps.max_itog';

/** AVN uch_plan_str.forma_kontrolya codes. */
export const CONTROL_FORM: Record<string, ControlForm> = {
  ekzamen: ControlForm.EXAM,
  zachet: ControlForm.CREDIT,
  dif_zachet: ControlForm.GRADED_CREDIT,
  kursovaya: ControlForm.COURSE_WORK,
};

export function toDiscipline(r: DisciplinaRow): DisciplineRecord {
  return { __typename: 'Discipline', id: toGlobalId('Discipline', r.disc_id), key: r.disc_id, chairKey: r.kaf_id, code: r.kod, name: r.name_ky, nameRu: r.name_ru };
}

export function toCurriculum(r: UchPlanRow): CurriculumRecord {
  return { __typename: 'Curriculum', id: toGlobalId('Curriculum', r.plan_id), key: r.plan_id, programmeKey: r.spec_id, intakeYear: r.god_nabora, name: r.name, approvedOn: r.utverjden };
}

export function toPlanItem(r: UchPlanStrRow): PlanItemRecord {
  return {
    __typename: 'PlanItem', id: toGlobalId('PlanItem', r.str_id), key: r.str_id, curriculumKey: r.plan_id, disciplineKey: r.disc_id,
    semester: r.semestr, credits: r.kredity,
    lectureHours: r.chasy_lek, practiceHours: r.chasy_prak, labHours: r.chasy_lab, selfStudyHours: r.chasy_srs,
    totalHours: r.chasy_lek + r.chasy_prak + r.chasy_lab + r.chasy_srs,
    controlForm: CONTROL_FORM[r.forma_kontrolya], module1Max: r.max_m1, module2Max: r.max_m2, finalMax: r.max_itog,
  };
}

export const disciplineById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.disciplineById', avn, `select ${DISCIPLINA_COLUMNS}, ds.disc_id as _key from disciplina ds where ds.disc_id = any($1::int[])`, toDiscipline);

/** The disciplines each chair teaches, by name. */
export const disciplinesByChair = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.disciplinesByChair', avn,
    `select ${DISCIPLINA_COLUMNS}, ds.kaf_id as _key from disciplina ds where ds.kaf_id = any($1::int[]) order by ds.kaf_id, ds.name_ky, ds.disc_id`,
    toDiscipline);

export const curriculumById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.curriculumById', avn, `select ${UCH_PLAN_COLUMNS}, up.plan_id as _key from uch_plan up where up.plan_id = any($1::int[])`, toCurriculum);

/** The curricula of each programme, latest intake first. */
export const curriculaByProgramme = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.curriculaByProgramme', avn,
    `select ${UCH_PLAN_COLUMNS}, up.spec_id as _key from uch_plan up where up.spec_id = any($1::int[]) order by up.spec_id, up.god_nabora desc, up.plan_id`,
    toCurriculum);

export const planItemById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.planItemById', avn, `select ${UCH_PLAN_STR_COLUMNS}, ps.str_id as _key from uch_plan_str ps where ps.str_id = any($1::int[])`, toPlanItem);

/** The lines of each curriculum (all semesters, or one), by semester and discipline name. */
export const planItemsByCurriculum = (c: SourceContext, semester: number | null) =>
  manyByKeyWithArgs(c, 'avn.planItemsByCurriculum', avn,
    `select ${UCH_PLAN_STR_COLUMNS}, ps.plan_id as _key
       from uch_plan_str ps join disciplina ds on ds.disc_id = ps.disc_id
      where ps.plan_id = any($1::int[]) and ($2::smallint is null or ps.semestr = $2)
      order by ps.plan_id, ps.semestr, ds.name_ky, ps.str_id`,
    [semester],
    toPlanItem);

const CURRICULUM_SORT: Record<CurriculumSortField, SortColumn> = {
  INTAKE_YEAR: { sql: 'up.god_nabora', key: 'god_nabora' },
  NAME: { sql: 'up.name', key: 'name' },
  APPROVED_ON: { sql: 'up.utverjden', key: 'utverjden' },
};

/** A page of curricula (published study plans: no row limit). */
export function listCurricula(
  context: SourceContext, request: { filter: CurriculumFilter; sort: CurriculumSort; page: Page },
): Promise<ConnectionShape<CurriculumRecord>> {
  const { filter, sort: { field, desc } } = request;
  return loadList<UchPlanRow & Record<string, unknown>, CurriculumRecord>(
    avn(context),
    {
      from: 'uch_plan up',
      columns: UCH_PLAN_COLUMNS,
      filters: (p) => [
        filter.programmeKey != null && `up.spec_id = ${p.add(filter.programmeKey)}`,
        filter.intakeYear != null && `up.god_nabora = ${p.add(filter.intakeYear)}`,
      ],
      sort: [CURRICULUM_SORT[field], { sql: 'up.plan_id', key: 'plan_id' }].map((c) => ({ ...c, desc })),
    },
    request.page,
    toCurriculum,
  );
}

const DISCIPLINE_SORT: Record<DisciplineSortField, SortColumn> = {
  NAME: { sql: 'ds.name_ky', key: 'name_ky' },
  CODE: { sql: 'ds.kod', key: 'kod' },
};

/** A page of disciplines (no row limit). */
export function listDisciplines(
  context: SourceContext, request: { filter: DisciplineFilter; sort: DisciplineSort; page: Page },
): Promise<ConnectionShape<DisciplineRecord>> {
  const { filter, sort: { field, desc } } = request;
  return loadList<DisciplinaRow & Record<string, unknown>, DisciplineRecord>(
    avn(context),
    {
      from: 'disciplina ds',
      columns: DISCIPLINA_COLUMNS,
      filters: (p) => {
        const text = filter.nameContains ? p.add(`%${likeEscape(filter.nameContains)}%`) : null;
        return [
          filter.chairKey != null && `ds.kaf_id = ${p.add(filter.chairKey)}`,
          text && `(ds.name_ky ilike ${text} or ds.name_ru ilike ${text} or ds.kod ilike ${text})`,
        ];
      },
      sort: [DISCIPLINE_SORT[field], { sql: 'ds.disc_id', key: 'disc_id' }].map((c) => ({ ...c, desc })),
    },
    request.page,
    toDiscipline,
  );
}

/** Each curriculum's credits per semester of study (summed over its lines), by semester: one statement per batch. */
export const creditsBySemesterOfCurriculum = (c: SourceContext) =>
  manyByKeyLoader(c, 'avn.creditsBySemesterOfCurriculum', avn,
    `select ps.plan_id as _key, ps.semestr, sum(ps.kredity) as credits
       from uch_plan_str ps where ps.plan_id = any($1::int[])
      group by ps.plan_id, ps.semestr order by ps.plan_id, ps.semestr`,
    (r: { semestr: number; credits: number }): SemesterCreditsRecord => ({ semester: r.semestr, credits: r.credits }));
