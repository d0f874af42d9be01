/**
 * Every module's access policies (src/auth/policies.ts), handed to the guard when the schema is
 * built (src/modules/schema.ts). Adding a module means adding its list here; a type of the schema
 * without a policy is refused to all but administrators and fails test/unit/access-policies.test.ts.
 */
import type { AnyAccessPolicy } from '../auth/policies';
import { accessAccess } from './access/access.access';
import { admissionsAccess } from './admissions/applicant.access';
import { attendanceAccess } from './attendance/attendance.access';
import { auditAccess } from './audit/audit.access';
import { checkinAccess } from './checkin/checkin.access';
import { curriculumAccess } from './curriculum/curriculum.access';
import { dormitoryAccess } from './dormitory/dormitory.access';
import { financeAccess } from './finance/finance.access';
import { calendarAccess } from './grading/calendar.access';
import { libraryAccess } from './library/library.access';
import { liveAccess } from './live/live.access';
import { ordersAccess } from './orders/order.access';
import { organisationAccess } from './organisation/organisation.access';
import { registrarAccess } from './registrar/registrar.access';
import { staffAccess } from './staff/staff.access';
import { statisticsAccess } from './statistics/statistics.access';
import { studentsAccess } from './students/student.access';
import { systemAccess } from './system/system.access';

export const ACCESS_POLICIES: readonly AnyAccessPolicy[] = [
  ...systemAccess,
  ...accessAccess,
  ...auditAccess,
  ...organisationAccess,
  ...staffAccess,
  ...calendarAccess,
  ...curriculumAccess,
  ...studentsAccess,
  ...attendanceAccess,
  ...checkinAccess,
  ...ordersAccess,
  ...financeAccess,
  ...admissionsAccess,
  ...libraryAccess,
  ...dormitoryAccess,
  ...statisticsAccess,
  ...registrarAccess,
  ...liveAccess,
];
