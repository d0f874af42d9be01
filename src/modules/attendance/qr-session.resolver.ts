/** Relations of QR-visit sessions and scans back into AVN (through the keys QR-visit stores). */
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { validationFailed } from '../../common/errors';
import type { HubContext } from '../../graphql/context';
import { registerNode } from '../../graphql/node';
import { employeeByPersonnelNumber } from '../../sources/avn/avn.staff';
import { lessonById } from '../../sources/avn/avn.journal';
import { studentByNumber } from '../../sources/avn/avn.students';
import { qrSessionById, recentScansByStudentNumber, scansBySession } from '../../sources/qrvisit/qrvisit.sessions';
import { Employee } from '../staff/employee.types';
import { Student } from '../students/student.types';
import { Lesson } from './lesson.types';
import { QrScan, QrSession } from './qr-session.types';

registerNode('QrSession', (key, c) => qrSessionById(c).load(Number(key)));

@Resolver(() => QrSession)
export class QrSessionRelations {
  @FieldResolver(() => [QrScan], { description: 'Every scan of the session\'s code, accepted or refused, in the order they arrived.' })
  scans(@Root() session: QrSession, @Ctx() context: HubContext) {
    return scansBySession(context).load(session.key);
  }

  @FieldResolver(() => Lesson, { nullable: true, description: 'The journal lesson the session is for; null when AVN is unavailable or does not know the lesson.' })
  lesson(@Root() session: QrSession, @Ctx() context: HubContext) {
    return lessonById(context).load(session.lessonKey);
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The teacher who opened the session, found in AVN by personnel number; null when AVN is unavailable or has no such number.' })
  teacher(@Root() session: QrSession, @Ctx() context: HubContext) {
    return employeeByPersonnelNumber(context).load(session.teacherPersonnelNumber);
  }
}

@Resolver(() => QrScan)
export class QrScanRelations {
  @FieldResolver(() => QrSession, { nullable: true, description: 'The lesson session whose code was scanned.' })
  session(@Root() scan: QrScan, @Ctx() context: HubContext) {
    return qrSessionById(context).load(scan.sessionKey);
  }

  @FieldResolver(() => Student, { nullable: true, description: 'The student with the scanned student-book number; null when AVN is unavailable or has no such number (e.g. a mistyped or foreign code).' })
  student(@Root() scan: QrScan, @Ctx() context: HubContext) {
    return studentByNumber(context).load(scan.studentNumber);
  }
}

const MAX_RECENT_SCANS = 50;

/** The QR-visit part of the study card. */
@Resolver(() => Student)
export class StudentQrScans {
  @FieldResolver(() => [QrScan], {
    nullable: true,
    description: `The student's latest QR-visit check-ins (accepted or refused), newest first. Source: QR-visit; null when it is unavailable.`,
  })
  qrScans(
    @Root() student: Student,
    @Ctx() context: HubContext,
    @Arg('last', () => Int, { defaultValue: 10, description: `How many of the latest scans (1 to ${MAX_RECENT_SCANS}).` }) last: number,
  ) {
    if (!Number.isInteger(last) || last < 1 || last > MAX_RECENT_SCANS) throw validationFailed(`\`last\` must be from 1 to ${MAX_RECENT_SCANS}.`, 'last');
    return recentScansByStudentNumber(context, last).load(student.studentNumber);
  }
}

export const qrSessionResolvers = [QrSessionRelations, QrScanRelations, StudentQrScans] as const;
