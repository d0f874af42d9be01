/**
 * A bound on password hashing. Each scrypt call takes 32 MiB and tens of milliseconds of a
 * libuv thread, so a flood of logins could otherwise exhaust the instance's memory and CPU:
 * at most PASSWORD_CHECK_CONCURRENCY run at once, the rest wait their turn in order.
 */
export class PasswordChecks {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private highest = 0;

  constructor(readonly concurrency: number) {}

  /** Runs `check` when a slot is free. */
  async run<T>(check: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    this.highest = Math.max(this.highest, this.running);
    try {
      return await check();
    } finally {
      // Hand the slot straight to the next in line (running stays the same), or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** The most checks that ran at once since the last reset (tests and metrics). */
  get peak(): number {
    return this.highest;
  }

  resetPeak(): void {
    this.highest = this.running;
  }
}
