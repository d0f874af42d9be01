/**
 * The pause of a background loop that a signal cuts short: the loop sleeps until its next poll,
 * or until something (a NOTIFY, a logged event) says there is work now. A signal that comes while
 * the loop is busy is remembered, so the loop runs again at once instead of sleeping through it.
 */
export class Alarm {
  private requested = false;
  private ring: (() => void) | null = null;

  /** There is work: ends the current pause, or the next check of `taken()` says so. */
  wake(): void {
    this.requested = true;
    this.ring?.();
  }

  /** Whether a wake came since the last call (and forgets it). */
  taken(): boolean {
    const requested = this.requested;
    this.requested = false;
    return requested;
  }

  /** Sleeps `ms`, or less when woken meanwhile. */
  pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done(): void {
        clearTimeout(timer);
        self.ring = null;
        resolve();
      }
      this.ring = done;
    });
  }
}
