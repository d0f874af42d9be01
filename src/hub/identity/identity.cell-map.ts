/**
 * Step (b) of a cross-source statistic (src/hub/statistics/cross-source.ts): the identity
 * registry turns AVN's student cells into another source's record keys, one hub statement each.
 * Only keys travel: student keys in, record keys, cell indexes and registry person ids out.
 */
import type { SourceContext } from '../../db/read-context';
import type { RecordSource } from '../../domain/identity';
import type { RecordCellMap, StudentCellMap } from '../../domain/statistics';

/**
 * The records of `source` whose person's latest AVN student record (the highest student key, the
 * one a `student` field shows) is in the map, with that student's cell: every card of a person
 * with several library cards, each record in exactly one cell.
 */
export async function recordCellsOfStudents(context: Pick<SourceContext, 'db'>, students: StudentCellMap, source: RecordSource): Promise<RecordCellMap> {
  const base = { cells: students.cells, everyStudent: students.everyStudent };
  if (!students.studentKeys.length) return { ...base, localKeys: [], cellIndexes: [], people: [] };
  const rows = await context.db.hub.query<{ k: string; cell: number; person: string }>(
    `with s as (select * from unnest($1::text[], $2::int[]) as s(stud, cell)),
          sp as (select l.person_id, s.stud, s.cell from s join identity_link l on l.source = 'avn.student' and l.local_key = s.stud)
     select r.local_key as k, sp.cell, sp.person_id::text as person
       from sp join identity_link r on r.person_id = sp.person_id and r.source = $3
      where not exists (select 1 from identity_link o
                         where o.person_id = sp.person_id and o.source = 'avn.student' and o.local_key ~ '^[0-9]+$'
                           and o.local_key::bigint > sp.stud::bigint)`,
    [students.studentKeys.map(String), students.cellIndexes, source],
  );
  return { ...base, localKeys: rows.map((r) => r.k), cellIndexes: rows.map((r) => r.cell), people: rows.map((r) => r.person) };
}

/**
 * The students of the map keyed by their student number (what the registrar's applicants type
 * in), each with its cell and registry person — `student:<key>` for a student the registry has
 * not linked, still one person.
 */
export async function numberCellsOfStudents(context: Pick<SourceContext, 'db'>, students: StudentCellMap): Promise<RecordCellMap> {
  const numbers = students.studentNumbers ?? [];
  const base = { cells: students.cells, everyStudent: students.everyStudent, localKeys: numbers, cellIndexes: students.cellIndexes };
  if (!students.studentKeys.length) return { ...base, people: [] };
  const rows = await context.db.hub.query<{ stud: string; person: string | null }>(
    `select s.stud, l.person_id::text as person
       from unnest($1::text[]) with ordinality as s(stud, n)
       left join identity_link l on l.source = 'avn.student' and l.local_key = s.stud
      order by s.n`,
    [students.studentKeys.map(String)],
  );
  return { ...base, people: rows.map((r) => r.person ?? `student:${r.stud}`) };
}
