/**
 * AVN electronic journal → attendance summary: counts of a student's journal marks
 * (jurnal_otmetka.prisutstvie) per discipline; the totals and rates are computed above this layer.
 */
import type { SourceContext } from '../../db/read-context';
import { manyByKeyLoader } from '../../db/loaders';
import type { DisciplineAttendanceCounts } from '../../domain/students';

const avn = (context: SourceContext) => context.db.avn;

/**
 * jurnal_otmetka.prisutstvie codes: P = присутствовал (present), O = опоздал (late),
 * N = не был (absent), U = по уважительной причине (excused).
 */
const PRESENCE_CODES = { present: 'P', late: 'O', absent: 'N', excused: 'U' } as const;

interface AttendanceRow {
  _key: number;
  disc_id: number;
  kod: string;
  name_ky: string;
  lessons: number;
  present: number;
  late: number;
  absent: number;
  excused: number;
}

function toDisciplineAttendance(r: AttendanceRow): DisciplineAttendanceCounts {
  return {
    disciplineKey: r.disc_id,
    disciplineCode: r.kod,
    disciplineName: r.name_ky,
    lessons: r.lessons,
    present: r.present,
    late: r.late,
    absent: r.absent,
    excused: r.excused,
  };
}

const count = (code: string) => `count(*) filter (where o.prisutstvie = '${code}')::int`;

/** Per-discipline attendance counts of a batch of students: one grouped statement. */
export const attendanceByStudent = (c: SourceContext) =>
  manyByKeyLoader(
    c,
    'avn.attendanceByStudent',
    avn,
    `select o.stud_id as _key, d.disc_id, d.kod, d.name_ky, count(*)::int as lessons,
            ${count(PRESENCE_CODES.present)} as present, ${count(PRESENCE_CODES.late)} as late,
            ${count(PRESENCE_CODES.absent)} as absent, ${count(PRESENCE_CODES.excused)} as excused
       from jurnal_otmetka o
       join jurnal_zanyatie z on z.zan_id = o.zan_id
       join disciplina d on d.disc_id = z.disc_id
      where o.stud_id = any($1::int[])
      group by o.stud_id, d.disc_id, d.kod, d.name_ky
      order by o.stud_id, d.name_ky, d.disc_id`,
    toDisciplineAttendance,
  );
