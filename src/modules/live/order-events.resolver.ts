/**
 * `studentOrderChanged`: AVN student orders (prikaz) as they are created, signed or cancelled,
 * optionally replayed from a cursor. The change is read from the captured row (old vs new
 * status); `order` is the order as it stands now, with its students (`order.students`).
 */
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { intKeyOf } from '../../domain/global-id';
import type { LogEvent } from '../../events/event-log';
import { orderById } from '../../sources/avn/avn.orders';
import { Order } from '../orders/order.types';
import { eventStream, parseCursor } from './event-stream';
import { OrderChange } from '../../domain/live';
import { OrderEvent, OrderEventWhere } from './status-event.types';

const ORDERS = { sources: ['avn'], tables: ['prikaz'] } as const;
/** AVN prikaz.status codes a change moves an order to (proekt, the draft, is only ever a creation). */
const CHANGE_BY_STATUS: Record<string, OrderChange> = { podpisan: OrderChange.SIGNED, otmenen: OrderChange.CANCELLED };

async function toOrderEvent(context: HubContext, where: OrderEventWhere | undefined, facultyKey: number | null, event: LogEvent): Promise<OrderEvent | null> {
  if (event.op === 'DELETE') return null;
  const status = String(event.data.status);
  const change = event.op === 'INSERT' ? OrderChange.CREATED : event.old && event.old.status !== status ? CHANGE_BY_STATUS[status] : undefined;
  if (!change) return null;
  const orderKey = Number(event.key);
  const rowFaculty = event.data.fak_id == null ? null : Number(event.data.fak_id);
  if (facultyKey != null && rowFaculty !== facultyKey) return null;
  if (where?.type) {
    const order = await orderById(context).clear(orderKey).load(orderKey);
    if (order?.type !== where.type) return null;
  }
  return { cursor: String(event.cursor), orderKey, facultyKey: rowFaculty, change, at: event.changedAt };
}

@Resolver(() => OrderEvent)
export class OrderEventResolver {
  @Subscription(() => OrderEvent, {
    description:
      'Student orders as they are created, signed or cancelled in AVN. With `after`, first every matching change since that cursor, in order, then new ones. ' +
      'You receive only orders you may see (a dean: its faculty\'s; a student: its own).',
    subscribe: ({ args, context }) => {
      const ctx = context as HubContext;
      const where = args.where as OrderEventWhere | undefined;
      const facultyKey = where?.facultyId ? intKeyOf(where.facultyId, 'Faculty') : null;
      return eventStream(ctx.db.hub, parseCursor(args.after as string | undefined), ORDERS, (event) => toOrderEvent(ctx, where, facultyKey, event));
    },
  })
  studentOrderChanged(
    @Root() event: OrderEvent,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event cursor (replays the changes since); omit for new changes only.' }) _after?: string,
    @Arg('where', () => OrderEventWhere, { nullable: true, description: 'Which orders\' changes to receive.' }) _where?: OrderEventWhere,
  ): OrderEvent {
    return event;
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The order as it stands now; `order.students` lists the students it names.' })
  order(@Root() event: OrderEvent, @Ctx() context: HubContext) {
    // A subscription's loaders live as long as it does: read the order afresh for each event.
    return orderById(context).clear(event.orderKey).load(event.orderKey);
  }
}
