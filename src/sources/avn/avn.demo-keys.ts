/**
 * The AVN records the demo accounts are tied to (src/auth/credentials/demo-accounts.ts): the first
 * faculty and chair, a teacher with an open grade sheet (so the teacher account can enter grades at
 * once), and the showcase student or else the studying student with the lowest record id.
 */
import type pg from 'pg';

export interface DemoAccountKeys {
  facultyKey: number | null;
  chairKey: number | null;
  teacherKey: number | null;
  studentKey: number | null;
}

export async function demoAccountKeys(avn: pg.Pool, showcaseStudentNumber: string): Promise<DemoAccountKeys> {
  const first = async (sql: string, params: unknown[] = []): Promise<number | null> => {
    const { rows } = await avn.query<{ key: number }>(sql, params);
    return rows[0]?.key ?? null;
  };
  return {
    facultyKey: await first('select fak_id as key from fakultet order by fak_id limit 1'),
    chairKey: await first('select kaf_id as key from kafedra order by kaf_id limit 1'),
    teacherKey: await first(`select emp_id as key from vedomost where status in ('otkryta', 'pereotkryta') order by ved_id limit 1`),
    studentKey:
      (await first('select stud_id as key from students where zachetka = $1', [showcaseStudentNumber])) ??
      (await first('select stud_id as key from students where status_id = 1 order by stud_id limit 1')),
  };
}
