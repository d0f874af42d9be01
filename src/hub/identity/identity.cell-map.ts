/**
 * Step (b) of a cross-source statistic (src/hub/statistics/cross-source.ts): the identity
 * registry's links between AVN students and another source's records, one hub statement each,
 * read while AVN computes its cells (the two do not depend on each other). Only keys travel:
 * record keys, registry person ids and student keys, as arrays in one row.
 */
import type { SourceContext } from '../../db/read-context';
import type { RecordSource } from '../../domain/identity';
import type { StudentRecordLinks } from '../../domain/statistics';

/**
 * Every record of `source` whose person has an AVN student record, with the person and its latest
 * student record (the highest student key, the one a `student` field shows): every card of a
 * person with several library cards, each record with exactly one student.
 */
export async function recordLinksOfStudents(context: Pick<SourceContext, 'db'>, source: RecordSource): Promise<StudentRecordLinks> {
  const [row] = await context.db.hub.query<{ keys: string[] | null; people: string[] | null; students: string[] | null }>(
    `with latest as (select l.person_id, max(l.local_key::bigint) as stud from identity_link l
                      where l.source = 'avn.student' and l.local_key ~ '^[0-9]+$' group by l.person_id)
     select array_agg(r.local_key) as keys, array_agg(r.person_id::text) as people, array_agg(latest.stud::text) as students
       from identity_link r join latest on latest.person_id = r.person_id
      where r.source = $1`,
    [source],
  );
  return { localKeys: row?.keys ?? [], people: row?.people ?? [], studentKeys: (row?.students ?? []).map(Number) };
}

/** Every AVN student record's registry person (the local key is the student key itself). */
export async function studentPeople(context: Pick<SourceContext, 'db'>): Promise<StudentRecordLinks> {
  const [row] = await context.db.hub.query<{ keys: string[] | null; people: string[] | null }>(
    `select array_agg(l.local_key) as keys, array_agg(l.person_id::text) as people
       from identity_link l where l.source = 'avn.student' and l.local_key ~ '^[0-9]+$'`,
  );
  const keys = row?.keys ?? [];
  return { localKeys: keys, people: row?.people ?? [], studentKeys: keys.map(Number) };
}
