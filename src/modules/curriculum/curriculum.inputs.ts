/** Filters and orders of the curriculum and discipline lists. */
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { OrderDirection } from '../../graphql/ordering';

@InputType({ description: 'Which curricula to list. All conditions must hold.' })
export class CurriculumWhere {
  @Field(() => ID, { nullable: true, description: 'Only curricula of this programme.' })
  programmeId?: string;

  @Field(() => Int, { nullable: true, description: 'Only curricula for the students admitted in this year.' })
  intakeYear?: number;
}

export enum CurriculumOrderField {
  INTAKE_YEAR = 'INTAKE_YEAR',
  NAME = 'NAME',
  APPROVED_ON = 'APPROVED_ON',
}
registerEnumType(CurriculumOrderField, {
  name: 'CurriculumOrderField',
  description: 'What curricula can be sorted by.',
  valuesConfig: {
    INTAKE_YEAR: { description: 'Intake year.' },
    NAME: { description: 'Name of the plan.' },
    APPROVED_ON: { description: 'Approval date.' },
  },
});

@InputType({ description: 'Sort order of curricula (ties are broken by curriculum).' })
export class CurriculumOrder {
  @Field(() => CurriculumOrderField, { description: 'Sort by this.' })
  field!: CurriculumOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class CurriculaArgs extends PageArgs {
  @Field(() => CurriculumWhere, { nullable: true, description: 'Filter; omit to list every curriculum.' })
  where?: CurriculumWhere;

  @Field(() => CurriculumOrder, { nullable: true, description: 'Sort order; latest intake year first unless given.' })
  orderBy?: CurriculumOrder;
}

@InputType({ description: 'Which disciplines to list. All conditions must hold.' })
export class DisciplineWhere {
  @Field(() => ID, { nullable: true, description: 'Only disciplines of this chair.' })
  chairId?: string;

  @Field({ nullable: true, description: 'Only disciplines whose Kyrgyz or Russian name or code contains this text (case-insensitive).' })
  nameContains?: string;
}

export enum DisciplineOrderField {
  NAME = 'NAME',
  CODE = 'CODE',
}
registerEnumType(DisciplineOrderField, {
  name: 'DisciplineOrderField',
  description: 'What disciplines can be sorted by.',
  valuesConfig: { NAME: { description: 'Kyrgyz name.' }, CODE: { description: 'Discipline code.' } },
});

@InputType({ description: 'Sort order of disciplines (ties are broken by discipline).' })
export class DisciplineOrder {
  @Field(() => DisciplineOrderField, { description: 'Sort by this.' })
  field!: DisciplineOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class DisciplinesArgs extends PageArgs {
  @Field(() => DisciplineWhere, { nullable: true, description: 'Filter; omit to list every discipline.' })
  where?: DisciplineWhere;

  @Field(() => DisciplineOrder, { nullable: true, description: 'Sort order; by name unless given.' })
  orderBy?: DisciplineOrder;
}
