/** Inputs of the academic calendar: window filters and order, and the administrators' changes. */
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { DateTime, LocalDate } from '../../graphql/scalars';
import { AcademicTerm } from '../../domain/curriculum';
import { AcademicPeriodKind, GradeControl, GradeWindowState } from '../../domain/grading';

@InputType({ description: 'Which grade-entry windows to list. All conditions must hold.' })
export class GradeWindowWhere {
  @Field(() => ID, { nullable: true, description: 'Only windows that apply to this faculty: its own and those for every faculty.' })
  facultyId?: string;

  @Field({ nullable: true, description: 'Only windows of this academic year, e.g. "2026-2027".' })
  academicYear?: string;

  @Field(() => AcademicTerm, { nullable: true, description: 'Only windows of this term.' })
  term?: AcademicTerm;

  @Field(() => Int, { nullable: true, description: 'Only windows of the term of this semester of study (odd = AUTUMN, even = SPRING), as grade sheets number it.' })
  semester?: number;

  @Field(() => GradeControl, { nullable: true, description: 'Only windows of this control.' })
  control?: GradeControl;

  @Field(() => DateTime, { nullable: true, description: 'Only windows open at this instant (opensAt ≤ openAt < closesAt).' })
  openAt?: Date;

  @Field(() => GradeWindowState, { nullable: true, description: 'Only windows upcoming, open or closed now.' })
  state?: GradeWindowState;
}

export enum GradeWindowOrderField {
  OPENS_AT = 'OPENS_AT',
  CLOSES_AT = 'CLOSES_AT',
}
registerEnumType(GradeWindowOrderField, {
  name: 'GradeWindowOrderField',
  description: 'What grade-entry windows can be sorted by.',
  valuesConfig: {
    OPENS_AT: { description: 'When the window opens.' },
    CLOSES_AT: { description: 'When the window closes.' },
  },
});

@InputType({ description: 'Sort order of grade-entry windows (ties are broken by window).' })
export class GradeWindowOrder {
  @Field(() => GradeWindowOrderField, { description: 'Sort by this.' })
  field!: GradeWindowOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction (earliest first by default).' })
  direction!: OrderDirection;
}

@ArgsType()
export class GradeWindowsArgs extends PageArgs {
  @Field(() => GradeWindowWhere, { nullable: true, description: 'Filter; omit to list every window.' })
  where?: GradeWindowWhere;

  @Field(() => GradeWindowOrder, { nullable: true, description: 'Sort order; earliest opening first unless given.' })
  orderBy?: GradeWindowOrder;
}

@InputType({ description: 'A new grade-entry window (administrators only).' })
export class CreateGradeWindowInput {
  @Field(() => ID, { nullable: true, description: 'The faculty whose grade sheets it opens; omit or null for every faculty.' })
  facultyId?: string | null;

  @Field({ description: 'Academic year of the sheets, "YYYY-YYYY" with consecutive years, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => AcademicTerm, { description: 'Term of the sheets (AUTUMN = odd semesters of study, SPRING = even).' })
  term!: AcademicTerm;

  @Field(() => GradeControl, { description: 'The control teachers may enter while it is open.' })
  control!: GradeControl;

  @Field(() => DateTime, { description: 'When it opens (inclusive).' })
  opensAt!: Date;

  @Field(() => DateTime, { description: 'When it closes (exclusive); must be after `opensAt`.' })
  closesAt!: Date;
}

@InputType({ description: 'Changes to a grade-entry window (administrators only); omitted fields stay as they are.' })
export class UpdateGradeWindowInput {
  @Field(() => ID, { description: 'The window to change.' })
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Another faculty; null makes it apply to every faculty; omit to keep.' })
  facultyId?: string | null;

  @Field({ nullable: true, description: 'Another academic year, e.g. "2026-2027".' })
  academicYear?: string;

  @Field(() => AcademicTerm, { nullable: true, description: 'Another term.' })
  term?: AcademicTerm;

  @Field(() => GradeControl, { nullable: true, description: 'Another control.' })
  control?: GradeControl;

  @Field(() => DateTime, { nullable: true, description: 'New opening instant.' })
  opensAt?: Date;

  @Field(() => DateTime, { nullable: true, description: 'New closing instant (must stay after the opening).' })
  closesAt?: Date;
}

@InputType({ description: 'A new period of the academic calendar (administrators only).' })
export class CreateAcademicPeriodInput {
  @Field({ description: 'Academic year, "YYYY-YYYY" with consecutive years, e.g. "2026-2027".' })
  academicYear!: string;

  @Field(() => AcademicTerm, { description: 'Half of the year the period belongs to.' })
  term!: AcademicTerm;

  @Field(() => AcademicPeriodKind, { description: 'Classes, examination session or holidays.' })
  kind!: AcademicPeriodKind;

  @Field({ description: 'Name shown in calendars (1–200 characters), e.g. "Winter examination session".' })
  name!: string;

  @Field(() => LocalDate, { description: 'First day.' })
  startsOn!: string;

  @Field(() => LocalDate, { description: 'Last day (inclusive); not before `startsOn`.' })
  endsOn!: string;
}

@InputType({ description: 'Changes to a period of the academic calendar (administrators only); omitted fields stay as they are.' })
export class UpdateAcademicPeriodInput {
  @Field(() => ID, { description: 'The period to change.' })
  id!: string;

  @Field({ nullable: true, description: 'Another academic year.' })
  academicYear?: string;

  @Field(() => AcademicTerm, { nullable: true, description: 'Another term.' })
  term?: AcademicTerm;

  @Field(() => AcademicPeriodKind, { nullable: true, description: 'Another kind.' })
  kind?: AcademicPeriodKind;

  @Field({ nullable: true, description: 'Another name.' })
  name?: string;

  @Field(() => LocalDate, { nullable: true, description: 'New first day.' })
  startsOn?: string;

  @Field(() => LocalDate, { nullable: true, description: 'New last day (inclusive).' })
  endsOn?: string;
}
