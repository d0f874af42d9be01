/**
 * `heartbeat`: a subscription that ticks, so dashboards and tests can check the WebSocket path
 * end to end. The live-data subscriptions (attendance, orders…) build on the same transport.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Arg, Field, Int, Resolver, Root, Subscription } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime } from '../../graphql/scalars';
import { validationFailed } from '../../common/errors';

@HubObject('One tick of the heartbeat subscription.', { node: false })
export class Heartbeat {
  @Field(() => Int, { description: 'Tick number, from 1.' })
  sequence!: number;

  @Field(() => DateTime, { description: 'When the hub sent this tick.' })
  at!: Date;
}

@Resolver()
export class HeartbeatSubscription {
  @Subscription(() => Heartbeat, {
    description: 'Ticks every `intervalSeconds` (1 to 60, default 5), `count` times (default: until unsubscribed).',
    subscribe: ({ args }) => ticks(args.intervalSeconds ?? 5, args.count ?? null),
  })
  heartbeat(
    @Root() tick: Heartbeat,
    @Arg('intervalSeconds', () => Int, { nullable: true, description: 'Seconds between ticks (1 to 60).' }) _intervalSeconds?: number,
    @Arg('count', () => Int, { nullable: true, description: 'Stop after this many ticks.' }) _count?: number,
  ): Heartbeat {
    return tick;
  }
}

async function* ticks(intervalSeconds: number, count: number | null): AsyncGenerator<Heartbeat> {
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < 1 || intervalSeconds > 60) {
    throw validationFailed('intervalSeconds must be a whole number from 1 to 60.', 'intervalSeconds');
  }
  for (let sequence = 1; count === null || sequence <= count; sequence++) {
    if (sequence > 1) await sleep(intervalSeconds * 1000);
    yield { sequence, at: new Date() };
  }
}
