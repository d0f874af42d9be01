/**
 * Records of one source whose person's latest AVN student record (the highest student key, the
 * one a `student` field shows) is among a set of student keys — one hub statement, so a list in
 * another source can be filtered by its students' status or faculty without a query per row.
 */
import type { SourceContext } from '../../db/read-context';

export async function recordsOfLatestStudents(context: Pick<SourceContext, 'db'>, studentKeys: readonly number[], source: string): Promise<number[]> {
  if (!studentKeys.length) return [];
  const rows = await context.db.hub.query<{ k: string }>(
    `select distinct r.local_key as k
       from identity_link r
       join lateral (select max(s.local_key::bigint) as student
                       from identity_link s
                      where s.person_id = r.person_id and s.source = 'avn.student' and s.local_key ~ '^[0-9]+$') latest on true
      where r.source = $2 and latest.student = any($1::bigint[])`,
    [studentKeys, source],
  );
  return rows.map((r) => Number(r.k)).filter(Number.isInteger);
}
