/** Access to the audit log: administrators only (no other role reads the AUDIT domain, and no limited reach has a rule). */
import { accessPolicy } from '../../auth/policies';
import { Domain } from '../../auth/viewer';
import { AuditChange, AuditEntry, AuditObject } from './audit.types';

export const auditAccess = [
  accessPolicy(AuditEntry, { domain: Domain.AUDIT, rows: {} }),
  accessPolicy(AuditObject, { domain: Domain.AUDIT, rows: 'parent' }),
  accessPolicy(AuditChange, { domain: Domain.AUDIT, rows: 'parent' }),
];
