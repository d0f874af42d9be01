/**
 * Access to the access module's types: tokens and the caller's own description are everyone's;
 * accounts and keys are administrators' (the resolvers check too).
 */
import { accessPolicy } from '../../auth/policies';
import { Domain } from '../../auth/viewer';
import { Account, ApiKey, AuthPayload, IssuedApiKey, ViewerInfo } from './access.types';

export const accessAccess = [
  accessPolicy(AuthPayload, { domain: null, rows: 'public' }),
  accessPolicy(ViewerInfo, { domain: null, rows: 'public' }),
  // An account's description (login, role, active) is the caller's own in `login`'s answer; the
  // resolvers that list or change accounts are for administrators and check that themselves.
  accessPolicy(Account, { domain: null, rows: 'public' }),
  accessPolicy(ApiKey, { domain: Domain.IDENTITY, rows: {} }),
  accessPolicy(IssuedApiKey, { domain: Domain.IDENTITY, rows: {} }),
];
