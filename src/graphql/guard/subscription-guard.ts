/**
 * The guard of a Subscription field (subscription-access.ts has the rules): a viewer who may not
 * use it at all is refused before the source is asked for anything (no replay read, no live
 * listening). Its events go through the guarded `resolve` before they are sent, and an event that
 * resolves to nothing the viewer may see — or to a refusal — is not sent at all: a forbidden
 * object's change is as invisible as a change that never happened, with no frame, not even an
 * error. An event whose visibility cannot be decided (a source the rule reads is down) is not sent
 * either: the subscription ends with that error, and the subscriber resumes with `after` from its
 * last cursor. The resolved value rides on to `resolve`, so nothing is computed twice; `return()`
 * reaches the source at once (unsubscribing does not wait for the next event).
 */
import { GraphQLError, type GraphQLField } from 'graphql';
import { ErrorCode } from '../../common/errors';
import { Role } from '../../auth/viewer';
import type { HubContext } from '../context';
import type { Resolver } from './relation-guard';
import { subscriptionRefusal } from './subscription-access';
import type { Target } from './targets';

/** A subscription event the guard already resolved (and let through), as the payload of `resolve`. */
const RESOLVED = Symbol('campus-graph.resolved');
type Resolved = { [RESOLVED]: unknown };
const isResolved = (value: unknown): value is Resolved => !!value && typeof value === 'object' && RESOLVED in value;

const isRefusal = (error: unknown) => error instanceof GraphQLError && error.extensions?.code === ErrorCode.FORBIDDEN;

export function guardSubscription(field: GraphQLField<any, HubContext>, target: Target, guarded: Resolver): void {
  const subscribe = field.subscribe;
  if (!subscribe) return;
  field.resolve = (source, args, context, info) => (isResolved(source) ? source[RESOLVED] : guarded(source, args, context, info));
  field.subscribe = async (source, args, context: HubContext, info) => {
    const refused = subscriptionRefusal(context.viewer, info.schema, field, args, info.fieldNodes, info.fragments, info.variableValues);
    if (refused) throw refused;
    const events = await subscribe(source, args, context, info);
    if (context.viewer.role === Role.ADMIN || !events || typeof (events as AsyncIterable<unknown>)[Symbol.asyncIterator] !== 'function') return events;
    const inner = (events as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    const filtered: AsyncIterableIterator<unknown> = {
      [Symbol.asyncIterator]: () => filtered,
      async next() {
        for (;;) {
          const event = await inner.next();
          if (event.done) return event;
          let value: unknown;
          try {
            value = await guarded(event.value, args, context, info);
          } catch (error) {
            if (isRefusal(error)) continue;
            throw error;
          }
          const empty = value == null || (target.list && Array.isArray(value) && value.length === 0);
          if (!empty) return { done: false, value: { [RESOLVED]: value } };
        }
      },
      return: (value?: unknown) => (inner.return ? inner.return(value) : Promise.resolve({ done: true as const, value })),
      throw: (error?: unknown) => (inner.throw ? inner.throw(error) : Promise.reject(error)),
    };
    return filtered;
  };
}
