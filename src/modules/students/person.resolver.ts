/**
 * Person's fields: the personal card (from the anchor AVN record), the registry links, the AVN
 * student records and the employee facet. Every field goes through per-request loaders, so a page
 * of people costs one statement per source and level.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { employeeById } from '../../sources/avn/avn.staff';
import { Employee } from '../staff/employee.types';
import { identityLoaders } from '../../hub/identity/identity.loaders';
import { recordKeysOf, toIdentityRecords } from './identity';
import { personalCard, studentsOfPerson } from './person.service';
import { IdentityRecord, Person, Student, type PersonalCard } from './student.types';

const field = async <K extends keyof PersonalCard>(context: HubContext, person: Person, name: K): Promise<PersonalCard[K] | null> =>
  (await personalCard(context, person.key))?.[name] ?? null;

@Resolver(() => Person)
export class PersonRelations {
  @FieldResolver()
  fullName(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'fullName');
  }

  @FieldResolver()
  surname(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'surname');
  }

  @FieldResolver()
  givenName(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'givenName');
  }

  @FieldResolver()
  patronymic(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'patronymic');
  }

  @FieldResolver()
  pin(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'pin');
  }

  @FieldResolver()
  birthDate(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'birthDate');
  }

  @FieldResolver()
  gender(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'gender');
  }

  @FieldResolver()
  citizenship(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'citizenship');
  }

  @FieldResolver()
  phone(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'phone');
  }

  @FieldResolver()
  email(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'email');
  }

  @FieldResolver()
  address(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'address');
  }

  @FieldResolver()
  passport(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'passport');
  }

  @FieldResolver()
  photoUrl(@Root() person: Person, @Ctx() context: HubContext) {
    return field(context, person, 'photoUrl');
  }

  @FieldResolver(() => [IdentityRecord], { description: 'The source records the identity registry links to this person, by source and key.' })
  async records(@Root() person: Person, @Ctx() context: HubContext) {
    return toIdentityRecords(await identityLoaders(context).recordsByPerson.load(person.key));
  }

  @FieldResolver(() => [Student], {
    nullable: true,
    description: 'The person\'s AVN student records (a person can have several: bachelor, then master), earliest admission first; null when AVN is unavailable.',
  })
  students(@Root() person: Person, @Ctx() context: HubContext) {
    return studentsOfPerson(context, person.key);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The person\'s AVN 4 employee record, when the person works at the university.' })
  async employee(@Root() person: Person, @Ctx() context: HubContext) {
    const keys = (await recordKeysOf(context, person.key, 'avn.employee')).map(Number).filter(Number.isInteger);
    return keys.length ? employeeById(context).load(Math.min(...keys)) : null;
  }
}
