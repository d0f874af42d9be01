/**
 * The dormitory's part of the study card: where a student (or any person) lives now. AVN and the
 * dormitory are joined through the identity registry (which also uses the student number the
 * dormitory types in): student → person → 'dormitory.resident' records → dormitory loaders.
 * Nullable, and they always ask the dormitory: with it down they are null with SOURCE_UNAVAILABLE.
 * The other way round, a resident's (or debtor's) AVN student follows the same registry links.
 */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { studentById } from '../../sources/avn/avn.students';
import { activePlacementsOfResidentSet, residentsOfResidentSet } from '../../sources/dormitory/dormitory.placements';
import { Person, Student } from '../students/student.types';
import { recordKeysOf, intKeys, linkedKeys } from '../students/identity';
import { DormitoryDebtor, DormitoryResident, Placement } from './placement.types';

const RESIDENT = 'dormitory.resident';

@Resolver(() => Student)
export class DormitoryStudyCardRelations {
  @FieldResolver(() => Placement, {
    nullable: true,
    description: 'The student\'s current dormitory placement (the latest move-in if records disagree); null when the student does not live in a dormitory, or the dormitory is unavailable.',
  })
  async dormitoryPlacement(@Root() student: Student, @Ctx() context: HubContext) {
    const residents = intKeys(await linkedKeys(context, `avn.student:${student.key}`, RESIDENT));
    const [latest] = await activePlacementsOfResidentSet(context, 'student').load({ key: student.key, keys: residents });
    return latest ?? null;
  }
}

@Resolver(() => Person)
export class PersonDormitoryRelations {
  @FieldResolver(() => DormitoryResident, {
    nullable: true,
    description: 'The person\'s dormitory resident record (the lowest resident number if several are linked); null when none is linked, or the dormitory is unavailable.',
  })
  async dormitoryResident(@Root() person: Person, @Ctx() context: HubContext) {
    const residents = intKeys(await recordKeysOf(context, person.key, RESIDENT));
    const [first] = await residentsOfResidentSet(context, 'person').load({ key: person.key, keys: residents });
    return first ?? null;
  }
}

const STUDENT_OF_RESIDENT = 'The AVN student this resident is, through the identity registry (the latest student record if several); null for staff and guests, or when AVN is unavailable.';

/** The AVN student linked to a dormitory resident record (the latest if several), or null. */
async function studentOfResident(context: HubContext, residentKey: number) {
  const students = intKeys(await linkedKeys(context, `${RESIDENT}:${residentKey}`, 'avn.student'));
  return students.length ? studentById(context).load(Math.max(...students)) : null;
}

@Resolver(() => DormitoryDebtor)
export class DormitoryDebtorRelations {
  @FieldResolver(() => Student, { nullable: true, description: STUDENT_OF_RESIDENT })
  student(@Root() debtor: DormitoryDebtor, @Ctx() context: HubContext) {
    return studentOfResident(context, debtor.residentKey);
  }
}

@Resolver(() => DormitoryResident)
export class DormitoryResidentStudentRelations {
  @FieldResolver(() => Student, { nullable: true, description: STUDENT_OF_RESIDENT })
  student(@Root() resident: DormitoryResident, @Ctx() context: HubContext) {
    return studentOfResident(context, resident.key);
  }
}
