/** Waits between retries: 1 s, 2 s, 4 s … up to 30 s; `interrupt()` (Retry button, back online) ends a wait at once. */
export class Backoff {
  private failures = 0;
  private readonly waiting = new Set<() => void>();

  constructor(
    private readonly baseMs = 1000,
    private readonly maxMs = 30_000,
  ) {}

  get delayMs(): number {
    return Math.min(this.maxMs, this.baseMs * 2 ** Math.max(0, this.failures - 1));
  }

  failed(): void {
    this.failures += 1;
  }

  succeeded(): void {
    this.failures = 0;
  }

  wait(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, this.delayMs);
      this.waiting.add(done);
    });
  }

  interrupt(): void {
    this.failures = 0;
    for (const done of [...this.waiting]) done();
  }
}
