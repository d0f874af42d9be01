/** Filters and orders of grade-sheet lists. */
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { GradeSheetKind, GradeSheetStatus } from '../../domain/curriculum';
import { AcademicTerm } from '../../domain/curriculum';

@InputType({ description: 'Which grade sheets of a group or teacher to list. All conditions must hold.' })
export class GradeSheetFilter {
  @Field({ nullable: true, description: 'Only sheets of this academic year, e.g. "2026-2027".' })
  academicYear?: string;

  @Field(() => AcademicTerm, { nullable: true, description: 'Only sheets of this term (autumn or spring).' })
  term?: AcademicTerm;

  @Field(() => Int, { nullable: true, description: 'Only sheets of this semester of study (1, 2, 3, … as in the curricula).' })
  semester?: number;

  @Field(() => GradeSheetStatus, { nullable: true, description: 'Only sheets in this status (e.g. OPEN to see what is still to be graded).' })
  status?: GradeSheetStatus;

  @Field(() => [GradeSheetStatus], {
    nullable: true,
    description: 'Only sheets in one of these statuses (e.g. [OPEN, REOPENED] for the sheets still editable). At most as many values as GradeSheetStatus has (3), else VALIDATION_FAILED; an empty list matches no sheet. Combines with `status` (both must hold).',
  })
  statusIn?: GradeSheetStatus[];

  @Field(() => GradeSheetKind, { nullable: true, description: 'Only regular sheets or only retakes.' })
  kind?: GradeSheetKind;

  @Field(() => ID, { nullable: true, description: 'Only sheets of this discipline.' })
  disciplineId?: string;
}

@InputType({ description: 'Which grade sheets to list. All conditions must hold.' })
export class GradeSheetWhere extends GradeSheetFilter {
  @Field(() => ID, { nullable: true, description: 'Only sheets of this study group.' })
  groupId?: string;

  @Field(() => ID, { nullable: true, description: 'Only sheets kept by this teacher (an Employee id).' })
  teacherId?: string;
}

export enum GradeSheetOrderField {
  OPENED_ON = 'OPENED_ON',
  ACADEMIC_TERM = 'ACADEMIC_TERM',
}
registerEnumType(GradeSheetOrderField, {
  name: 'GradeSheetOrderField',
  description: 'What grade sheets can be sorted by.',
  valuesConfig: {
    OPENED_ON: { description: 'Date the sheet was opened.' },
    ACADEMIC_TERM: { description: 'Academic year, then semester of study.' },
  },
});

@InputType({ description: 'Sort order of grade sheets (ties are broken by sheet).' })
export class GradeSheetOrder {
  @Field(() => GradeSheetOrderField, { description: 'Sort by this.' })
  field!: GradeSheetOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC, description: 'Sort direction (latest first by default).' })
  direction!: OrderDirection;
}

@ArgsType()
export class GradeSheetsArgs extends PageArgs {
  @Field(() => GradeSheetWhere, { nullable: true, description: 'Filter; omit to list every sheet.' })
  where?: GradeSheetWhere;

  @Field(() => GradeSheetOrder, { nullable: true, description: 'Sort order; latest opened first unless given.' })
  orderBy?: GradeSheetOrder;
}

@ArgsType()
export class NestedGradeSheetsArgs extends PageArgs {
  @Field(() => GradeSheetFilter, { nullable: true, description: 'Filter; omit to list all of them.' })
  where?: GradeSheetFilter;

  @Field(() => GradeSheetOrder, { nullable: true, description: 'Sort order; latest opened first unless given.' })
  orderBy?: GradeSheetOrder;
}
