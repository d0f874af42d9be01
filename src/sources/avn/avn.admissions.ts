/**
 * AVN → admissions: how AVN's abiturient rows become the hub's applicant records, the applicants
 * list with its filters, orders and the viewer's row limit, and the loaders.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';
import { loadList } from '../../db/list-loaders';
import type { ConnectionShape, SortColumn } from '../../db/pages';
import type { ListRequest } from '../../db/list-request';
import { toGlobalId } from '../../domain/global-id';
import type { Params } from '../../db/sql';
import { ApplicantStatus, type ApplicantFilter, type ApplicantRecord, type ApplicantSort } from '../../domain/admissions';
import { applicantScope } from './avn.scopes';

const avn = (context: SourceContext) => context.db.avn;

interface AbiturientRow {
  abit_id: number; fam: string; imya: string; otch: string | null; pin: string | null; data_rojd: string; tel: string | null;
  spec_id: number; ort_ball: number | null; data_podachi: string; status: string; stud_id: number | null;
}

const ABITURIENT_FROM = 'abiturient a join specialnost sp on sp.spec_id = a.spec_id';
/** `score_rank` puts applicants without a score last in a descending ranking (and keeps keyset cursors exact). */
const ABITURIENT_COLUMNS = 'a.abit_id, a.fam, a.imya, a.otch, a.pin, a.data_rojd, a.tel, a.spec_id, a.ort_ball, a.data_podachi, a.status, a.stud_id, coalesce(a.ort_ball, -1) as score_rank';

const STATUS_BY_CODE: Record<string, ApplicantStatus> = {
  podal: ApplicantStatus.APPLIED, rekomendovan: ApplicantStatus.RECOMMENDED, otklonen: ApplicantStatus.REJECTED, zachislen: ApplicantStatus.ENROLLED,
};
const CODE_BY_STATUS = Object.fromEntries(Object.entries(STATUS_BY_CODE).map(([code, s]) => [s, code])) as Record<ApplicantStatus, string>;

function toApplicant(r: AbiturientRow): ApplicantRecord {
  return {
    __typename: 'Applicant', id: toGlobalId('Applicant', r.abit_id), key: r.abit_id, programmeKey: r.spec_id, studentKey: r.stud_id,
    fullName: [r.fam, r.imya, r.otch].filter(Boolean).join(' '), lastName: r.fam, firstName: r.imya, patronymic: r.otch,
    // AVN stores the PIN as char(14): trim the padding of short or foreign numbers.
    pin: r.pin?.trim() || null, birthDate: r.data_rojd, phone: r.tel,
    nationalTestScore: r.ort_ball, submittedOn: r.data_podachi, status: STATUS_BY_CODE[r.status],
  };
}

function applicantConditions(criteria: ApplicantFilter, p: Params): (string | false)[] {
  return [
    criteria.programmeKey != null && `a.spec_id = ${p.add(criteria.programmeKey)}`,
    criteria.facultyKey != null && `sp.fak_id = ${p.add(criteria.facultyKey)}`,
    !!criteria.status && `a.status = ${p.add(CODE_BY_STATUS[criteria.status])}`,
    criteria.minScore != null && `a.ort_ball >= ${p.add(criteria.minScore)}`,
    criteria.intakeYear != null && `a.data_podachi >= make_date(${p.add(criteria.intakeYear)}::int, 1, 1) and a.data_podachi < make_date(${p.add(criteria.intakeYear + 1)}::int, 1, 1)`,
    !!criteria.submittedFrom && `a.data_podachi >= ${p.add(criteria.submittedFrom)}::date`,
    !!criteria.submittedTo && `a.data_podachi <= ${p.add(criteria.submittedTo)}::date`,
  ];
}

const APPLICANT_SORT = {
  score: [{ sql: 'coalesce(a.ort_ball, -1)', key: 'score_rank' }],
  name: [{ sql: 'a.fam', key: 'fam' }, { sql: 'a.imya', key: 'imya' }],
  submittedOn: [{ sql: 'a.data_podachi', key: 'data_podachi' }],
} as const;

/** The list's sort columns, ending with the unique abit_id (same direction) so keyset cursors are exact. */
function applicantSort(sort: ApplicantSort, desc: boolean): SortColumn[] {
  return [...APPLICANT_SORT[sort], { sql: 'a.abit_id', key: 'abit_id' }].map((c) => ({ ...c, desc }));
}

/** Access (avn.scopes.ts): a faculty's programmes, a student's own application, over ABITURIENT_FROM's aliases. */
const APPLICANT_SCOPE = { programme: 'a.spec_id', student: 'a.stud_id' };

/** One page of the applicants the viewer may see. */
export function listApplicants(c: SourceContext, request: ListRequest<ApplicantFilter, ApplicantSort>): Promise<ConnectionShape<ApplicantRecord>> {
  return loadList<AbiturientRow & Record<string, unknown>, ApplicantRecord>(
    avn(c),
    {
      from: ABITURIENT_FROM,
      columns: ABITURIENT_COLUMNS,
      filters: (p) => [...applicantConditions(request.filter, p), applicantScope(request.reach, p, APPLICANT_SCOPE)],
      sort: applicantSort(request.sort, request.desc),
    },
    request.page,
    toApplicant,
  );
}

export const applicantById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.applicantById', avn, `select ${ABITURIENT_COLUMNS}, a.abit_id as _key from ${ABITURIENT_FROM} where a.abit_id = any($1::int[])`, toApplicant);
