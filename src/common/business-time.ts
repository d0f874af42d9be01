/**
 * The institution's business clock: which date is "today" and what time it is in the
 * institution's time zone, for every answer that depends on it — dormitory fees charged so far,
 * overdue loans and requests, current staff assignments, the current academic term, grade-entry
 * windows, today's lessons and the QR check-in rules. One place decides it, so those answers
 * always agree with each other.
 *
 * By default it is the real clock. `BUSINESS_DATE` pins the date (the demo university is the state
 * of 2026-11-27, so the embedded demo pins that date): the date stays fixed and the time of day is
 * the real one in the institution's zone. `BUSINESS_DATE=YYYY-MM-DDTHH:MM` starts the business
 * clock at that wall-clock time when the hub starts and lets it run with the real clock (demos at
 * night, tests).
 *
 * What stays on the real clock, whatever is configured: token and key expiry, refresh tokens,
 * login throttling, audit times, the change feed and event log, and QR token rotation — they
 * measure real elapsed time, not the institution's calendar.
 *
 * SQL never calls `now()` / `current_date` for such answers: the source functions take the
 * business instant or date as a parameter (`$n::timestamptz`, `$n::date`).
 */

/** The real clock the business clock runs on; tests replace `now` to stand at a chosen instant. */
export const wallClock = { now: (): Date => new Date() };

/** What BUSINESS_DATE configured (config.ts parses and validates it). */
export interface BusinessDateSetting {
  /** The pinned date, YYYY-MM-DD. */
  readonly date: string;
  /** Minute of the day the clock starts at when the hub starts (then it runs); null = the real time of day. */
  readonly startMinute: number | null;
}

export interface BusinessTimeSettings {
  /** IANA time zone of the institution, e.g. Asia/Bishkek. */
  readonly timeZone: string;
  /** null = the real clock. */
  readonly date: BusinessDateSetting | null;
}

/** One reading of the business clock. */
export interface BusinessMoment {
  /** The business instant (for comparisons with timestamps). */
  readonly instant: Date;
  /** The business date in the institution's zone, YYYY-MM-DD. */
  readonly date: string;
  /** Minutes since midnight of `date` in the institution's zone (with fractions). */
  readonly minuteOfDay: number;
}

const DAY_MS = 86_400_000;

export class BusinessClock {
  private readonly wall: Intl.DateTimeFormat;
  /** Real instant the clock was created (the start of a BUSINESS_DATE=…THH:MM clock). */
  private readonly createdAt = wallClock.now().getTime();
  /** The zone's offset per minute since the epoch (see offsetMs). */
  private readonly offsets = new Map<number, number>();

  constructor(readonly settings: BusinessTimeSettings) {
    this.wall = new Intl.DateTimeFormat('en-CA', {
      timeZone: settings.timeZone, hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
  }

  get timeZone(): string {
    return this.settings.timeZone;
  }

  /** True when BUSINESS_DATE pins the date (not the real calendar). */
  get pinned(): boolean {
    return this.settings.date !== null;
  }

  /** The business instant, date and time of day now. */
  now(): BusinessMoment {
    const real = wallClock.now();
    const pin = this.settings.date;
    if (!pin) return this.momentOf(real);
    if (pin.startMinute !== null) return this.momentOf(new Date(+this.at(pin.date, pin.startMinute) + (+real - this.createdAt)));
    // The pinned date at the real time of day.
    return this.momentOf(this.at(pin.date, this.momentOf(real).minuteOfDay));
  }

  /** Today's business date, YYYY-MM-DD. */
  today(): string {
    return this.now().date;
  }

  /** The date and time of day of an instant in the institution's zone. */
  momentOf(instant: Date): BusinessMoment {
    const wall = new Date(+instant + this.offsetMs(+instant));
    const minuteOfDay = wall.getUTCHours() * 60 + wall.getUTCMinutes() + (wall.getUTCSeconds() + wall.getUTCMilliseconds() / 1000) / 60;
    return { instant, date: wall.toISOString().slice(0, 10), minuteOfDay };
  }

  /** The instant at `minuteOfDay` minutes after midnight of `date` in the institution's zone. */
  at(date: string, minuteOfDay: number): Date {
    const [y, m, d] = date.split('-').map(Number);
    const local = Date.UTC(y, m - 1, d) + Math.round(minuteOfDay * 60_000);
    // Two passes find the zone's offset at that wall time (also across a daylight-saving change).
    let guess = local - this.offsetMs(local);
    guess = local - this.offsetMs(guess);
    return new Date(guess);
  }

  /** The first instant of `date` in the institution's zone. */
  startOf(date: string): Date {
    return this.at(date, 0);
  }

  /** The first instant of the day after `date`. */
  endOf(date: string): Date {
    const [y, m, d] = date.split('-').map(Number);
    const next = new Date(Date.UTC(y, m - 1, d) + DAY_MS).toISOString().slice(0, 10);
    return this.at(next, 0);
  }

  /**
   * The zone's offset from UTC at an instant (ms since the epoch), in milliseconds. Offsets change
   * only at whole minutes, so they are remembered per minute: a request reads the clock several
   * times, and Intl's formatting costs microseconds each time.
   */
  private offsetMs(instant: number): number {
    const minute = Math.floor(instant / 60_000);
    let offset = this.offsets.get(minute);
    if (offset === undefined) {
      if (this.offsets.size >= 4096) this.offsets.clear();
      const p = this.parts(new Date(minute * 60_000));
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - minute * 60_000;
      this.offsets.set(minute, offset);
    }
    return offset;
  }

  private parts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
    const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.wall.formatToParts(instant)) {
      if (part.type in out) out[part.type as keyof typeof out] = Number(part.value);
    }
    return out;
  }
}

/** True when `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
