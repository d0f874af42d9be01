/** The live-data subscriptions (issue 4): events of the hub's change feed as unified types. */
import { AttendanceEventResolver } from './attendance-events.resolver';
import { ClearanceEventResolver } from './clearance.resolver';
import { OrderEventResolver } from './order-events.resolver';
import { ServiceRequestEventResolver } from './service-request-events.resolver';
import { StudentStatusEventResolver } from './student-status-events.resolver';

export const liveResolvers = [AttendanceEventResolver, OrderEventResolver, StudentStatusEventResolver, ServiceRequestEventResolver, ClearanceEventResolver];
