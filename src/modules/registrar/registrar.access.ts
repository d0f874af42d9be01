/** Access to the Single Window: requests and documents follow the applicant's student number (or PIN). */
import { accessPolicy, type RowCases, type RowRule } from '../../auth/policies';
import { applicantNumberScope } from '../../auth/guard/key-scope';
import { never } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { DocumentFlowRecord, IssuedDocument } from './document.types';
import { ServiceRequest, ServiceRequestStatusChange, ServiceRequestType } from './service-request.types';

/** Registrar records by the student number (or PIN) the applicant gave: a faculty's students', the student's own. */
export function ofApplicantNumber<T>(numberOf: (o: T) => string | null, pinOf: (o: T) => string | null): { rows: RowCases<T>; own: RowRule<T, 'self'> } {
  const own: RowRule<T, 'self'> = async (o, _self, f) => {
    const me = await f.me();
    if (!me) return false;
    const number = numberOf(o);
    const pin = pinOf(o);
    return (number != null && number === me.studentNumber) || (pin != null && me.pin != null && pin === me.pin);
  };
  return {
    rows: {
      faculty: async (o, _r, f) => {
        const number = numberOf(o);
        return number != null && (await f.facultyStudentNumbers()).has(number);
      },
      self: own,
    },
    own,
  };
}

export const registrarAccess = [
  accessPolicy(ServiceRequestType, { domain: Domain.REGISTRAR, rows: 'public' }),
  accessPolicy(ServiceRequest, { domain: Domain.REGISTRAR, ...ofApplicantNumber<ServiceRequest>((r) => r.studentNumber, (r) => r.applicantPin), scope: applicantNumberScope }),
  accessPolicy(ServiceRequestStatusChange, { domain: Domain.REGISTRAR, rows: 'parent' }),
  accessPolicy(IssuedDocument, { domain: Domain.REGISTRAR, ...ofApplicantNumber<IssuedDocument>((d) => d.studentNumber, (d) => d.holderPin), scope: applicantNumberScope }),
  // The units' internal document flow: whole-university roles only.
  accessPolicy(DocumentFlowRecord, { domain: Domain.REGISTRAR, rows: { faculty: never, chair: never, teacher: never, self: never } }),
];
