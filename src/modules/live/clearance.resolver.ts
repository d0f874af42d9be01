/**
 * `clearanceRequired`: when an expulsion, graduation or academic-leave order is signed in AVN
 * (an OrderChanged event of kind SIGNED, as `studentOrderChanged` receives it),
 * one event per student of the order and unit it still owes: LIBRARY for current loans of its
 * linked borrower records, DORMITORY for an active placement of its linked resident records
 * (both found through the identity registry). A viewer receives only the units whose domain it
 * reads (the library its events, the dormitory office its own; deans both, of their faculty).
 */
import { Arg, Ctx, Extensions, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import type { CapturedChange } from '../../domain/events';
import { OrderChange } from '../../domain/live';
import { canRead } from '../../auth/guard/visibility';
import type { SubscriptionAccessExtensions } from '../../graphql/guard/subscription-access';
import { Domain } from '../../auth/viewer';
import { orderById } from '../../sources/avn/avn.orders';
import { studentById } from '../../sources/avn/avn.students';
import { Loan } from '../library/loan.types';
import { Placement } from '../dormitory/placement.types';
import { Order } from '../orders/order.types';
import { OrderType } from '../../domain/orders';
import { Student } from '../students/student.types';
import { identityLoaders } from '../../hub/identity/identity.loaders';
import { intKeys } from '../students/identity';
import { ORDER_CHANGES, orderChangeOf, studentsNamedByOrder } from '../../sources/avn/avn.changes';
import { currentLoansOfBorrowers } from '../../sources/library/library.loans';
import { activePlacementOfResidents } from '../../sources/dormitory/dormitory.placements';
import { ClearanceEvent, ClearanceEventWhere } from './clearance.types';
import { ClearanceUnit } from '../../domain/live';
import { eventStream } from './event-stream';
import { validationFailed } from '../../common/errors';

/** Orders after which a student leaves (for a while or for good) and must return what it holds. */
const LEAVING: ReadonlySet<OrderType> = new Set([OrderType.EXPULSION, OrderType.GRADUATION, OrderType.ACADEMIC_LEAVE]);
const DOMAIN_OF: Record<ClearanceUnit, Domain> = { [ClearanceUnit.LIBRARY]: Domain.LIBRARY, [ClearanceUnit.DORMITORY]: Domain.DORMITORY };

/** The units in the order their events of one student come in (part of the cursor's order). */
const UNIT_ORDER: readonly ClearanceUnit[] = [ClearanceUnit.LIBRARY, ClearanceUnit.DORMITORY];

/**
 * The guard refuses a subscriber that reads none of the asked units' domains when it subscribes
 * (src/graphql/guard/subscription-access.ts): it could never receive an event.
 */
const CLEARANCE_ACCESS: SubscriptionAccessExtensions = {
  readsOneOf: (args) => {
    const unit = (args.where as ClearanceEventWhere | undefined)?.unit;
    return unit ? [DOMAIN_OF[unit]] : UNIT_ORDER.map((u) => DOMAIN_OF[u]);
  },
};

/**
 * Where a clearance subscriber resumes. One signing yields several events (per student and unit),
 * all from one log entry, so an event's cursor is `<log cursor>:<student key>:<unit>` and a
 * subscriber that resumes mid-signing gets the rest of that signing's events, not a gap. A plain
 * log cursor (another subscription's) resumes after the whole entry.
 */
interface ClearancePosition {
  logCursor: number;
  /** The last event of that entry already received (null: the whole entry was). */
  within: { studentKey: number; unit: ClearanceUnit } | null;
}

export function parseClearanceCursor(after: string | null | undefined): ClearancePosition | null {
  if (after == null || after === '') return null;
  const match = /^(\d+)(?::(\d+):(LIBRARY|DORMITORY))?$/.exec(after);
  if (!match || !Number.isSafeInteger(Number(match[1]))) throw validationFailed('after must be a cursor an earlier event carried.', 'after');
  return {
    logCursor: Number(match[1]),
    within: match[2] ? { studentKey: Number(match[2]), unit: match[3] as ClearanceUnit } : null,
  };
}

const clearanceCursor = (logCursor: number, studentKey: number, unit: ClearanceUnit) => `${logCursor}:${studentKey}:${unit}`;

/** True when an event of the resumed entry comes after the position (students by key, then units in UNIT_ORDER). */
function isAfter(position: ClearancePosition, event: ClearanceEvent): boolean {
  const within = position.within!;
  if (event.studentKey !== within.studentKey) return event.studentKey > within.studentKey;
  return UNIT_ORDER.indexOf(event.unit) > UNIT_ORDER.indexOf(within.unit);
}


/** A student's linked records of one source, read afresh (the registry may have linked it since). */
async function linkedNow(context: HubContext, studentKey: number, source: string): Promise<number[]> {
  const record = `avn.student:${studentKey}`;
  const loader = identityLoaders(context).linkedRecordsByRecord;
  const records = await loader.clear(record).load(record);
  return intKeys(records.filter((r) => r.source === source).map((r) => r.localKey));
}

async function toClearanceEvents(context: HubContext, units: ClearanceUnit[], captured: CapturedChange): Promise<ClearanceEvent[] | null> {
  if (units.length === 0) return null;
  const signed = orderChangeOf(captured);
  if (signed?.change !== OrderChange.SIGNED) return null;
  const { orderKey } = signed;
  const order = await orderById(context).clear(orderKey).load(orderKey);
  if (!order || !LEAVING.has(order.type)) return null;
  const events: ClearanceEvent[] = [];
  // Students by key and units in UNIT_ORDER: the order of the events and of their cursors.
  const studentKeys = [...(await studentsNamedByOrder(context, orderKey))].sort((a, b) => a - b);
  const wanted = UNIT_ORDER.filter((unit) => units.includes(unit));
  for (const studentKey of studentKeys) {
    const student = await studentById(context).load(studentKey);
    const base = {
      orderKey, studentKey, orderType: order.type, at: signed.at,
      facultyKey: student?.facultyKey ?? signed.facultyKey,
    };
    for (const unit of wanted) {
      const cursor = clearanceCursor(signed.cursor, studentKey, unit);
      if (unit === ClearanceUnit.LIBRARY) {
        const loans = await currentLoansOfBorrowers(context, await linkedNow(context, studentKey, 'library.borrower'));
        if (loans.length > 0) events.push({ ...base, cursor, unit, owedLoans: loans, owedPlacement: null });
      } else {
        const placement = await activePlacementOfResidents(context, await linkedNow(context, studentKey, 'dormitory.resident'));
        if (placement) events.push({ ...base, cursor, unit, owedLoans: null, owedPlacement: placement });
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
      + 'signings since that cursor (also the rest of a signing whose first events you received), in order, then new ones. You receive only the units whose data you may read (and, for a dean, its faculty\'s students).',
    subscribe: ({ args, context }) => {
      const ctx = context as HubContext;
      const where = args.where as ClearanceEventWhere | undefined;
      const units = (where?.unit ? [where.unit] : UNIT_ORDER).filter((u) => canRead(ctx.viewer, DOMAIN_OF[u]));
      const position = parseClearanceCursor(args.after as string | undefined);
      // Resuming mid-signing: read that log entry again and drop the events already received.
      const after = position == null ? null : position.within ? position.logCursor - 1 : position.logCursor;
      return flatten(eventStream(ctx.db.hub, after, ORDER_CHANGES, async (event) => {
        const events = await toClearanceEvents(ctx, units, event);
        if (!events || !position?.within || event.cursor !== position.logCursor) return events;
        const rest = events.filter((e) => isAfter(position, e));
        return rest.length > 0 ? rest : null;
      }));
    },
  })
  @Extensions(CLEARANCE_ACCESS as Record<string, unknown>)
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
