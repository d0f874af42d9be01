/** Curricula (AVN 11): study plans of a programme and intake, their lines, and the disciplines. */
import { Field, Float, Int, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { LocalDate } from '../../graphql/scalars';
import { ConnectionType } from '../../graphql/connection';
// The AcademicTerm enum is registered there; its fields live in several modules.
import './academic-term.enum';
import { ControlForm, LessonKind, type CurriculumRecord, type DisciplineRecord, type PlanItemRecord, type SemesterCreditsRecord } from '../../domain/curriculum';

registerEnumType(ControlForm, {
  name: 'ControlForm',
  description: 'How a discipline is assessed at the end of the semester.',
  valuesConfig: {
    EXAM: { description: 'Examination (экзамен), graded on the 100-point scale.' },
    CREDIT: { description: 'Pass/fail credit (зачет).' },
    GRADED_CREDIT: { description: 'Graded credit (дифференцированный зачет).' },
    COURSE_WORK: { description: 'Course work / course project (курсовая работа).' },
  },
});

@HubObject('A discipline (subject) taught by a chair. Source: AVN.')
export class Discipline implements DisciplineRecord {
  __typename!: 'Discipline';
  id!: string;
  /** The discipline's key in AVN. */
  key!: number;
  chairKey!: number;

  @Field({ description: 'Code of the discipline in the curricula (e.g. "Б1.12").' })
  code!: string;

  @Field({ description: 'Name in Kyrgyz.' })
  name!: string;

  @Field({ description: 'Name in Russian.' })
  nameRu!: string;
}

@HubObject('A curriculum (окуу планы, AVN 11): the study plan of one programme for the students admitted in one year. Source: AVN.')
export class Curriculum implements CurriculumRecord {
  __typename!: 'Curriculum';
  id!: string;
  /** The curriculum's key in AVN. */
  key!: number;
  programmeKey!: number;

  @Field(() => Int, { description: 'Calendar year of the intake the plan applies to.' })
  intakeYear!: number;

  @Field({ description: 'Name of the plan as approved.' })
  name!: string;

  @Field(() => LocalDate, { description: 'Date the plan was approved.' })
  approvedOn!: string;
}

@HubObject('One line of a curriculum: a discipline in one semester with its credits, hours, control form and grade components. Source: AVN.')
export class PlanItem implements PlanItemRecord {
  __typename!: 'PlanItem';
  id!: string;
  /** The plan line's key in AVN. */
  key!: number;
  curriculumKey!: number;
  disciplineKey!: number;

  @Field(() => Int, { description: 'Semester of study, counted from 1 at admission (semesters 1-2 are the first year).' })
  semester!: number;

  @Field(() => Float, { description: 'Credits (ECTS-style кредиты) of the discipline in this semester.' })
  credits!: number;

  @Field(() => Int, { description: 'Lecture hours.' })
  lectureHours!: number;

  @Field(() => Int, { description: 'Practice / seminar hours.' })
  practiceHours!: number;

  @Field(() => Int, { description: 'Laboratory hours.' })
  labHours!: number;

  @Field(() => Int, { description: 'Hours of the students\' independent work (СРС).' })
  selfStudyHours!: number;

  @Field(() => Int, { description: 'All hours: lecture + practice + lab + self-study.' })
  totalHours!: number;

  @Field(() => ControlForm, { description: 'How the discipline is assessed at the end of the semester.' })
  controlForm!: ControlForm;

  @Field(() => Int, { description: 'Maximum points for module 1 (first midterm).' })
  module1Max!: number;

  @Field(() => Int, { description: 'Maximum points for module 2 (second midterm).' })
  module2Max!: number;

  @Field(() => Int, { description: 'Maximum points for the final control; the three maxima add up to the 100-point scale.' })
  finalMax!: number;
}

export const CurriculumConnection = ConnectionType(Curriculum, 'Curriculum', 'curriculum');
export const DisciplineConnection = ConnectionType(Discipline, 'Discipline', 'discipline');

/** Shared by the teaching load (staff module) and the journal (attendance module). */
registerEnumType(LessonKind, {
  name: 'LessonKind',
  description: 'Kind of class, as the teaching load and the journal record it.',
  valuesConfig: {
    LECTURE: { description: 'Lecture (лекция), usually for a whole stream of groups.' },
    PRACTICE: { description: 'Practical class / seminar (практика).' },
    LAB: { description: 'Laboratory work (лабораторная).' },
  },
});

@HubObject('The credits a curriculum plans for one semester of study: the sum over its lines of that semester.', { node: false })
export class SemesterCredits implements SemesterCreditsRecord {
  @Field(() => Int, { description: 'Semester of study, counted from 1 at admission (semesters 1-2 are the first year).' })
  semester!: number;

  @Field(() => Float, { description: 'Credits of all the curriculum\'s lines in this semester.' })
  credits!: number;
}
