/**
 * Student and Person, shared by every module (other modules add relations to them with their own
 * @Resolver(() => Student) / @Resolver(() => Person) classes). The students module owns this file.
 *
 * A Student is one AVN student record (its fields come with the row). A Person is a hub identity
 * (hub person.id): it carries only its key, and every data field is resolved through loaders
 * (students/person.resolver.ts), so any module can hand out a Person with `personRecord(key)`
 * (src/domain/students.ts).
 */
import { Field, Float, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { ConnectionType } from '../../graphql/connection';
import { Identifying, PersonalData } from '../../graphql/personal-data';
import { LocalDate } from '../../graphql/scalars';
import {
  StudentStatus, FundingType, Gender, IdentitySource, MatchMethod, type PersonRecord, type StudentRecord,
} from '../../domain/students';

registerEnumType(StudentStatus, {
  name: 'StudentStatus',
  description: 'Where a student record stands, as the student HR orders (AVN 2/9) left it.',
  valuesConfig: {
    STUDYING: { description: 'Enrolled and studying (окуп жатат).' },
    ACADEMIC_LEAVE: { description: 'On academic leave (академиялык өргүү); keeps the place, does not attend.' },
    EXPELLED: { description: 'Expelled (чыгарылган); the record stays for the study card.' },
    GRADUATED: { description: 'Graduated (бүтүрүүчү).' },
  },
});

registerEnumType(FundingType, {
  name: 'FundingType',
  description: 'Who pays for the study place.',
  valuesConfig: {
    BUDGET: { description: 'State-funded place (бюджет).' },
    CONTRACT: { description: 'Paid place under a tuition contract (контракт); see the contract and payments in AVN 5/10.' },
  },
});

registerEnumType(Gender, {
  name: 'Gender',
  description: 'Gender as recorded in the person\'s documents.',
  valuesConfig: { MALE: { description: 'Male.' }, FEMALE: { description: 'Female.' } },
});

registerEnumType(IdentitySource, {
  name: 'IdentitySource',
  description: 'A kind of person record in a source system that the identity registry links to a person.',
  valuesConfig: {
    AVN_STUDENT: { description: 'An AVN student record; `localKey` is its internal id (the Student node\'s key).' },
    AVN_EMPLOYEE: { description: 'An AVN 4 employee record; `localKey` is its internal id (the Employee node\'s key).' },
    AVN_APPLICANT: { description: 'An AVN 25 applicant record; `localKey` is its internal id.' },
    LIBRARY_BORROWER: { description: 'A library borrower; `localKey` is the borrower number.' },
    DORMITORY_RESIDENT: { description: 'A dormitory resident; `localKey` is the resident id.' },
  },
});

registerEnumType(MatchMethod, {
  name: 'MatchMethod',
  description: 'How the identity registry decided that a source record belongs to a person.',
  valuesConfig: {
    ANCHOR: { description: 'The record started this person (an AVN student or employee, or a record nothing else matched).' },
    PIN: { description: 'Same personal identification number (PIN) as the person.' },
    STUDENT_NUMBER: { description: 'The record carries the person\'s AVN student-book number, and the name agrees.' },
    NAME_BIRTH_DATE: { description: 'Same normalised name (Cyrillic and Latin spellings alike) and birth date; see `confidence`.' },
    MANUAL: { description: 'Linked by an administrator.' },
  },
});

@HubObject('One link of the identity registry: a source system\'s person record that belongs to this person.', { node: false })
export class IdentityRecord {
  @Field(() => IdentitySource, { description: 'Which system and kind of record.' })
  source!: IdentitySource;

  @Field({ description: 'The record\'s key in its source system (see `source` for what it is).' })
  localKey!: string;

  @Field(() => MatchMethod, { description: 'How the record was matched to the person.' })
  method!: MatchMethod;

  @Field(() => Float, { description: 'How sure the match is, from 0 to 1 (1 for anchors, PIN and manual links).' })
  confidence!: number;
}

@HubObject(
  'One person known to the university, linked across all source systems by the hub\'s identity registry. ' +
    'Name and personal fields come from the person\'s AVN record (a student record, else an employee record, else an applicant record); ' +
    'they are null when the person has no AVN record (e.g. an external library reader) or AVN is unavailable.',
)
export class Person implements PersonRecord {
  __typename!: 'Person';
  id!: string;
  /** hub person.id */
  key!: number;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Full name as AVN spells it (surname, given name, patronymic).' })
  fullName?: string | null;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Surname (фамилия).' })
  surname?: string | null;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Given name (аты).' })
  givenName?: string | null;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Patronymic (атасынын аты), including a particle such as "уулу"/"кызы"; null when the person has none.' })
  patronymic?: string | null;

  @PersonalData('pin')
  @Field(() => String, { nullable: true, description: 'Personal identification number (ПИН): 14 digits. Personal data.' })
  pin?: string | null;

  @PersonalData('birthDate')
  @Field(() => LocalDate, { nullable: true, description: 'Date of birth. Personal data.' })
  birthDate?: string | null;

  @Field(() => Gender, { nullable: true, description: 'Gender.' })
  gender?: Gender | null;

  @Field(() => String, { nullable: true, description: 'Citizenship as an ISO 3166 alpha-2 code, e.g. "KG"; null where AVN does not record it (employees, applicants).' })
  citizenship?: string | null;

  @PersonalData('phone')
  @Field(() => String, { nullable: true, description: 'Phone number. Personal data.' })
  phone?: string | null;

  @PersonalData('email')
  @Field(() => String, { nullable: true, description: 'E-mail address. Personal data.' })
  email?: string | null;

  @PersonalData('address')
  @Field(() => String, { nullable: true, description: 'Home address. Personal data.' })
  address?: string | null;

  @PersonalData('passport')
  @Field(() => String, { nullable: true, description: 'Passport series and number. Personal data.' })
  passport?: string | null;

  @PersonalData('photo')
  @Field(() => String, { nullable: true, description: 'URL of the person\'s photo. Personal data.' })
  photoUrl?: string | null;
}

@HubObject('A student record in AVN: one person\'s enrolment in one programme, with the whole study card (окуу карточкасы).')
export class Student implements StudentRecord {
  __typename!: 'Student';
  id!: string;
  /** The student record's key in AVN. */
  key!: number;
  /** The key of the student's group. */
  groupKey!: number;
  /** The key of the group's programme. */
  programmeKey!: number;
  /** The key of the programme's faculty. */
  facultyKey!: number;
  /** The record's PIN, internal: for linking to sources that know people by PIN (the `pin` field is the client-facing one). */
  pinInternal!: string | null;

  @Identifying()
  @Field({ description: 'Student-book number (зачетка), the key other systems such as QR-visit and the registrar use.' })
  studentNumber!: string;

  @Identifying()
  @Field({ description: 'Full name as AVN spells it (surname, given name, patronymic).' })
  fullName!: string;

  @Identifying()
  @Field({ description: 'Surname (фамилия).' })
  surname!: string;

  @Identifying()
  @Field({ description: 'Given name (аты).' })
  givenName!: string;

  @Identifying()
  @Field(() => String, { nullable: true, description: 'Patronymic, including a particle such as "уулу"/"кызы"; null when none is recorded.' })
  patronymic!: string | null;

  @Field(() => StudentStatus, { description: 'Studying, on academic leave, expelled or graduated.' })
  status!: StudentStatus;

  @Field(() => FundingType, { description: 'Budget (state-funded) or contract (paid) place.' })
  fundingType!: FundingType;

  @Field(() => LocalDate, { description: 'Date of admission (зачисление).' })
  admissionDate!: string;

  @PersonalData('pin')
  @Field(() => String, { nullable: true, description: 'Personal identification number (ПИН): 14 digits; null when AVN has none. Personal data.' })
  pin!: string | null;

  @PersonalData('birthDate')
  @Field(() => LocalDate, { description: 'Date of birth. Personal data.' })
  birthDate!: string;

  @Field(() => Gender, { description: 'Gender.' })
  gender!: Gender;

  @Field({ description: 'Citizenship as an ISO 3166 alpha-2 code, e.g. "KG".' })
  citizenship!: string;

  @PersonalData('phone')
  @Field(() => String, { nullable: true, description: 'Phone number. Personal data.' })
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
  @Field(() => String, { nullable: true, description: 'URL of the student\'s photo. Personal data.' })
  photoUrl!: string | null;
}

export const StudentConnection = ConnectionType(Student, 'Student', 'student');
export const PersonConnection = ConnectionType(Person, 'Person', 'person');
