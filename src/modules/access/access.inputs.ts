/** Inputs of the access mutations. */
import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../../graphql/scalars';
import { Domain, Role } from '../../auth/viewer';
import { PersonalField } from '../../domain/access';

@InputType({ description: 'A new account. Deans need `facultyId`, chairs `chairId`, teachers `employeeId`, students `studentId`.' })
export class RegisterAccountInput {
  @Field({ description: 'Login: 2 to 64 characters, lower-case letters, digits, ".", "_" or "-".' })
  login!: string;

  @Field({ description: 'Initial password, at least 10 characters.' })
  password!: string;

  @Field(() => Role, { description: 'What the account may see and change.' })
  role!: Role;

  @Field(() => ID, { nullable: true, description: 'The Employee the account belongs to (teachers, chairs, staff).' })
  employeeId?: string;

  @Field(() => ID, { nullable: true, description: 'The Student the account belongs to (students).' })
  studentId?: string;

  @Field(() => ID, { nullable: true, description: 'The Faculty a dean\'s office account is limited to.' })
  facultyId?: string;

  @Field(() => ID, { nullable: true, description: 'The Chair a chair account is limited to.' })
  chairId?: string;
}

@InputType({ description: 'A partner unit\'s key. Scopes left out take the role\'s defaults (README → Access).' })
export class IssueApiKeyInput {
  @Field({ description: 'Who uses it, e.g. "Library (Koha integration)".' })
  name!: string;

  @Field(() => Role, { description: 'The unit role whose defaults the key starts from (not ADMIN).' })
  role!: Role;

  @Field({ description: 'Why the unit needs the data (at least 10 characters); recorded with every personal-data read.' })
  purpose!: string;

  @Field(() => [Domain], { nullable: true, description: 'Domains it may read; the role\'s defaults when omitted.' })
  readDomains?: Domain[];

  @Field(() => [Domain], { nullable: true, description: 'Domains it may change; the role\'s defaults when omitted.' })
  writeDomains?: Domain[];

  @Field(() => [PersonalField], { nullable: true, description: 'Personal-data kinds it may read; the role\'s defaults when omitted.' })
  personalFields?: PersonalField[];

  @Field(() => ID, { nullable: true, description: 'Limit the key to one faculty (a dean\'s office key).' })
  facultyId?: string;

  @Field(() => DateTime, { nullable: true, description: 'When the key stops working; keys should expire.' })
  expiresAt?: Date;
}
