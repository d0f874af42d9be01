/** Filters and orders of journal lesson lists. */
import { ArgsType, Field, ID, InputType, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { LocalDate } from '../../graphql/scalars';
import { LessonKind } from '../../domain/curriculum';

@InputType({ description: 'Which lessons of a group or teacher to list. All conditions must hold.' })
export class LessonFilter {
  @Field(() => ID, { nullable: true, description: 'Only lessons of this discipline.' })
  disciplineId?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Only lessons on or after this date.' })
  dateFrom?: string;

  @Field(() => LocalDate, { nullable: true, description: 'Only lessons on or before this date.' })
  dateTo?: string;

  @Field(() => LessonKind, { nullable: true, description: 'Only lectures, practices or labs.' })
  kind?: LessonKind;
}

@InputType({ description: 'Which journal lessons to list. All conditions must hold.' })
export class LessonWhere extends LessonFilter {
  @Field(() => ID, { nullable: true, description: 'Only lessons of this study group.' })
  groupId?: string;

  @Field(() => ID, { nullable: true, description: 'Only lessons taught by this teacher (an Employee id).' })
  teacherId?: string;

  @Field(() => ID, { nullable: true, description: 'Only lessons of the groups of this faculty or institute (a Faculty ID), through the group\'s programme.' })
  facultyId?: string;
}

export enum LessonOrderField {
  DATE = 'DATE',
}
registerEnumType(LessonOrderField, {
  name: 'LessonOrderField',
  description: 'What lessons can be sorted by.',
  valuesConfig: { DATE: { description: 'Date, then period of the day.' } },
});

@InputType({ description: 'Sort order of lessons (ties are broken by lesson).' })
export class LessonOrder {
  @Field(() => LessonOrderField, { defaultValue: LessonOrderField.DATE, description: 'Sort by this.' })
  field!: LessonOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction: ASC for the journal\'s order, DESC for the latest first.' })
  direction!: OrderDirection;
}

@ArgsType()
export class LessonsArgs extends PageArgs {
  @Field(() => LessonWhere, { nullable: true, description: 'Filter; omit to list every lesson.' })
  where?: LessonWhere;

  @Field(() => LessonOrder, { nullable: true, description: 'Sort order; by date and period, earliest first, unless given.' })
  orderBy?: LessonOrder;
}

@ArgsType()
export class NestedLessonsArgs extends PageArgs {
  @Field(() => LessonFilter, { nullable: true, description: 'Filter; omit to list all of them.' })
  where?: LessonFilter;

  @Field(() => LessonOrder, { nullable: true, description: 'Sort order; by date and period, earliest first, unless given.' })
  orderBy?: LessonOrder;
}
