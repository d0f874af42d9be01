/**
 * `serviceRequestStatusChanged`: Single Window requests as they are submitted and move through
 * their statuses (registrar service_requests), optionally replayed from a cursor.
 */
import { Arg, Ctx, FieldResolver, Resolver, Root, Subscription } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import type { CapturedChange } from '../../domain/events';
import { serviceRequestById } from '../../sources/registrar/registrar.requests';
import { SERVICE_REQUEST_CHANGES, serviceRequestStatusChangeOf } from '../../sources/registrar/registrar.changes';
import { ServiceRequest } from '../registrar/service-request.types';
import { eventStream, parseCursor } from './event-stream';
import { ServiceRequestEvent, ServiceRequestEventWhere } from './status-event.types';

async function toServiceRequestEvent(context: HubContext, where: ServiceRequestEventWhere | undefined, captured: CapturedChange): Promise<ServiceRequestEvent | null> {
  const changed = serviceRequestStatusChangeOf(captured);
  if (!changed || (where?.status && where.status !== changed.status)) return null;
  const request = await serviceRequestById(context).clear(changed.requestKey).load(changed.requestKey);
  if (!request) return null;
  if (where?.unit && request.type.unit !== where.unit) return null;
  return {
    cursor: String(changed.cursor),
    requestKey: changed.requestKey,
    studentNumber: request.studentNumber,
    applicantPin: request.applicantPin,
    status: changed.status,
    previousStatus: changed.previousStatus,
    at: changed.at,
  };
}

@Resolver(() => ServiceRequestEvent)
export class ServiceRequestEventResolver {
  @Subscription(() => ServiceRequestEvent, {
    description:
      'Single Window requests as they are submitted and change status. With `after`, first every matching change since that cursor, in order, then new ones. ' +
      'You receive only requests you may see (a dean: its faculty\'s students\'; a student: its own).',
    subscribe: ({ args, context }) => {
      const ctx = context as HubContext;
      const where = args.where as ServiceRequestEventWhere | undefined;
      return eventStream(ctx.db.hub, parseCursor(args.after as string | undefined), SERVICE_REQUEST_CHANGES, (event) => toServiceRequestEvent(ctx, where, event));
    },
  })
  serviceRequestStatusChanged(
    @Root() event: ServiceRequestEvent,
    @Arg('after', () => String, { nullable: true, description: 'Resume after this event cursor (replays the changes since); omit for new changes only.' }) _after?: string,
    @Arg('where', () => ServiceRequestEventWhere, { nullable: true, description: 'Which requests\' changes to receive.' }) _where?: ServiceRequestEventWhere,
  ): ServiceRequestEvent {
    return event;
  }

  @FieldResolver(() => ServiceRequest, { nullable: true, description: 'The request as it stands now, with its type and status history.' })
  request(@Root() event: ServiceRequestEvent, @Ctx() context: HubContext) {
    return serviceRequestById(context).load(event.requestKey);
  }
}
