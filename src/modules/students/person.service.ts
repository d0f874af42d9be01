/**
 * People: the registry's persons, their AVN student records and their personal card (from the
 * anchor AVN record: a student record, else an employee, else an applicant).
 */
import DataLoader from 'dataloader';
import type { HubContext } from '../../graphql/context';
import { loadList } from '../../db/list-loaders';
import { readPage } from '../../graphql/connection';
import { type ConnectionShape } from '../../db/pages';
import { studentById, studentCard } from '../../sources/avn/avn.students';
import { applicantCardById, avnRecordsByName, employeeCardById } from '../../sources/avn/avn.people';
import { identityLoaders } from '../../hub/identity/identity.loaders';
import { peopleListQuery, personIdByPin, recordKeysOf } from './identity';
import type { PeopleArgs } from './student.inputs';
import { validPin } from './student.service';
import { personRef, type Person, type PersonalCard, type Student } from './student.types';
import { personScope } from '../../hub/identity/identity.scopes';
import { scoped } from '../../db/scope';
import { viewerReach } from '../../auth/policies';

const numbers = (keys: string[]) => keys.map(Number).filter(Number.isInteger);

/** The person's AVN student records, earliest admission first. */
export async function studentsOfPerson(context: HubContext, personKey: number): Promise<Student[]> {
  const keys = numbers(await recordKeysOf(context, personKey, 'avn.student'));
  const students = await studentById(context).loadMany(keys);
  const found: Student[] = [];
  for (const s of students) {
    if (s instanceof Error) throw s;
    if (s) found.push(s);
  }
  return found.sort((a, b) => (a.admissionDate === b.admissionDate ? a.key - b.key : a.admissionDate < b.admissionDate ? -1 : 1));
}

async function cardOf(context: HubContext, personKey: number): Promise<PersonalCard | null> {
  // The latest student record is the most current one (a master's student's bachelor record is older).
  const students = await studentsOfPerson(context, personKey);
  if (students.length) return studentCard(students[students.length - 1]);
  for (const [source, loader] of [['avn.employee', employeeCardById(context)], ['avn.applicant', applicantCardById(context)]] as const) {
    const keys = numbers(await recordKeysOf(context, personKey, source));
    if (!keys.length) continue;
    const card = await loader.load(Math.min(...keys));
    if (card) return card;
  }
  return null;
}

/** The person's personal card, computed once per person and request (every Person field reads it). */
export function personalCard(context: HubContext, personKey: number): Promise<PersonalCard | null> {
  const loader = context.loader('students.personalCard', () =>
    new DataLoader<number, PersonalCard | null>((keys) => Promise.all(keys.map((key) => cardOf(context, key).catch((error: Error) => error)))),
  );
  return loader.load(personKey);
}

/** A Person by hub id, or null when the registry has no such person (a person always has a link). */
export async function personByKey(context: HubContext, personKey: number): Promise<Person | null> {
  const records = await identityLoaders(context).recordsByPerson.load(personKey);
  return records.length ? personRef(personKey) : null;
}

export async function personByPin(context: HubContext, pin: string): Promise<Person | null> {
  const personId = await personIdByPin(context, validPin(pin));
  return personId == null ? null : personRef(personId);
}

/**
 * The registry's people, by id. A name search runs in AVN first (the registry keeps no names, only
 * match keys) and then selects the people linked to the matching records.
 */
export async function listPeople(context: HubContext, args: PeopleArgs): Promise<ConnectionShape<Person>> {
  const where = args.where ?? {};
  const page = readPage(args, 'people:id');
  const pin = where.pin != null ? validPin(where.pin, 'where.pin') : null;
  const records = where.nameContains?.trim() ? await avnRecordsByName(context, where.nameContains) : null;
  // Access: only the people the viewer may see (a student: itself), so totalCount counts nothing else.
  const query = scoped(peopleListQuery(context, { pin, records }), (p) => personScope(viewerReach(context), p, 'p.id'));
  return loadList<{ id: number }, Person>(context.db.hub, query, page, (row) => personRef(Number(row.id)));
}
