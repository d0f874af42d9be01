/** Access to the staff directory, teaching loads and the staffing table (AVN 4 and 7). */
import { accessPolicy } from '../../auth/policies';
import { always } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { employeeScope, staffingScope } from '../../sources/avn/avn.scopes';
import { Employee } from './employee.types';
import { EmployeePosition, StaffingPosition } from './staffing.types';
import { TeachingLoad, TeachingLoadItem } from './teaching-load.types';
import { ChairStaffing, ChairTeachingLoad, FacultyStaffing } from './unit-figures.types';

export const staffAccess = [
  // The staff directory (names, degrees, chair) is part of the organisation for those who work in
  // it; deans and chairs list only their own people; anonymous callers none (no `public` rule).
  // Personal fields are protected field by field (never 'own' for a student).
  accessPolicy(Employee, {
    domain: Domain.ORGANISATION,
    rows: {
      faculty: async (e, _r, f) => (await f.facultyEmployees()).has(e.key),
      chair: async (e, _r, f) => (await f.chairEmployees()).has(e.key),
      teacher: always,
      self: always,
    },
    own: (e, _self, f) => e.key === f.viewer.scope.employeeKey,
    scope: employeeScope,
    personRecord: true,
  }),
  accessPolicy(TeachingLoad, { domain: Domain.ORGANISATION, rows: 'parent' }),
  accessPolicy(TeachingLoadItem, { domain: Domain.ORGANISATION, rows: 'parent' }),
  accessPolicy(StaffingPosition, {
    domain: Domain.STAFF,
    rows: { faculty: (s, r) => s.facultyKey === r.facultyKey, chair: (s, r) => s.chairKey === r.chairKey },
    scope: staffingScope,
  }),
  accessPolicy(EmployeePosition, { domain: Domain.STAFF, rows: 'parent' }),
  // A unit's totals are staffing data: seen by whoever sees the unit's staffing-table lines.
  accessPolicy(ChairStaffing, {
    domain: Domain.STAFF,
    rows: { faculty: (s, r) => s.facultyKey === r.facultyKey, chair: (s, r) => s.chairKey === r.chairKey },
  }),
  accessPolicy(FacultyStaffing, { domain: Domain.STAFF, rows: { faculty: (s, r) => s.facultyKey === r.facultyKey } }),
  // A chair's load hours sum loads of its employees: seen where those employees' loads are (Employee's rows).
  accessPolicy(ChairTeachingLoad, {
    domain: Domain.ORGANISATION,
    rows: { faculty: (l, r) => l.facultyKey === r.facultyKey, chair: (l, r) => l.chairKey === r.chairKey, teacher: always, self: always },
  }),
];
