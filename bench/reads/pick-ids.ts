/**
 * Picks the rows the read benchmark asks about from the data itself, so the bench works at any
 * scale and on any copy (the smoke test's small demo included): a group of about 30 students, a
 * studying student who is also a library reader and a dormitory resident, the largest faculty.
 */
import pg from 'pg';
import type { BenchIds } from './operations';

async function rows<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function pickIds(urls: { avn: string; hub: string }): Promise<BenchIds> {
  const [group] = await rows<{ grp_id: number; name: string; n: number }>(
    urls.avn,
    `select s.grp_id, g.name, count(*)::int as n from students s join gruppa g on g.grp_id = s.grp_id
      group by s.grp_id, g.name order by abs(count(*) - 30), s.grp_id limit 1`,
  );
  if (!group) throw new Error('AVN has no students: is the database seeded?');
  // Students the identity registry links to both a library reader and a dormitory resident.
  const linked = await rows<{ local_key: string }>(
    urls.hub,
    `select a.local_key from identity_link a
      where a.source = 'avn.student'
        and exists (select 1 from identity_link b where b.person_id = a.person_id and b.source = 'library.borrower')
        and exists (select 1 from identity_link d where d.person_id = a.person_id and d.source = 'dormitory.resident')
      order by a.local_key::int limit 200`,
  );
  // Of those, a studying one with the most grade-sheet rows (a full card); else any of the group.
  const [student] = await rows<{ zachetka: string }>(
    urls.avn,
    `select s.zachetka from students s
      where (s.stud_id = any($1::int[]) and s.status_id = 1) or s.grp_id = $2
      order by (s.stud_id = any($1::int[])) desc, (select count(*) from vedomost_str vs where vs.stud_id = s.stud_id) desc, s.stud_id
      limit 1`,
    [linked.map((r) => Number(r.local_key)), group.grp_id],
  );
  const [faculty] = await rows<{ fak_id: number }>(
    urls.avn,
    `select sp.fak_id from students s join gruppa g on g.grp_id = s.grp_id join specialnost sp on sp.spec_id = g.spec_id
      group by sp.fak_id order by count(*) desc, sp.fak_id limit 1`,
  );
  return { groupKey: group.grp_id, groupName: group.name, groupSize: group.n, studentNumber: student.zachetka, facultyKey: faculty.fak_id };
}
