/**
 * A round of work run at start and then again and again until stopped (the bot's notices, the
 * retention job). A failed round is logged — unless the job is stopping, when the pool may be
 * closing under it — and the next one is scheduled all the same; `stop` waits for a running round.
 */
export interface PeriodicJobOptions {
  /** The pause before the next round, from what the last one returned (`undefined`: it failed). */
  nextDelayMs: (result: unknown) => number;
  /** The log line of a failed round. */
  failure: string;
  log?: { error(obj: object, msg: string): void };
}

export class PeriodicJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly round: () => Promise<unknown>,
    private readonly periodic: PeriodicJobOptions,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, ms);
  }

  private async tick(): Promise<void> {
    let result: unknown;
    try {
      result = await this.round();
    } catch (error) {
      if (!this.stopped) this.periodic.log?.error({ err: error }, this.periodic.failure);
    }
    this.schedule(this.periodic.nextDelayMs(result));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
