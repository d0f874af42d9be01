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
import { orderResolvers } from './orders/order.resolver';
import { financeResolvers } from './finance/finance.resolver';
import { admissionsResolvers } from './admissions/applicant.resolver';
import { staffResolvers } from './staff/staff.resolver';
import { curriculumResolvers } from './curriculum/curriculum.resolver';
import { gradeSheetResolvers } from './curriculum/grade-sheet.resolver';
import { lessonResolvers } from './attendance/lesson.resolver';
import { qrSessionResolvers } from './attendance/qr-session.resolver';
import { libraryResolvers } from './library/library.resolver';
import { dormitoryResolvers } from './dormitory/dormitory.resolver';
import { registrarResolvers } from './registrar/registrar.resolver';
import { gradingResolvers } from './grading/grading.resolver';
import { checkinResolvers } from './checkin/checkin.resolver';
import { liveResolvers } from './live/live.resolver';
import { statisticsResolvers } from './statistics/statistics.resolver';

export const RESOLVERS: NonEmptyArray<Function> = [
  NodeQueries,
  HeartbeatSubscription,
  BusinessTimeQueries,
  ...organisationResolvers,
  ...auditResolvers,
  ...accessResolvers,
  ...studentResolvers,
  ...orderResolvers,
  ...financeResolvers,
  ...admissionsResolvers,
  ...staffResolvers,
  ...curriculumResolvers,
  ...gradeSheetResolvers,
  ...lessonResolvers,
  ...qrSessionResolvers,
  ...libraryResolvers,
  ...dormitoryResolvers,
  ...registrarResolvers,
  ...gradingResolvers,
  ...checkinResolvers,
  ...liveResolvers,
  ...statisticsResolvers,
];
