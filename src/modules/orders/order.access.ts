/** Access to orders: a dean its faculty's, a student those naming it (and its own row of each). */
import { accessPolicy } from '../../auth/policies';
import { always, ownStudentRow } from '../../auth/row-rules';
import { Domain } from '../../auth/viewer';
import { orderScope, orderStudentScope } from '../../sources/avn/avn.scopes';
import { Order, OrderStudent } from './order.types';

export const ordersAccess = [
  accessPolicy(Order, {
    domain: Domain.ORDERS,
    rows: { faculty: (o, r) => o.facultyKey != null && o.facultyKey === r.facultyKey, self: async (o, _r, f) => (await f.myOrders()).has(o.key) },
    scope: orderScope,
  }),
  accessPolicy(OrderStudent, { domain: Domain.ORDERS, rows: { faculty: always, self: ownStudentRow((o) => o.studentKey) }, scope: orderStudentScope }),
];
