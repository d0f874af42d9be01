/**
 * `businessTime`: which date is "today" for the hub's answers, so that a client asking for today's
 * lessons, or comparing a balance or an overdue flag, uses the same date the hub does
 * (src/common/business-time.ts; BUSINESS_DATE and BUSINESS_TIME_ZONE).
 */
import { Ctx, Field, Query, Resolver } from 'type-graphql';
import { HubObject } from '../../graphql/object-type';
import { DateTime, LocalDate } from '../../graphql/scalars';
import type { HubContext } from '../../graphql/context';

@HubObject('The institution\'s business date and time: the "today" and "now" of every answer that depends on them.', { node: false })
export class BusinessTime {
  @Field(() => LocalDate, {
    description: 'Today\'s date in the institution\'s time zone: the date up to which dormitory fees are charged, loans and requests are overdue, staff assignments are current, the current academic term is decided and lessons are "today\'s".',
  })
  date!: string;

  @Field(() => DateTime, { description: 'The business instant now: the date above at the time of day the hub reads (grade-entry windows and QR check-in rules are judged at it).' })
  now!: Date;

  @Field({ description: 'The institution\'s IANA time zone, e.g. Asia/Bishkek.' })
  timeZone!: string;

  @Field({
    description: 'True when the configuration pins the date (BUSINESS_DATE; the embedded demo pins its own date, 2026-11-27); false when the date is the real calendar\'s. Token expiry and audit times always use the real clock.',
  })
  pinned!: boolean;
}

@Resolver()
export class BusinessTimeQueries {
  @Query(() => BusinessTime, { description: 'The institution\'s business date, time and time zone: what "today" means in the hub\'s answers. Open to everyone.' })
  businessTime(@Ctx() context: HubContext): BusinessTime {
    const clock = context.runtime.businessClock;
    const moment = clock.now();
    return { date: moment.date, now: moment.instant, timeZone: clock.timeZone, pinned: clock.pinned };
  }
}
