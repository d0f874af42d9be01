/**
 * Student and Person skeletons shared by every module (other modules add relations to them with
 * their own @Resolver(() => Student) classes). The students module owns and extends this file.
 */
import { Field } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';

@HubObject('One person known to the university, linked across all source systems by the hub\'s identity registry.')
export class Person {
  __typename!: 'Person';
  id!: string;
  /** hub person.id */
  key!: number;

  @Field({ description: 'Full name as the most authoritative source spells it (surname, given name, patronymic).' })
  fullName!: string;
}

@HubObject('A student record in AVN: one person\'s enrolment in one programme, with the whole study card.')
export class Student {
  __typename!: 'Student';
  id!: string;
  /** AVN students.stud_id */
  key!: number;
  /** AVN gruppa.grp_id */
  groupKey!: number;
  /** AVN students.pin: internal, for linking to sources that know people by PIN; exposed only through Person.pin rules. */
  pinInternal!: string | null;

  @Field({ description: 'Student-book number (зачетка), the key other systems such as QR-visit and the registrar use.' })
  studentNumber!: string;

  @Field({ description: 'Full name as AVN spells it (surname, given name, patronymic).' })
  fullName!: string;
}
