/**
 * A bound on password hashing. Each scrypt call takes 32 MiB and tens of milliseconds of a
 * libuv thread, so a flood of logins could otherwise exhaust the instance's memory and CPU:
 * at most PASSWORD_CHECK_CONCURRENCY run at once, the rest wait their turn in order.
 *
 * Suspects — attempts from a login and address, or an address, that failed recently
 * (login-throttle.ts) — have a lane of their own: one check at a time, at most
 * PASSWORD_SUSPECT_CHECKS_PER_SECOND, so a guesser with many addresses gets a small, fixed share of
 * the CPU and never the threads an owner's first attempt needs.
 */
class Lane {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private nextStartAt = 0;

  constructor(
    private readonly concurrency: number,
    /** Least time between two starts (0: none). */
    private readonly spacingMs: number,
  ) {}

  async run<T>(check: () => Promise<T>, onStart: () => void): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    if (this.spacingMs > 0) {
      const wait = this.nextStartAt - Date.now();
      this.nextStartAt = Math.max(Date.now(), this.nextStartAt) + this.spacingMs;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    onStart();
    try {
      return await check();
    } finally {
      // Hand the slot straight to the next in line (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

export class PasswordChecks {
  private readonly normal: Lane;
  private readonly suspects: Lane;
  private active = 0;
  private highest = 0;

  constructor(
    readonly concurrency: number,
    readonly suspectsPerSecond = 2,
  ) {
    this.normal = new Lane(concurrency, 0);
    this.suspects = new Lane(1, suspectsPerSecond > 0 ? 1000 / suspectsPerSecond : 0);
  }

  /**
   * Runs `check` when a slot is free. A suspect's check first waits its turn in the suspects' lane
   * (one at a time, paced), then takes a slot like everyone's: never more than `concurrency` hashes
   * in all, and never more than one of them a suspect's.
   */
  async run<T>(check: () => Promise<T>, options: { suspect?: boolean } = {}): Promise<T> {
    const hash = () =>
      this.normal.run(async () => {
        try {
          return await check();
        } finally {
          this.active--;
        }
      }, () => {
        this.active++;
        this.highest = Math.max(this.highest, this.active);
      });
    return options.suspect ? this.suspects.run(hash, () => undefined) : hash();
  }

  /** The most checks that ran at once since the last reset (tests and metrics). */
  get peak(): number {
    return this.highest;
  }

  resetPeak(): void {
    this.highest = this.active;
  }
}
