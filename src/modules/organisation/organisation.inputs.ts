/** Filters and orders of the organisation lists. */
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';
import { DegreeLevel } from '../../domain/organisation';

@InputType({ description: 'Which study groups to list. All conditions must hold.' })
export class GroupWhere {
  @Field(() => ID, { nullable: true, description: 'Only groups of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only groups of this programme.' })
  programmeId?: string;

  @Field(() => Int, { nullable: true, description: 'Only groups in this year of study (курс).' })
  yearOfStudy?: number;

  @Field(() => Int, { nullable: true, description: 'Only groups admitted in this year.' })
  intakeYear?: number;

  @Field({ nullable: true, description: 'Only groups whose name contains this text (case-insensitive).' })
  nameContains?: string;
}

export enum GroupOrderField {
  NAME = 'NAME',
  YEAR_OF_STUDY = 'YEAR_OF_STUDY',
  INTAKE_YEAR = 'INTAKE_YEAR',
}
registerEnumType(GroupOrderField, {
  name: 'GroupOrderField',
  description: 'What study groups can be sorted by.',
  valuesConfig: {
    NAME: { description: 'Group name.' },
    YEAR_OF_STUDY: { description: 'Current year of study (курс).' },
    INTAKE_YEAR: { description: 'Year of admission.' },
  },
});

@InputType({ description: 'Sort order of study groups (ties are broken by group).' })
export class GroupOrder {
  @Field(() => GroupOrderField, { description: 'Sort by this.' })
  field!: GroupOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class GroupsArgs extends PageArgs {
  @Field(() => GroupWhere, { nullable: true, description: 'Filter; omit to list every group.' })
  where?: GroupWhere;

  @Field(() => GroupOrder, { nullable: true, description: 'Sort order; by name unless given.' })
  orderBy?: GroupOrder;
}

@InputType({ description: 'Which programmes to list. All conditions must hold.' })
export class ProgrammeWhere {
  @Field(() => ID, { nullable: true, description: 'Only programmes of this faculty or institute.' })
  facultyId?: string;

  @Field(() => DegreeLevel, { nullable: true, description: 'Only programmes of this degree level.' })
  level?: DegreeLevel;

  @Field({ nullable: true, description: 'Only programmes whose code or name (Kyrgyz or Russian) contains this text.' })
  search?: string;
}

@ArgsType()
export class ProgrammesArgs extends PageArgs {
  @Field(() => ProgrammeWhere, { nullable: true, description: 'Filter; omit to list every programme.' })
  where?: ProgrammeWhere;
}
