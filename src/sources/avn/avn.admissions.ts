/**
 * AVN → admissions: how AVN's abiturient rows become the hub's Applicant, the list filters, and
 * the loaders.
 */
import type { SourceContext } from '../../db/read-context';
import { byKeyLoader } from '../../db/loaders';
import { toGlobalId } from '../../domain/global-id';
import type { Params } from '../../db/sql';
import { ApplicantStatus } from '../../domain/admissions';
import { type Applicant } from '../../modules/admissions/applicant.types';

const avn = (context: SourceContext) => context.db.avn;

export interface AbiturientRow {
  abit_id: number; fam: string; imya: string; otch: string | null; pin: string | null; data_rojd: string; tel: string | null;
  spec_id: number; ort_ball: number | null; data_podachi: string; status: string; stud_id: number | null;
}

export const ABITURIENT_FROM = 'abiturient a join specialnost sp on sp.spec_id = a.spec_id';
/** `score_rank` puts applicants without a score last in a descending ranking (and keeps keyset cursors exact). */
export const ABITURIENT_COLUMNS = 'a.abit_id, a.fam, a.imya, a.otch, a.pin, a.data_rojd, a.tel, a.spec_id, a.ort_ball, a.data_podachi, a.status, a.stud_id, coalesce(a.ort_ball, -1) as score_rank';

const STATUS_BY_CODE: Record<string, ApplicantStatus> = {
  podal: ApplicantStatus.APPLIED, rekomendovan: ApplicantStatus.RECOMMENDED, otklonen: ApplicantStatus.REJECTED, zachislen: ApplicantStatus.ENROLLED,
};
const CODE_BY_STATUS = Object.fromEntries(Object.entries(STATUS_BY_CODE).map(([code, s]) => [s, code])) as Record<ApplicantStatus, string>;

export function toApplicant(r: AbiturientRow): Applicant {
  return {
    __typename: 'Applicant', id: toGlobalId('Applicant', r.abit_id), key: r.abit_id, programmeKey: r.spec_id, studentKey: r.stud_id,
    fullName: [r.fam, r.imya, r.otch].filter(Boolean).join(' '), lastName: r.fam, firstName: r.imya, patronymic: r.otch,
    // AVN stores the PIN as char(14): trim the padding of short or foreign numbers.
    pin: r.pin?.trim() || null, birthDate: r.data_rojd, phone: r.tel,
    nationalTestScore: r.ort_ball, submittedOn: r.data_podachi, status: STATUS_BY_CODE[r.status],
  };
}

export interface ApplicantCriteria {
  programmeKey?: number | null;
  facultyKey?: number | null;
  status?: ApplicantStatus | null;
  minScore?: number | null;
}

export function applicantConditions(criteria: ApplicantCriteria, p: Params): (string | false)[] {
  return [
    criteria.programmeKey != null && `a.spec_id = ${p.add(criteria.programmeKey)}`,
    criteria.facultyKey != null && `sp.fak_id = ${p.add(criteria.facultyKey)}`,
    !!criteria.status && `a.status = ${p.add(CODE_BY_STATUS[criteria.status])}`,
    criteria.minScore != null && `a.ort_ball >= ${p.add(criteria.minScore)}`,
  ];
}

export const APPLICANT_SORT = {
  SCORE: [{ sql: 'coalesce(a.ort_ball, -1)', key: 'score_rank' }],
  NAME: [{ sql: 'a.fam', key: 'fam' }, { sql: 'a.imya', key: 'imya' }],
  SUBMITTED: [{ sql: 'a.data_podachi', key: 'data_podachi' }],
  TIE: { sql: 'a.abit_id', key: 'abit_id' },
} as const;

export const applicantById = (c: SourceContext) =>
  byKeyLoader(c, 'avn.applicantById', avn, `select ${ABITURIENT_COLUMNS}, a.abit_id as _key from ${ABITURIENT_FROM} where a.abit_id = any($1::int[])`, toApplicant);
