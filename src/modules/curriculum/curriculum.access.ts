/** Access to the curriculum (public catalogues) and grade sheets (by teacher and group; a student sees its own row). */
import { accessPolicy } from '../../auth/policies';
import { always, ownStudentRow, teachingRows } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { teachingScope } from '../../sources/avn/avn.scopes';
import { Curriculum, Discipline, PlanItem, SemesterCredits } from './curriculum.types';
import { GradeSheet, GradeSheetRow } from './grade-sheet.types';

export const curriculumAccess = [
  accessPolicy(Discipline, { domain: Domain.CURRICULUM, rows: 'public' }),
  accessPolicy(Curriculum, { domain: Domain.CURRICULUM, rows: 'public' }),
  accessPolicy(PlanItem, { domain: Domain.CURRICULUM, rows: 'public' }),
  accessPolicy(SemesterCredits, { domain: Domain.CURRICULUM, rows: 'parent' }),
  accessPolicy(GradeSheet, { domain: Domain.GRADES, rows: teachingRows<GradeSheet>(), scope: teachingScope }),
  accessPolicy(GradeSheetRow, {
    domain: Domain.GRADES,
    rows: { faculty: always, chair: always, teacher: always, self: ownStudentRow((r) => r.studentKey) },
  }),
];
