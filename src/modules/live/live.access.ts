/** Access to the live events: each is seen where the object it is about is; a student receives only its own. */
import { accessPolicy } from '../../auth/policies';
import { inViewersGroups, ownStudentRow } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { ofApplicantNumber } from '../registrar/registrar.access';
import { AttendanceEvent } from './attendance-event.types';
import { ClearanceEvent } from './clearance.types';
import { OrderEvent, ServiceRequestEvent, StudentStatusEvent } from './status-event.types';

export const liveAccess = [
  // A live mark event: seen where its lesson is; a student receives only its own marks.
  accessPolicy(AttendanceEvent, {
    domain: Domain.ATTENDANCE,
    rows: {
      faculty: inViewersGroups<AttendanceEvent>((e) => e.groupKey).faculty,
      chair: async (e, _r, f) => (await f.chairEmployees()).has(e.teacherKey),
      teacher: (e, r) => e.teacherKey === r.employeeKey,
      self: ownStudentRow((e) => e.studentKey),
    },
    own: ownStudentRow((e) => e.studentKey),
  }),
  // A live order change: seen where its order is.
  accessPolicy(OrderEvent, {
    domain: Domain.ORDERS,
    rows: { faculty: (e, r) => e.facultyKey != null && e.facultyKey === r.facultyKey, self: async (e, _r, f) => (await f.myOrders()).has(e.orderKey) },
  }),
  // A leaving student who owes a unit (clearanceRequired). Its unit is kept to viewers reading that
  // unit's domain by the subscription itself (a type has one domain; the library and dormitory
  // roles both read STUDENTS); its loans and placement keep their own domains.
  accessPolicy(ClearanceEvent, { domain: Domain.STUDENTS, rows: { faculty: (e, r) => e.facultyKey != null && e.facultyKey === r.facultyKey } }),
  // A live student status change: seen where its student is.
  accessPolicy(StudentStatusEvent, {
    domain: Domain.STUDENTS,
    rows: {
      faculty: (e, r) => e.facultyKey === r.facultyKey,
      chair: inViewersGroups<StudentStatusEvent>((e) => e.groupKey).chair,
      teacher: inViewersGroups<StudentStatusEvent>((e) => e.groupKey).teacher,
    },
    own: ownStudentRow((e) => e.studentKey),
  }),
  // A live request status change: seen where its request is.
  accessPolicy(ServiceRequestEvent, { domain: Domain.REGISTRAR, ...ofApplicantNumber<ServiceRequestEvent>((e) => e.studentNumber, (e) => e.applicantPin) }),
];
