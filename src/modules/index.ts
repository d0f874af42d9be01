/**
 * Every resolver class of the unified schema. Each domain module exports its own list; adding a
 * module means adding its list here.
 */
import type { NonEmptyArray } from 'type-graphql';
import { NodeQueries } from './node/node.resolver';
import { HeartbeatSubscription } from './system/heartbeat.resolver';
import { BusinessTimeQueries } from './system/business-time.resolver';
import { organisationResolvers } from './organisation/organisation.resolver';
import { auditResolvers } from './audit/audit.resolver';
import { accessResolvers } from './access/access.resolver';
import { studentResolvers } from './students/student.resolver';
import { ordersFinanceAdmissionsResolvers } from './orders/orders-finance-admissions';
import { staffResolvers } from './staff/staff.resolver';
import { curriculumResolvers } from './curriculum/curriculum.resolver';
import { gradeSheetResolvers } from './curriculum/grade-sheet.resolver';
import { lessonResolvers } from './attendance/lesson.resolver';
import { qrSessionResolvers } from './attendance/qr-session.resolver';
import { libraryDormitoryRegistrarResolvers } from './library/library-dormitory-registrar';
import { gradingResolvers } from './grading/grading.resolver';
import { checkinResolvers } from './checkin/checkin.resolver';
import { liveResolvers } from './live/live.resolver';

export const RESOLVERS: NonEmptyArray<Function> = [
  NodeQueries,
  HeartbeatSubscription,
  BusinessTimeQueries,
  ...organisationResolvers,
  ...auditResolvers,
  ...accessResolvers,
  ...studentResolvers,
  ...ordersFinanceAdmissionsResolvers,
  ...staffResolvers,
  ...curriculumResolvers,
  ...gradeSheetResolvers,
  ...lessonResolvers,
  ...qrSessionResolvers,
  ...libraryDormitoryRegistrarResolvers,
  ...gradingResolvers,
  ...checkinResolvers,
  ...liveResolvers,
];
