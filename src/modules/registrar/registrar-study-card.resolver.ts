/**
 * The registrar's part of the study card: the student's Single Window requests and documents,
 * matched by the student number the registrar stores, or by PIN. Nullable: with the registrar
 * down they are null with SOURCE_UNAVAILABLE, and the rest of the study card stands.
 */
import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { applicantNumberScope } from '../../auth/guard/key-scope';
import type { HubContext } from '../../graphql/context';
import { readPage } from '../../graphql/connection';
import { documentsByHolder } from '../../sources/registrar/registrar.documents';
import { requestsOfApplicant } from '../../sources/registrar/registrar.applicants';
import { Student } from '../students/student.types';
import { IssuedDocument } from './document.types';
import { StudentServiceRequestsArgs } from './registrar.inputs';
import { requestFilterOf } from './registrar.service';
import { ServiceRequestConnection } from './service-request.types';

/** A PIN only identifies when it is one (14 digits, not a zero placeholder). */
const usablePin = (pin: string | null) => {
  const trimmed = pin?.trim() ?? '';
  return /^\d{14}$/.test(trimmed) && !/^0+$/.test(trimmed) ? trimmed : null;
};

@Resolver(() => Student)
export class StudentRegistrarRelations {
  @FieldResolver(() => ServiceRequestConnection, {
    nullable: true,
    description: 'The student\'s Single Window requests (by its student number or PIN), latest first; null when the registrar is unavailable.',
  })
  async serviceRequests(@Root() student: Student, @Args() args: StudentServiceRequestsArgs, @Ctx() context: HubContext) {
    // Access: as the root list, limited in SQL (src/auth/guard/key-scope.ts).
    const scope = await applicantNumberScope(context);
    const query = { filter: requestFilterOf(args.where ?? {}), page: readPage(args, 'applicantRequests:submittedAt:desc') };
    return requestsOfApplicant(context, query, scope).load({ key: student.key, parts: [student.studentNumber, usablePin(student.pinInternal)] });
  }

  @FieldResolver(() => [IssuedDocument], {
    nullable: true,
    description: 'Documents issued to the student (by its student number or PIN), cancelled ones included, latest first; null when the registrar is unavailable.',
  })
  documents(@Root() student: Student, @Ctx() context: HubContext) {
    return documentsByHolder(context).load({ key: student.key, studentNumber: student.studentNumber, pin: usablePin(student.pinInternal) });
  }
}
