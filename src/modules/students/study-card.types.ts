/**
 * The AVN part of a student's study card (окуу карточкасы): discipline registrations (AVN 33),
 * grade-sheet results per semester with GPA, and the attendance summary of the electronic journal.
 * Plain objects under a Student (not nodes): they are reached through their student. The enums
 * (control form, sheet kind and status) are the curriculum module's, so both views speak alike.
 */
import { Field, Float, Int, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { ControlForm } from '../../domain/curriculum';
import { GradeSheetKind, GradeSheetStatus } from '../../domain/curriculum';
import {
  RegistrationStatus, type DisciplineAttendanceCounts, type DisciplineRegistrationRecord, type StudentGradeRecord,
} from '../../domain/students';

registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'State of a student\'s registration to a discipline (AVN 33).',
  valuesConfig: {
    REGISTERED: { description: 'Registered: the student takes the discipline.' },
    WITHDRAWN: { description: 'The student withdrew from the discipline after registering.' },
  },
});

@HubObject('A discipline of the curriculum a student is registered to for one semester (AVN 33, credit system).', { node: false })
export class DisciplineRegistration implements DisciplineRegistrationRecord {
  /** The registration's key in AVN. */
  key!: number;
  /** The key of the curriculum item. */
  planItemKey!: number;
  /** The key of the discipline. */
  disciplineKey!: number;

  @Field({ description: 'Academic year of the registration, e.g. "2025-2026".' })
  academicYear!: string;

  @Field(() => Int, { description: 'Semester of study the curriculum item belongs to, counted from 1 at admission (semesters 1-2 are the first year).' })
  semester!: number;

  @Field({ description: 'Discipline code in the curriculum.' })
  disciplineCode!: string;

  @Field({ description: 'Discipline name in Kyrgyz.' })
  disciplineName!: string;

  @Field({ description: 'Discipline name in Russian.' })
  disciplineNameRu!: string;

  @Field(() => Float, { description: 'Credits (ECTS-like кредиты) of the curriculum item.' })
  credits!: number;

  @Field(() => ControlForm, { description: 'How the discipline is assessed.' })
  controlForm!: ControlForm;

  @Field(() => LocalDate, { description: 'Date the student registered.' })
  registeredOn!: string;

  @Field(() => RegistrationStatus, { description: 'Registered or withdrawn.' })
  status!: RegistrationStatus;
}

@HubObject('One row of an electronic grade sheet (ведомость) for a student: the module, final and total scores of one discipline.', { node: false })
export class GradeRecord implements StudentGradeRecord {
  /** The grade-sheet row's key in AVN. */
  key!: number;
  /** The key of the grade sheet. */
  sheetKey!: number;
  /** The key of the curriculum item. */
  planItemKey!: number;
  /** The key of the discipline. */
  disciplineKey!: number;

  @Field({ description: 'Academic year of the grade sheet, e.g. "2025-2026".' })
  academicYear!: string;

  @Field(() => Int, { description: 'Semester of study of the grade sheet, counted from 1 at admission (semesters 1-2 are the first year).' })
  semester!: number;

  @Field({ description: 'Discipline code in the curriculum.' })
  disciplineCode!: string;

  @Field({ description: 'Discipline name in Kyrgyz.' })
  disciplineName!: string;

  @Field({ description: 'Discipline name in Russian.' })
  disciplineNameRu!: string;

  @Field(() => Float, { description: 'Credits of the curriculum item (the GPA weight).' })
  credits!: number;

  @Field(() => ControlForm, { description: 'How the discipline is assessed.' })
  controlForm!: ControlForm;

  @Field(() => Float, { nullable: true, description: 'Module 1 score (points of the 100-point scale); null until entered.' })
  module1!: number | null;

  @Field(() => Float, { nullable: true, description: 'Module 2 score; null until entered.' })
  module2!: number | null;

  @Field(() => Float, { nullable: true, description: 'Final control (exam or test) score; null until entered.' })
  final!: number | null;

  @Field(() => Float, { nullable: true, description: 'Total on the 100-point scale; null until the sheet has a result for the student.' })
  total!: number | null;

