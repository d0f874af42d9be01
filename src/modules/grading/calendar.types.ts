/**
 * The academic calendar kept by the hub (regulation 5.7): periods of the year and the
 * grade-entry windows that decide when teachers may fill in each control of a grade sheet.
 */
import { Field, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime, LocalDate } from '../../graphql/scalars';
import { ConnectionType } from '../../graphql/connection';
import { AcademicTerm } from '../../domain/curriculum';
import {
  GradeControl, AcademicPeriodKind, GradeWindowState, type AcademicPeriodRecord, type GradeWindowRecord,
} from '../../domain/grading';

registerEnumType(GradeControl, {
  name: 'GradeControl',
  description: 'A graded component of a grade sheet; each has its own grade-entry window and its own maximum on the plan item.',
  valuesConfig: {
    MODULE_1: { description: 'Module 1 (first mid-term control): the row\'s `module1`, at most the plan item\'s `module1Max`.' },
    MODULE_2: { description: 'Module 2 (second mid-term control): the row\'s `module2`, at most `module2Max`.' },
    FINAL: { description: 'Final control (exam or credit): the row\'s `final`, at most `finalMax`.' },
  },
});

registerEnumType(AcademicPeriodKind, {
  name: 'AcademicPeriodKind',
  description: 'What happens during a period of the academic calendar.',
  valuesConfig: {
    CLASSES: { description: 'Teaching weeks (lessons are held).' },
    EXAM_SESSION: { description: 'Examination session (final controls).' },
    HOLIDAYS: { description: 'Holidays or public holidays: no lessons.' },
  },
});

registerEnumType(GradeWindowState, {
  name: 'GradeWindowState',
  description: 'Where a grade-entry window stands at the moment of the request.',
  valuesConfig: {
    UPCOMING: { description: 'Not open yet (`opensAt` is in the future).' },
    OPEN: { description: 'Open now: teachers may enter this control.' },
    CLOSED: { description: 'Closed (`closesAt` has passed).' },
  },
});

@HubObject('A period of the academic calendar: teaching weeks, an examination session or holidays. Source: the hub (managed by administrators).')
export class AcademicPeriod implements AcademicPeriodRecord {
  __typename!: 'AcademicPeriod';
  id!: string;
  /** hub academic_period.id */
  key!: number;

  @Field({ description: 'Academic year, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => AcademicTerm, { description: 'Half of the academic year the period belongs to.' })
  term!: AcademicTerm;

  @Field(() => AcademicPeriodKind, { description: 'Classes, examination session or holidays.' })
  kind!: AcademicPeriodKind;

  @Field({ description: 'Name shown in calendars, e.g. "Autumn examination session".' })
  name!: string;

  @Field(() => LocalDate, { description: 'First day of the period.' })
  startsOn!: string;

  @Field(() => LocalDate, { description: 'Last day of the period (inclusive).' })
  endsOn!: string;
}

@HubObject('A grade-entry window: when teachers of a faculty (or of every faculty) may enter one control of the grade sheets of one term. Outside it, score changes answer GRADE_WINDOW_CLOSED. Source: the hub (managed by administrators).')
export class GradeWindow implements GradeWindowRecord {
  __typename!: 'GradeWindow';
  id!: string;
  /** hub grade_window.id */
  key!: number;
  /** The faculty's key in AVN; null = every faculty. */
  facultyKey!: number | null;

  @Field({ description: 'True when the window applies to the grade sheets of every faculty (then `faculty` is null).' })
  allFaculties!: boolean;

  @Field({ description: 'Academic year of the sheets it opens, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => AcademicTerm, { description: 'Term of the sheets it opens: AUTUMN covers the odd semesters of study (1, 3, 5, …), SPRING the even ones.' })
  term!: AcademicTerm;

  @Field(() => GradeControl, { description: 'The control that may be entered while the window is open.' })
  control!: GradeControl;

  @Field(() => DateTime, { description: 'When the window opens (inclusive).' })
  opensAt!: Date;

  @Field(() => DateTime, { description: 'When the window closes (exclusive): from this instant on, changes are refused.' })
  closesAt!: Date;

  @Field(() => GradeWindowState, { description: 'Upcoming, open or closed at the moment of the request.' })
  state!: GradeWindowState;

  @Field(() => DateTime, { description: 'When an administrator last changed the window.' })
  updatedAt!: Date;
}

@HubObject('The academic calendar of one academic year: its periods in date order. Grade-entry windows are listed by `gradeWindows`.', { node: false })
export class AcademicCalendar {
  @Field({ description: 'Academic year, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => [AcademicPeriod], { description: 'Periods of the year (classes, examination sessions, holidays), by start date.' })
  periods!: AcademicPeriod[];
}

export const GradeWindowConnection = ConnectionType(GradeWindow, 'GradeWindow', 'grade-entry window');
