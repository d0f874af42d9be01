/**
 * AVN student keys matching a status list and a faculty, in one statement: what another source's
 * list filters by when it knows students only through the identity registry (e.g. the library's
 * debtors of one faculty who still study).
 */
import type { SourceContext } from '../../db/read-context';
import type { StudentStatus } from '../../domain/students';
import { facultyGroupsSql } from './avn.scopes';
import { statusIds } from './avn.students';

export interface StudentKeyCriteria {
  /** Null: any status; empty: no student. */
  statusIn: readonly StudentStatus[] | null;
  facultyKey: number | null;
}

export async function studentKeysMatching(context: Pick<SourceContext, 'db'>, { statusIn, facultyKey }: StudentKeyCriteria): Promise<number[]> {
  if (statusIn?.length === 0) return [];
  const params: unknown[] = [];
  const conditions: string[] = [];
  if (statusIn) conditions.push(`s.status_id = any($${params.push(statusIds(statusIn))}::int[])`);
  if (facultyKey != null) conditions.push(`s.grp_id in (${facultyGroupsSql(`$${params.push(facultyKey)}`)})`);
  const rows = await context.db.avn.query<{ k: number }>(
    `select s.stud_id as k from students s${conditions.length ? ` where ${conditions.join(' and ')}` : ''}`,
    params,
  );
  return rows.map((r) => Number(r.k));
}
