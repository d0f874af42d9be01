/** Electronic grade sheets (электрондук ведомость): one discipline, one group, one teacher, one term. */
import { Field, Float, Int, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { ConnectionType } from '../../graphql/connection';
import { AcademicTerm } from '../../domain/curriculum';
import { GradeSheetKind, GradeSheetStatus, type GradeSheetRecord, type GradeSheetRowRecord } from '../../domain/curriculum';

registerEnumType(GradeSheetKind, {
  name: 'GradeSheetKind',
  description: 'Whether a grade sheet is the semester\'s regular one or a retake.',
  valuesConfig: {
    REGULAR: { description: 'The regular sheet of the semester (основная).' },
    RETAKE: { description: 'A retake sheet (пересдача) for students who failed or missed the regular one.' },
  },
});

registerEnumType(GradeSheetStatus, {
  name: 'GradeSheetStatus',
  description: 'Where a grade sheet is in its life cycle (opened per the academic calendar, then submitted by the teacher).',
  valuesConfig: {
    OPEN: { description: 'Open: the teacher may enter grades.' },
    SUBMITTED: { description: 'Submitted and closed (сдана): the grades are final.' },
    REOPENED: { description: 'Reopened after submission (переоткрыта) to correct grades; editable again.' },
  },
});

@HubObject('An electronic grade sheet (ведомость): the results of one group in one discipline of its curriculum for one term, kept by one teacher. Source: AVN.')
export class GradeSheet implements GradeSheetRecord {
  __typename!: 'GradeSheet';
  id!: string;
  /** The sheet's key in AVN. */
  key!: number;
  groupKey!: number;
  planItemKey!: number;
  disciplineKey!: number;
  teacherKey!: number;

  @Field({ description: 'Academic year, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => Int, { description: 'Semester of study graded (the curriculum\'s semester, counted from admission: 1, 2, 3, …).' })
  semester!: number;

  @Field(() => AcademicTerm, { description: 'Autumn or spring (from the semester: odd semesters are in autumn).' })
  term!: AcademicTerm;

  @Field(() => GradeSheetKind, { description: 'Regular sheet or retake.' })
  kind!: GradeSheetKind;

  @Field(() => GradeSheetStatus, { description: 'Open, submitted or reopened.' })
  status!: GradeSheetStatus;

  @Field(() => LocalDate, { description: 'Date the sheet was opened for grade entry.' })
  openedOn!: string;

  @Field(() => LocalDate, { nullable: true, description: 'Date the sheet was closed (submitted); null while open.' })
  closedOn!: string | null;
}

@HubObject('One student\'s line on a grade sheet: module points, final control, total and letter. Points are null until entered. Source: AVN.', { node: false })
export class GradeSheetRow implements GradeSheetRowRecord {
  gradeSheetKey!: number;
  studentKey!: number;

  @Field(() => Float, { nullable: true, description: 'Points for module 1 (at most the plan item\'s `module1Max`).' })
  module1!: number | null;

  @Field(() => Float, { nullable: true, description: 'Points for module 2 (at most `module2Max`).' })
  module2!: number | null;

  @Field(() => Float, { nullable: true, description: 'Points for the final control (at most `finalMax`).' })
  final!: number | null;

  @Field(() => Float, { nullable: true, description: 'Total on the 100-point scale.' })
  total!: number | null;

  @Field(() => String, { nullable: true, description: 'Letter grade of the university\'s grading scale (e.g. "A", "B+", "FX"); null until graded.' })
  letter!: string | null;

  @Field(() => Float, { nullable: true, description: 'Grade points of the letter on the grading scale (for GPA: Σ credits × points / Σ credits); null when the letter is not on the scale.' })
  gradePoints!: number | null;

  @Field(() => String, { nullable: true, description: 'Name of the grade on the scale, in Kyrgyz (e.g. "Эң жакшы"); null when the letter is not on the scale.' })
  gradeName!: string | null;
}

export const GradeSheetConnection = ConnectionType(GradeSheet, 'GradeSheet', 'grade sheet');
