/** Access to the system types: anyone reads them in full (no domain, every row). */
import { accessPolicy } from '../../auth/policies';
import { PageInfo } from '../../graphql/connection';
import { BusinessTime } from './business-time.resolver';
import { Heartbeat } from './heartbeat.resolver';

export const systemAccess = [
  accessPolicy(PageInfo, { domain: null, rows: 'public' }),
  accessPolicy(Heartbeat, { domain: null, rows: 'public' }),
  accessPolicy(BusinessTime, { domain: null, rows: 'public' }),
];
