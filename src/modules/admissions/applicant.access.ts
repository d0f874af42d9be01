/** Access to applicants: a dean those of its faculty's programmes; a student its own application. */
import { accessPolicy } from '../../auth/policies';
import { Domain } from '../../auth/viewer';
import { programmeById } from '../../sources/avn/avn.organisation';
import { applicantScope } from '../../sources/avn/avn.scopes';
import { Applicant } from './applicant.types';

export const admissionsAccess = [
  accessPolicy(Applicant, {
    domain: Domain.ADMISSIONS,
    rows: { faculty: async (a, r, f) => (await programmeById(f.context).load(a.programmeKey))?.facultyKey === r.facultyKey },
    own: (a, self) => a.studentKey != null && a.studentKey === self.studentKey,
    scope: applicantScope,
    personRecord: true,
  }),
];
