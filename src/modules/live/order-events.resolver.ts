/**
 * `studentOrderChanged`: AVN student orders as they are created, signed or cancelled, optionally
 * replayed from a cursor. What changed is AVN's to say (src/sources/avn/avn.changes.ts); `order`
 * is the order as it stands now, with its students (`order.students`).
 */
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { intKeyOf } from '../../domain/global-id';
import type { CapturedChange } from '../../domain/events';
import { orderById } from '../../sources/avn/avn.orders';
import { ORDER_CHANGES, orderChangeOf } from '../../sources/avn/avn.changes';
import { Order } from '../orders/order.types';
import { eventStream, parseCursor } from './event-stream';
import { OrderEvent, OrderEventWhere } from './status-event.types';

async function toOrderEvent(context: HubContext, where: OrderEventWhere | undefined, facultyKey: number | null, captured: CapturedChange): Promise<OrderEvent | null> {
  const changed = orderChangeOf(captured);
  if (!changed) return null;
  if (facultyKey != null && changed.facultyKey !== facultyKey) return null;
  if (where?.type) {
    const order = await orderById(context).clear(changed.orderKey).load(changed.orderKey);
    if (order?.type !== where.type) return null;
  }
  return { cursor: String(changed.cursor), orderKey: changed.orderKey, facultyKey: changed.facultyKey, change: changed.change, at: changed.at };
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
      return eventStream(ctx.db.hub, parseCursor(args.after as string | undefined), ORDER_CHANGES, (event) => toOrderEvent(ctx, where, facultyKey, event));
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
