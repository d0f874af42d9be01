/** The academic debtors list (issue 12, item 5): students with failed disciplines, its filter and arguments. */
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../graphql/ordering';
import { ConnectionType, PageArgs } from '../../graphql/connection';
import { HubObject } from '../../graphql/object-type';
import type { AcademicDebtorRecord } from '../../domain/students';

@HubObject('A student with at least one failed discipline (an academic debt), with how many.', { node: false })
export class AcademicDebtor implements AcademicDebtorRecord {
  __typename!: 'AcademicDebtor';
  studentKey!: number;

  @Field(() => Int, {
    description: 'Failed disciplines: curriculum items (per academic year and semester) whose counted attempt — the latest grade sheet with a total, as for the GPA — has zero grade points on the grading scale (letter F); at least 1.',
  })
  failedDisciplines!: number;
}

export const AcademicDebtorConnection = ConnectionType(AcademicDebtor, 'AcademicDebtor', 'student with failed disciplines');

@InputType({ description: 'Which academic debtors to list. All conditions must hold.' })
export class AcademicDebtorWhere {
  @Field(() => ID, { nullable: true, description: 'Only students whose group belongs to a programme of this faculty or institute.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of this study group.' })
  groupId?: string;

  @Field({ nullable: true, description: 'Count only the results of this academic year (as AVN writes it, e.g. "2025-2026"); all years when omitted.' })
  academicYear?: string;

  @Field(() => Int, { nullable: true, description: 'Count only the results of this semester of study (1, 2, …); every semester when omitted.' })
  semester?: number;
}

export enum AcademicDebtorOrderField {
  FAILED_DISCIPLINES = 'FAILED_DISCIPLINES',
  NAME = 'NAME',
  STUDENT_NUMBER = 'STUDENT_NUMBER',
}
registerEnumType(AcademicDebtorOrderField, {
  name: 'AcademicDebtorOrderField',
  description: 'What the academic debtors list can be sorted by.',
  valuesConfig: {
    FAILED_DISCIPLINES: { description: 'The number of failed disciplines.' },
    NAME: { description: 'Surname, then given name (identifying: not for pseudonymous viewers).' },
    STUDENT_NUMBER: { description: 'Student-book number, as text (identifying: not for pseudonymous viewers).' },
  },
});

@InputType({ description: 'Sort order of the academic debtors (ties are broken by student, in the same direction).' })
export class AcademicDebtorOrder {
  @Field(() => AcademicDebtorOrderField, { description: 'Sort by this.' })
  field!: AcademicDebtorOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class AcademicDebtorsArgs extends PageArgs {
  @Field(() => AcademicDebtorWhere, { nullable: true, description: 'Filter; omit to list every student with a failed discipline.' })
  where?: AcademicDebtorWhere;

  @Field(() => AcademicDebtorOrder, { nullable: true, description: 'Sort order; most failed disciplines first (then by student) unless given.' })
  orderBy?: AcademicDebtorOrder;
}