  @Field(() => String, { nullable: true, description: 'Letter grade (A, B, … F) as the sheet records it, else from the university\'s grading scale.' })
  letter!: string | null;

  @Field(() => Float, { nullable: true, description: 'Grade points of the total on the university\'s grading scale (AVN), e.g. 4.0; null without a total.' })
  gradePoints!: number | null;

  @Field(() => GradeSheetKind, { description: 'Regular sheet or retake.' })
  sheetKind!: GradeSheetKind;

  @Field(() => GradeSheetStatus, { description: 'Whether the sheet is still open, submitted or reopened.' })
  sheetStatus!: GradeSheetStatus;

  @Field({
    description:
      'True when this row counts toward the GPA: it has a total and it is the latest attempt (a retake replaces the regular result) ' +
      'for this discipline in this academic year and semester.',
  })
  countsTowardGpa!: boolean;
}

@HubObject('A student\'s results of one semester of one academic year, with the semester GPA.', { node: false })
export class SemesterRecord {
  @Field({ description: 'Academic year, e.g. "2025-2026".' })
  academicYear!: string;

  @Field(() => Int, { description: 'Semester of study, counted from 1 at admission (semesters 1-2 are the first year).' })
  semester!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Semester GPA = Σ(credits × grade points) / Σ credits over the rows that count toward the GPA, computed exactly and rounded half up to two decimals (3.165 is 3.17, as PostgreSQL round(numeric, 2)); null when none has a result yet.',
  })
  gpa!: number | null;

  @Field(() => Float, { description: 'Credits of the rows that count toward the GPA (attempted credits).' })
  credits!: number;

  @Field(() => Float, { description: 'Credits of the counted rows with a passing result (grade points above zero).' })
  earnedCredits!: number;

  @Field(() => [GradeRecord], { description: 'The grade-sheet rows of the semester (retakes included), by discipline name.' })
  grades!: GradeRecord[];
}

@HubObject('A student\'s attendance of one discipline, from the electronic journal.', { node: false })
export class DisciplineAttendance implements DisciplineAttendanceCounts {
  /** The key of the discipline. */
  disciplineKey!: number;

  @Field({ description: 'Discipline code.' })
  disciplineCode!: string;

  @Field({ description: 'Discipline name in Kyrgyz.' })
  disciplineName!: string;

  @Field(() => Int, { description: 'Lessons with an attendance mark for the student in this discipline.' })
  lessons!: number;

  @Field(() => Int, { description: 'Marked present.' })
  present!: number;

  @Field(() => Int, { description: 'Marked late (counted as attended).' })
  late!: number;

  @Field(() => Int, { description: 'Marked absent without a valid reason.' })
  absent!: number;

  @Field(() => Int, { description: 'Marked absent for a valid reason (уважительная причина).' })
  excused!: number;

  @Field(() => Float, { nullable: true, description: 'Share of lessons attended, (present + late) / lessons, from 0 to 1; null without lessons.' })
  attendanceRate!: number | null;
}

@HubObject(
  'A student\'s attendance over all lessons of the electronic journal (QR-visit check-ins included, as the journal records them).',
  { node: false },
)
export class AttendanceSummary {
  @Field(() => Int, { description: 'Lessons with an attendance mark for the student.' })
  lessons!: number;

  @Field(() => Int, { description: 'Marked present.' })
  present!: number;

  @Field(() => Int, { description: 'Marked late (counted as attended).' })
  late!: number;

  @Field(() => Int, { description: 'Marked absent without a valid reason.' })
  absent!: number;

  @Field(() => Int, { description: 'Marked absent for a valid reason (уважительная причина).' })
  excused!: number;

  @Field(() => Float, { nullable: true, description: 'Share of lessons attended, (present + late) / lessons, from 0 to 1; null without lessons.' })
  attendanceRate!: number | null;

  @Field(() => [DisciplineAttendance], { description: 'The same counts per discipline, by discipline name.' })
  byDiscipline!: DisciplineAttendance[];
}
