/** Accounts, tokens and partner keys as the schema shows them. */
import { Field, ID, registerEnumType } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { Domain, Role } from '../../auth/viewer';
import { PersonalField } from '../../domain/access';

registerEnumType(Role, {
  name: 'Role',
  description: 'What an account or partner key may see and change (README → Access has the role table).',
  valuesConfig: {
    ADMIN: { description: 'The department\'s administrators: everything.' },
    DEAN: { description: 'A dean\'s office: its own faculty.' },
    CHAIR: { description: 'A chair: its own teachers, their load and the groups they teach.' },
    TEACHER: { description: 'A teacher: the journals and grade sheets of its own lessons.' },
    STUDENT: { description: 'A student: only its own study card.' },
    LIBRARY: { description: 'The library: its domain plus the student fields its work needs.' },
    DORMITORY: { description: 'The dormitory: its domain plus the student fields its work needs.' },
    REGISTRAR: { description: 'The registrar ("Single Window"): requests, documents, and grades for transcripts.' },
    ACCOUNTING: { description: 'Accounting: tuition contracts, payments and debts.' },
    HR: { description: 'Human resources: employees, positions, the staffing table.' },
    ADMISSIONS: { description: 'The admissions commission: applicants.' },
    ANALYST: { description: 'Analysts: aggregates and pseudonymous rows, no personal identifiers unless granted.' },
  },
});

registerEnumType(Domain, {
  name: 'Domain',
  description: 'A part of the schema that a key or role may read or change.',
  valuesConfig: {
    ORGANISATION: { description: 'Faculties, chairs, programmes, groups.' },
    CURRICULUM: { description: 'Curricula, plan items, disciplines.' },
    STUDENTS: { description: 'Student records and people.' },
    GRADES: { description: 'Grade sheets and results.' },
    ATTENDANCE: { description: 'The journal, lessons, QR-visit.' },
    ORDERS: { description: 'Student orders.' },
    FINANCE: { description: 'Tariffs, contracts, payments.' },
    ADMISSIONS: { description: 'Applicants.' },
    STAFF: { description: 'Employees, positions, teaching load, staffing table.' },
    LIBRARY: { description: 'Library readers, loans, items, fines.' },
    DORMITORY: { description: 'Buildings, rooms, beds, residents, placements.' },
    REGISTRAR: { description: 'Service requests, issued documents, document flow.' },
    IDENTITY: { description: 'The identity registry.' },
    AUDIT: { description: 'The audit log.' },
  },
});

registerEnumType(PersonalField, {
  name: 'PersonalField',
  description: 'A kind of personal data (Kyrgyz law No. 58); a key or role reads only the kinds it is granted.',
  valuesConfig: {
    PIN: { description: 'Personal identification number (ПИН).' },
    PASSPORT: { description: 'Passport series and number.' },
    PHONE: { description: 'Phone numbers.' },
    ADDRESS: { description: 'Home addresses.' },
    BIRTH_DATE: { description: 'Dates of birth.' },
    PHOTO: { description: 'Photos.' },
    EMAIL: { description: 'E-mail addresses.' },
  },
});

@HubObject('A login of the hub (regulation 5.6), linked to the person it belongs to.', { node: false })
export class Account {
  @Field(() => ID, { description: 'Account id (for administrators\' mutations).' })
  id!: string;

  @Field({ description: 'Login name.' })
  login!: string;

  @Field(() => Role, { description: 'What the account may see and change.' })
  role!: Role;

  @Field({ description: 'False once deactivated: it can no longer log in, and its sessions end.' })
  active!: boolean;
}

@HubObject('Tokens returned by `login` and `refreshAccessToken`.', { node: false })
export class AuthPayload {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>` (HTTP) or `{ authorization: "Bearer …" }` in connection_init (WebSocket).' })
  accessToken!: string;

  @Field(() => DateTime, { description: 'When the access token stops working (minutes from now).' })
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Trade it for new tokens with `refreshAccessToken`; it works once.' })
  refreshToken!: string;

  @Field(() => DateTime, { description: 'When the refresh token stops working.' })
  refreshTokenExpiresAt!: Date;

  @Field(() => Account, { description: 'The account logged in.' })
  account!: Account;
}

@HubObject('A partner unit\'s API key (only its hash is stored; the key itself is shown once, at issue).', { node: false })
export class ApiKey {
  @Field(() => ID, { description: 'Key id (for `revokeApiKey`).' })
  id!: string;

  @Field({ description: 'Who uses it, e.g. "Library (Koha integration)".' })
  name!: string;

  @Field(() => Role, { description: 'The unit role whose defaults it starts from.' })
  role!: Role;

  @Field({ description: 'The stated purpose, recorded with every personal-data read it makes.' })
  purpose!: string;

  @Field(() => [Domain], { description: 'Domains it may read.' })
  readDomains!: Domain[];

  @Field(() => [Domain], { description: 'Domains it may change.' })
  writeDomains!: Domain[];

  @Field(() => [PersonalField], { description: 'Personal-data kinds it may read.' })
  personalFields!: PersonalField[];

  @Field(() => DateTime, { nullable: true, description: 'When it stops working; null = no expiry.' })
  expiresAt!: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'When it was revoked; null while valid.' })
  revokedAt!: Date | null;
}

@HubObject('A newly issued API key. Store `key` now: the hub keeps only its hash and cannot show it again.', { node: false })
export class IssuedApiKey {
  @Field({ description: 'The key: send it as `Authorization: ApiKey <key>` or `X-Api-Key: <key>`.' })
  key!: string;

  @Field(() => ApiKey, { description: 'The key\'s settings.' })
  apiKey!: ApiKey;
}

@HubObject('Who the hub takes the caller to be, and what it may see.', { node: false })
export class ViewerInfo {
  @Field({ description: 'anonymous, account or apiKey.' })
  kind!: string;

  @Field({ description: 'Login or key name.' })
  label!: string;

  @Field(() => Role, { nullable: true, description: 'Role; null when anonymous.' })
  role!: Role | null;

  @Field(() => [Domain], { description: 'Domains the caller may read.' })
  readDomains!: Domain[];

  @Field(() => [PersonalField], { description: 'Personal-data kinds the caller may read.' })
  personalFields!: PersonalField[];

  /** AVN student record the caller's account or key is tied to (the `student` field); null if none. */
  studentKey!: number | null;

  /** AVN employee record the caller's account or key is tied to (the `employee` field); null if none. */
  employeeKey!: number | null;
}
