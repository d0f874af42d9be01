/**
 * `clearanceRequired`: when an expulsion, graduation or academic-leave order is signed in AVN
 * (a prikaz UPDATE to 'podpisan' in the hub's event log, detected as `studentOrderChanged` does),
 * one event per student of the order and unit it still owes: LIBRARY for current loans of its
 * linked borrower records, DORMITORY for an active placement of its linked resident records
 * (both found through the identity registry). A viewer receives only the units whose domain it
 * reads (the library its events, the dormitory office its own; deans both, of their faculty).
 */
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import type { LogEvent } from '../../events/event-log';
import { canRead } from '../../auth/guard/visibility';
import { Domain } from '../../auth/viewer';
import { orderById } from '../../sources/avn/avn.orders';
import { studentById } from '../../sources/avn/avn.students';
import { Loan } from '../library/loan.types';
import { Placement } from '../dormitory/placement.types';
import { Order, OrderType } from '../orders/order.types';
import { Student } from '../students/student.types';
import { identityLoaders, intKeys } from '../students/identity';
import { activePlacementOf, currentLoansOf, studentsOfOrder } from './clearance.source';
import { ClearanceEvent, ClearanceEventWhere, ClearanceUnit } from './clearance.types';
import { eventStream, parseCursor } from './event-stream';

const ORDERS = { sources: ['avn'], tables: ['prikaz'] } as const;
/** Orders after which a student leaves (for a while or for good) and must return what it holds. */
const LEAVING: ReadonlySet<OrderType> = new Set([OrderType.EXPULSION, OrderType.GRADUATION, OrderType.ACADEMIC_LEAVE]);
const DOMAIN_OF: Record<ClearanceUnit, Domain> = { [ClearanceUnit.LIBRARY]: Domain.LIBRARY, [ClearanceUnit.DORMITORY]: Domain.DORMITORY };

/** Same test as studentOrderChanged's SIGNED: an UPDATE that moved the status to 'podpisan'. */
const isSigning = (event: LogEvent) => event.op === 'UPDATE' && event.data.status === 'podpisan' && !!event.old && event.old.status !== 'podpisan';

/** A student's linked records of one source, read afresh (the registry may have linked it since). */
async function linkedNow(context: HubContext, studentKey: number, source: string): Promise<number[]> {
  const record = `avn.student:${studentKey}`;
  const loader = identityLoaders(context).linkedRecordsByRecord;
  const records = await loader.clear(record).load(record);
  return intKeys(records.filter((r) => r.source === source).map((r) => r.localKey));
}

async function toClearanceEvents(context: HubContext, units: ClearanceUnit[], event: LogEvent): Promise<ClearanceEvent[] | null> {
  if (units.length === 0 || !isSigning(event)) return null;
  const orderKey = Number(event.key);
  const order = await orderById(context).clear(orderKey).load(orderKey);
  if (!order || !LEAVING.has(order.type)) return null;
  const events: ClearanceEvent[] = [];
  for (const studentKey of await studentsOfOrder(context, orderKey)) {
    const student = await studentById(context).load(studentKey);
    const base = {
      cursor: String(event.cursor), orderKey, studentKey, orderType: order.type, at: event.changedAt,
      facultyKey: student?.facultyKey ?? (event.data.fak_id == null ? null : Number(event.data.fak_id)),
    };
    for (const unit of units) {
      if (unit === ClearanceUnit.LIBRARY) {
        const loans = await currentLoansOf(context, await linkedNow(context, studentKey, 'library.borrower'));
        if (loans.length > 0) events.push({ ...base, unit, owedLoans: loans, owedPlacement: null });
      } else {
        const placement = await activePlacementOf(context, await linkedNow(context, studentKey, 'dormitory.resident'));
        if (placement) events.push({ ...base, unit, owedLoans: null, owedPlacement: placement });
      }
    }
  }
  return events.length > 0 ? events : null;
}

/** One item at a time from a stream of batches; closing it closes the source at once. */
function flatten<T>(batches: AsyncIterableIterator<T[]>): AsyncIterableIterator<T> {
  const queue: T[] = [];
  const stream: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => stream,
    async next() {
      while (queue.length === 0) {
        const batch = await batches.next();
        if (batch.done) return { done: true, value: undefined };
        queue.push(...batch.value);
      }
      return { done: false, value: queue.shift()! };
    },
    async return(value?: unknown) {
      queue.length = 0;
      await batches.return?.(value);
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      queue.length = 0;
      await batches.return?.();
      throw error;
    },
  };
  return stream;
}

@Resolver(() => ClearanceEvent)
export class ClearanceEventResolver {
  @Subscription(() => ClearanceEvent, {
    description:
      'Students who must be cleared by the library or the dormitory: when an expulsion, graduation or academic-leave order is signed, one event per '
      + 'student of the order and unit it still owes (LIBRARY: copies on loan; DORMITORY: an active placement). With `after`, first the events of the '
      + 'signings since that cursor, in order, then new ones. You receive only the units whose data you may read (and, for a dean, its faculty\'s students).',
    subscribe: ({ args, context }) => {
      const ctx = context as HubContext;
      const where = args.where as ClearanceEventWhere | undefined;
      const units = (where?.unit ? [where.unit] : [ClearanceUnit.LIBRARY, ClearanceUnit.DORMITORY]).filter((u) => canRead(ctx.viewer, DOMAIN_OF[u]));
      return flatten(eventStream(ctx.db.hub, parseCursor(args.after as string | undefined), ORDERS, (event) => toClearanceEvents(ctx, units, event)));
    },
  })
  clearanceRequired(
    @Root() event: ClearanceEvent,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event cursor (replays the signings since); omit for new ones only.' }) _after?: string,
    @Arg('where', () => ClearanceEventWhere, { nullable: true, description: 'Which unit\'s clearance events to receive.' }) _where?: ClearanceEventWhere,
  ): ClearanceEvent {
    return event;
  }

  @FieldResolver(() => Order, { nullable: true, description: 'The signed order as it stands now (for viewers who may read orders).' })
  order(@Root() event: ClearanceEvent, @Ctx() context: HubContext) {
    return orderById(context).clear(event.orderKey).load(event.orderKey);
  }

  @FieldResolver(() => Student, { nullable: true, description: 'The leaving student.' })
  student(@Root() event: ClearanceEvent, @Ctx() context: HubContext) {
    return studentById(context).load(event.studentKey);
  }

  @FieldResolver(() => [Loan], { nullable: true, description: 'LIBRARY events: the copies the student still has out, oldest issue first, as at the signing; null for DORMITORY events.' })
  loans(@Root() event: ClearanceEvent) {
    return event.owedLoans;
  }

  @FieldResolver(() => Placement, { nullable: true, description: 'DORMITORY events: the student\'s active placement as at the signing; null for LIBRARY events.' })
  placement(@Root() event: ClearanceEvent) {
    return event.owedPlacement;
  }
}
