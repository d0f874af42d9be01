/**
 * Employee (AVN 4): the shared type every module links to. The staff module owns this file; other
 * modules add relations with their own `@Resolver(() => Employee)` classes.
 */
import { Field } from 'type-graphql';
import type { EmployeeRecord } from '../../domain/staff';
import { HubObject } from '../../graphql/object-type';
import { Identifying, PersonalData } from '../../graphql/personal-data';
import { LocalDate } from '../../graphql/scalars';
import { ConnectionType } from '../../graphql/connection';

@HubObject('An employee in AVN 4 (teaching or administrative staff).')
export class Employee implements EmployeeRecord {
  __typename!: 'Employee';
  id!: string;
  /** The employee's key in AVN. */
  key!: number;
  pinInternal!: string | null;

  @Identifying()
  @Field({ description: 'Personnel number (табельный номер); QR-visit and other systems know teachers by it.' })
  personnelNumber!: string;

  @Identifying()
  @Field({ description: 'Full name as AVN spells it (surname, given name, patronymic).' })
  fullName!: string;

  @Identifying()
  @Field({ description: 'Surname (фамилия).' })
  surname!: string;

  @Identifying()
  @Field({ description: 'Given name (имя).' })
  givenName!: string;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Patronymic (отчество), including the particle "уулу"/"кызы" where used; null when the person has none.' })
  patronymic!: string | null;

  @Field(() => String, { nullable: true, description: 'Academic degree as AVN records it (e.g. "к.ф.-м.н.", "PhD"); null when none.' })
  academicDegree!: string | null;

  @Field(() => String, { nullable: true, description: 'Academic title as AVN records it (e.g. "доцент", "профессор"); null when none.' })
  academicTitle!: string | null;

  @Field({ description: 'True for teaching staff (ПОК/ППС), who carry a teaching load and hold AVN teacher accounts.' })
  isTeachingStaff!: boolean;

  @Field({ description: 'False once the employee has left the university (the record is kept).' })
  isActive!: boolean;

  @PersonalData('pin')
  @Field(() => String, { nullable: true, description: 'Personal identification number (ПИН, 14 digits); null when AVN has none. Personal data.' })
  pin!: string | null;

  @PersonalData('birthDate')
  @Field(() => LocalDate, { description: 'Date of birth. Personal data.' })
  birthDate!: string;

  @PersonalData('phone')
  @Field(() => String, { nullable: true, description: 'Phone number as entered in AVN. Personal data.' })
  phone!: string | null;

  @PersonalData('email')
  @Field(() => String, { nullable: true, description: 'E-mail address. Personal data.' })
  email!: string | null;

  @PersonalData('address')
  @Field(() => String, { nullable: true, description: 'Home address. Personal data.' })
  address!: string | null;

  @PersonalData('passport')
  @Field(() => String, { nullable: true, description: 'Passport series and number. Personal data.' })
  passport!: string | null;

  @PersonalData('photo')
  @Field(() => String, { nullable: true, description: 'URL of the photo in AVN. Personal data.' })
  photoUrl!: string | null;
}

export const EmployeeConnection = ConnectionType(Employee, 'Employee', 'employee');
