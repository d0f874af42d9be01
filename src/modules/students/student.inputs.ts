/** Filters, orders and arguments of the student and people lists. */
import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { PageArgs } from '../../graphql/connection';
import { Identifying, PersonalData } from '../../graphql/personal-data';
import { OrderDirection } from '../../graphql/ordering';
import { FundingType, StudentStatus } from '../../domain/students';

@InputType({ description: 'Which students to list. All conditions must hold.' })
export class StudentWhere {
  @Field(() => ID, { nullable: true, description: 'Only students of this study group (a Group ID).' })
  groupId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of this faculty or institute (a Faculty ID), through their group\'s programme.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'Only students of this programme (a Programme ID), through their group.' })
  programmeId?: string;

  @Field(() => StudentStatus, { nullable: true, description: 'Only students with this status.' })
  status?: StudentStatus;

  @Field(() => [StudentStatus], {
    nullable: true,
    description: 'Only students with one of these statuses (e.g. [STUDYING, ACADEMIC_LEAVE]). At most as many values as StudentStatus has (4), else VALIDATION_FAILED; an empty list matches no student. Combines with `status` (both must hold).',
  })
  statusIn?: StudentStatus[];

  @Field(() => FundingType, { nullable: true, description: 'Only budget or only contract students.' })
  fundingType?: FundingType;

  @Identifying()
  @Field({
    nullable: true,
    description: 'Only students whose name matches: every word of the text must occur, case-insensitively, in the surname, given name or patronymic.',
  })
  nameContains?: string;

  @PersonalData('pin')
  @Field({ nullable: true, description: 'Only the student records with this PIN (14 digits; anything else is a VALIDATION_FAILED error).' })
  pin?: string;

  @Identifying()
  @Field({ nullable: true, description: 'Only the student with this student-book number (exact).' })
  studentNumber?: string;

  @Field(() => Int, { nullable: true, description: 'Only students admitted in this calendar year (by admission date).' })
  intakeYear?: number;
}

@InputType({ description: 'Which students of a group to list. All conditions must hold.' })
export class GroupStudentWhere {
  @Field(() => StudentStatus, { nullable: true, description: 'Only students with this status.' })
  status?: StudentStatus;

  @Field(() => FundingType, { nullable: true, description: 'Only budget or only contract students.' })
  fundingType?: FundingType;

  @Identifying()
  @Field({ nullable: true, description: 'Only students whose name matches: every word in the surname, given name or patronymic (case-insensitive).' })
  nameContains?: string;
}

export enum StudentOrderField {
  NAME = 'NAME',
  STUDENT_NUMBER = 'STUDENT_NUMBER',
  ADMISSION_DATE = 'ADMISSION_DATE',
}
registerEnumType(StudentOrderField, {
  name: 'StudentOrderField',
  description: 'What students can be sorted by.',
  valuesConfig: {
    NAME: { description: 'Surname, then given name.' },
    STUDENT_NUMBER: { description: 'Student-book number (as text).' },
    ADMISSION_DATE: { description: 'Date of admission.' },
  },
});

@InputType({ description: 'Sort order of students (ties are broken by the student record, so paging is stable).' })
export class StudentOrder {
  @Field(() => StudentOrderField, { description: 'Sort by this.' })
  field!: StudentOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'Sort direction.' })
  direction!: OrderDirection;
}

@ArgsType()
export class StudentsArgs extends PageArgs {
  @Field(() => StudentWhere, { nullable: true, description: 'Filter; omit to list every student record.' })
  where?: StudentWhere;

  @Field(() => StudentOrder, { nullable: true, description: 'Sort order; by name unless given (by admission date for pseudonymous access, which may not sort by name).' })
  orderBy?: StudentOrder;
}

@ArgsType()
export class GroupStudentsArgs extends PageArgs {
  @Field(() => GroupStudentWhere, { nullable: true, description: 'Filter; omit to list every student of the group (all statuses).' })
  where?: GroupStudentWhere;

  @Field(() => StudentOrder, { nullable: true, description: 'Sort order; by name unless given (by admission date for pseudonymous access, which may not sort by name).' })
  orderBy?: StudentOrder;
}

@InputType({ description: 'Which people to list. All conditions must hold.' })
export class PeopleWhere {
  @Identifying()
  @Field({
    nullable: true,
    description:
      'Only people with an AVN record (student, employee or applicant) whose name matches: every word in the surname, given name or patronymic (case-insensitive).',
  })
  nameContains?: string;

  @PersonalData('pin')
  @Field({ nullable: true, description: 'Only the person with this PIN (14 digits; anything else is a VALIDATION_FAILED error).' })
  pin?: string;
}

@ArgsType()
export class PeopleArgs extends PageArgs {
  @Field(() => PeopleWhere, { nullable: true, description: 'Filter; omit to list every person of the registry.' })
  where?: PeopleWhere;
}

@ArgsType()
export class StudentByNumberArgs {
  @Identifying()
  @Field({ description: 'Student-book number, exactly as AVN stores it.' })
  studentNumber!: string;
}

@ArgsType()
export class PersonByPinArgs {
  @PersonalData('pin')
  @Field({ description: 'Personal identification number: 14 digits.' })
  pin!: string;
}
