/**
 * AVN's electronic journal, the write side of QR check-in: what the check-in service needs to know
 * about a lesson (its date and period), its teacher and a student, the student's mark if the
 * journal already has one, and marking the student present (or late) in jurnal_otmetka. Native
 * names of those tables live here only.
 *
 * The mark is one `insert … on conflict (zan_id, stud_id) do nothing` statement: a check-in fills
 * only an empty cell and never changes a mark already there (excused, hand-entered or an earlier
 * scan's), even one a teacher entered a moment before (checkin.rules.ts).
 */
import type { SourceContext } from '../../db/read-context';
import { toAttendanceMark, type OtmetkaRow } from './avn.journal';
import type { ExistingMark, LessonForCheckIn, StudentForCheckIn } from '../../domain/checkin';
import { academicTermOf } from '../../domain/academic-term';
import { AcademicTerm } from '../../domain/curriculum';

export async function lessonForSession(context: SourceContext, lessonKey: number): Promise<LessonForCheckIn | null> {
  const rows = await context.db.avn.query<{
    zan_id: number; grp_id: number; disc_id: number; emp_id: number; data: string; para: number; tabel_nomer: string; gruppa_name: string;
  }>(
    `select z.zan_id, z.grp_id, z.disc_id, z.emp_id, to_char(z.data, 'YYYY-MM-DD') as data, z.para, e.tabel_nomer, g.name as gruppa_name
       from jurnal_zanyatie z join sotrudnik e on e.emp_id = z.emp_id join gruppa g on g.grp_id = z.grp_id
      where z.zan_id = $1`,
    [lessonKey],
  );
  const r = rows[0];
  return r
    ? {
      key: r.zan_id, groupKey: r.grp_id, disciplineKey: r.disc_id, teacherKey: r.emp_id, date: r.data, period: r.para,
      teacherPersonnelNumber: r.tabel_nomer, groupName: r.gruppa_name,
    }
    : null;
}

export async function studentForCheckIn(context: SourceContext, studentKey: number): Promise<StudentForCheckIn | null> {
  const rows = await context.db.avn.query<{ stud_id: number; zachetka: string; grp_id: number }>(
    'select stud_id, zachetka, grp_id from students where stud_id = $1', [studentKey],
  );
  const r = rows[0];
  return r ? { key: r.stud_id, studentNumber: r.zachetka, groupKey: r.grp_id } : null;
}

/**
 * Is the student registered for the lesson: in the lesson's group, or enrolled ('zapisan') in a
 * plan item of the lesson's discipline in the academic year of the lesson and a semester of the
 * same half (odd semesters are autumn, even ones spring).
 */
export async function isRegisteredForLesson(context: SourceContext, studentKey: number, lesson: LessonForCheckIn): Promise<boolean> {
  const { academicYear, term } = academicTermOf(new Date(`${lesson.date}T00:00:00Z`));
  const rows = await context.db.avn.query(
    `select 1 from students s where s.stud_id = $1 and s.grp_id = $2
     union all
     select 1 from registraciya r join uch_plan_str ps on ps.str_id = r.str_id
      where r.stud_id = $1 and ps.disc_id = $3 and r.status = 'zapisan' and r.uch_god = $4 and r.semestr % 2 = $5
     limit 1`,
    [studentKey, lesson.groupKey, lesson.disciplineKey, academicYear, term === AcademicTerm.AUTUMN ? 1 : 0],
  );
  return rows.length > 0;
}

/** The student's mark at the lesson, if the journal has one. */
export async function journalMarkOf(context: SourceContext, lessonKey: number, studentKey: number): Promise<ExistingMark | null> {
  const rows = await context.db.avn.query<OtmetkaRow>(
    'select zan_id, stud_id, prisutstvie, ocenka, istochnik from jurnal_otmetka where zan_id = $1 and stud_id = $2', [lessonKey, studentKey],
  );
  if (!rows[0]) return null;
  const { presence, source } = toAttendanceMark(rows[0]);
  return { presence, source };
}

/**
 * Marks the student in the lesson's journal — 'P' present or 'O' late, source 'qr' — if the cell is
 * still empty. Returns false when a mark was already there (it is left as it was).
 */
export async function markAttendanceFromQr(context: SourceContext, lessonKey: number, studentKey: number, late: boolean): Promise<boolean> {
  const rows = await context.db.avn.query(
    `insert into jurnal_otmetka (zan_id, stud_id, prisutstvie, istochnik) values ($1, $2, $3, 'qr')
     on conflict (zan_id, stud_id) do nothing returning otm_id`,
    [lessonKey, studentKey, late ? 'O' : 'P'],
  );
  return rows.length > 0;
}
