/**
 * The viewer's row limit as the registrar's lists take it: a condition over the columns holding
 * the applicant's (or holder's) student number and PIN, built by the caller (the access rules know
 * whose numbers a viewer may see). Null: no limit.
 */
import type { Params } from '../../db/sql';

export type ApplicantScope = ((p: Params, columns: { number: string; pin: string }) => string) | null;
