/**
 * The library's part of the study card: a student's (or any person's) reader records, loans and
 * debt. AVN and the library share no key, so the way goes through the identity registry:
 * student → person → the person's reader cards → library loaders; one statement per source per
 * level. Every field here is nullable and always asks the library: with the library down it is
 * null with SOURCE_UNAVAILABLE, for readers and non-readers alike.
 */
import { Args, Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import { readerScope } from '../../auth/guard/key-scope';
import type { HubContext } from '../../graphql/context';
import { debtOfCardSet, readersOfCardSet, type KeySetOwner } from '../../sources/library/library.readers';
import { loansOfCardSet } from '../../sources/library/library.loans';
import { LIBRARY_READER_RECORD } from '../../domain/identity';
import { joinKeys } from '../../db/loaders';
import { Person, Student } from '../students/student.types';
import { recordKeysOf, intKeys, linkedKeys } from '../students/identity';
import { ReaderLoansArgs } from './library.inputs';
import { readerLoansQuery } from './reader-loans';
import { LoanConnection } from './loan.types';
import { LibraryReader } from './reader.types';

/** The keys of the reader cards linked to the student's person. */
const cardsOfStudent = async (context: HubContext, student: Student) => intKeys(await linkedKeys(context, `avn.student:${student.key}`, LIBRARY_READER_RECORD));

/** The keys of the reader cards linked to a person. */
const cardsOfPerson = async (context: HubContext, person: Person) => intKeys(await recordKeysOf(context, person.key, LIBRARY_READER_RECORD));

/** Every card of one owner, the one valid longest first (as the library source orders them). */
const readersOf = async (context: HubContext, owner: KeySetOwner, key: number, cards: number[]): Promise<LibraryReader[]> =>
  readersOfCardSet(context, owner).load({ key, keys: cards });

@Resolver(() => Student)
export class StudentLibraryRelations {
  @FieldResolver(() => LibraryReader, {
    nullable: true,
    description: 'The student\'s library reader record (the card valid longest if the library has several); null when the library has none linked, or the library is unavailable.',
  })
  async libraryReader(@Root() student: Student, @Ctx() context: HubContext) {
    return (await readersOf(context, 'student', student.key, await cardsOfStudent(context, student)))[0] ?? null;
  }

  @FieldResolver(() => [LibraryReader], {
    nullable: true,
    description: 'Every library reader record linked to the student\'s person (a reader with two cards shows both), the card valid longest first; empty when none is linked; null when the library is unavailable.',
  })
  async libraryReaders(@Root() student: Student, @Ctx() context: HubContext) {
    return readersOf(context, 'student', student.key, await cardsOfStudent(context, student));
  }

  @FieldResolver(() => LoanConnection, {
    nullable: true,
    description: 'The student\'s library loans over all of its reader records, newest issue first; empty when the student is not a reader; null when the library is unavailable.',
  })
  async loans(@Root() student: Student, @Args() args: ReaderLoansArgs, @Ctx() context: HubContext) {
    const cards = await cardsOfStudent(context, student);
    // Access: as the root list, limited in SQL (src/auth/guard/key-scope.ts).
    return loansOfCardSet(context, readerLoansQuery(args, 'personLoans'), await readerScope(context)).load({ key: student.key, parts: [joinKeys(cards)] });
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'What the student owes the library, in som, over all of its reader records (0 when it owes nothing or is not a reader); null when the library is unavailable.',
  })
  async libraryDebt(@Root() student: Student, @Ctx() context: HubContext) {
    const [debt] = await debtOfCardSet(context, 'student').load({ key: student.key, keys: await cardsOfStudent(context, student) });
    return debt ?? 0;
  }
}

@Resolver(() => Person)
export class PersonLibraryRelations {
  @FieldResolver(() => LibraryReader, {
    nullable: true,
    description: 'The person\'s library reader record (the card valid longest if several are linked); null when none is linked, or the library is unavailable.',
  })
  async libraryReader(@Root() person: Person, @Ctx() context: HubContext) {
    return (await readersOf(context, 'person', person.key, await cardsOfPerson(context, person)))[0] ?? null;
  }

  @FieldResolver(() => [LibraryReader], {
    nullable: true,
    description: 'Every library reader record linked to the person (a reader with two cards shows both), the card valid longest first; empty when none is linked; null when the library is unavailable.',
  })
  async libraryReaders(@Root() person: Person, @Ctx() context: HubContext) {
    return readersOf(context, 'person', person.key, await cardsOfPerson(context, person));
  }
}
