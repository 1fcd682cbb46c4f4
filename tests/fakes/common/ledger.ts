/**
 * The in-process control API every fake shares: what was sent, which contract rules were broken,
 * which calls were made when, and which errors to fail the next calls with.
 */

export type Network = 'vk' | 'telegram' | 'max' | 'ok';

export interface ContractViolation {
  readonly network: Network;
  /** `request`: something a connector sent to the fake; `event`: something a driver was asked to send. */
  readonly direction: 'request' | 'event';
  /** Method name (`messages.send`), operation (`POST /messages`) or event type. */
  readonly operation: string;
  /**
   * `schema`: breaks the published schema (rejected with the network's error);
   * `unknown-parameter`: a parameter the schema does not know (real networks ignore it, so it is only recorded);
   * `protocol`: breaks a documented rule that no schema expresses (token, encoding, mutually exclusive params).
   */
  readonly kind: 'schema' | 'unknown-parameter' | 'protocol';
  readonly errors: readonly string[];
  readonly payload: unknown;
  readonly at: number;
}

export interface InjectedError<Code> {
  readonly code: Code;
  /** Only calls to this method/operation consume the error; any call when omitted. */
  readonly method?: string;
  /** How many consecutive matching calls fail (default 1). */
  readonly times?: number;
  /** Seconds, for 429-style errors (Telegram `parameters.retry_after`, `Retry-After` header elsewhere). */
  readonly retryAfter?: number;
  /** Overrides the network's default message for the code. */
  readonly message?: string;
}

export interface ApiCall {
  readonly operation: string;
  readonly at: number;
  readonly outcome: 'ok' | 'error';
  readonly error?: string | number;
}

/**
 * Button presses a bot must acknowledge (Telegram `answerCallbackQuery`, MAX `POST /answers`, VK
 * `messages.sendMessageEventAnswer`): the citizen's app shows a spinner on the button until the bot
 * answers, so a press left unanswered is a broken conversation even when everything else worked.
 */
export interface CallbackLedger {
  /** A press was delivered to the bot (drivers and `queueUpdate` call this). */
  expectCallbackAnswer(callbackId: string, payload: unknown): void;
}

/** How long a press may wait for its answer before the fake calls it a violation (⚠ no network documents it). */
export const callbackAnswerWindowMs = 5_000;

export class FakeLedger<Sent, Code> implements CallbackLedger {
  readonly sent: Sent[] = [];
  readonly violations: ContractViolation[] = [];
  readonly calls: ApiCall[] = [];
  private readonly injected: Array<{ spec: InjectedError<Code>; remaining: number }> = [];
  private readonly awaitedCallbacks = new Map<string, { at: number; payload: unknown }>();
  /** Presses the bot answered, by id, in order. */
  readonly answeredCallbacks: string[] = [];

  constructor(readonly network: Network) {}

  expectCallbackAnswer(callbackId: string, payload: unknown): void {
    this.awaitedCallbacks.set(callbackId, { at: Date.now(), payload });
  }

  /** Presses delivered and not answered yet. */
  get unansweredCallbacks(): string[] {
    return [...this.awaitedCallbacks.keys()];
  }

  /**
   * Waits until every delivered press is answered, at most until each is `withinMs` old; each one
   * still unanswered then is recorded as a `protocol` violation (the citizen's spinner never stops).
   * Returns the ids of those.
   */
  async settleCallbacks(withinMs = callbackAnswerWindowMs): Promise<string[]> {
    for (;;) {
      const now = Date.now();
      const waiting = [...this.awaitedCallbacks.values()];
      if (waiting.length === 0) return [];
      if (waiting.every((w) => now - w.at >= withinMs)) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const late = [...this.awaitedCallbacks.entries()];
    for (const [id, { payload }] of late)
      this.recordViolation({
        direction: 'request',
        operation: 'callback answer',
        kind: 'protocol',
        errors: [`button press ${id} was never answered: the client keeps showing a spinner`],
        payload,
      });
    this.awaitedCallbacks.clear();
    return late.map(([id]) => id);
  }

  /** The bot answered a press: true when it was one the fake delivered and had not been answered. */
  protected answerCallback(callbackId: string): boolean {
    if (!this.awaitedCallbacks.delete(callbackId)) return false;
    this.answeredCallbacks.push(callbackId);
    return true;
  }

  /** Queues errors; each spec fails the next `times` calls that match its `method`. */
  injectErrors(errors: readonly InjectedError<Code>[]): void {
    for (const spec of errors) this.injected.push({ spec, remaining: spec.times ?? 1 });
  }

  get pendingInjectedErrors(): number {
    return this.injected.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** Calls to `operation` (all calls when omitted), in arrival order. */
  callsTo(operation?: string): ApiCall[] {
    return operation === undefined ? [...this.calls] : this.calls.filter((c) => c.operation === operation);
  }

  /** The largest number of calls that fell within any `windowMs` window — for rate-limit assertions. */
  peakCallsPerWindow(windowMs = 1000, operation?: string): number {
    const times = this.callsTo(operation).map((c) => c.at);
    let peak = 0;
    let start = 0;
    for (let end = 0; end < times.length; end++) {
      while ((times[end] ?? 0) - (times[start] ?? 0) >= windowMs) start++;
      peak = Math.max(peak, end - start + 1);
    }
    return peak;
  }

  violationsOf(kind?: ContractViolation['kind']): ContractViolation[] {
    return kind === undefined ? [...this.violations] : this.violations.filter((v) => v.kind === kind);
  }

  /** Clears records and pending injected errors; network-specific state is reset by the fakes. */
  resetLedger(): void {
    this.awaitedCallbacks.clear();
    this.answeredCallbacks.length = 0;
    this.sent.length = 0;
    this.violations.length = 0;
    this.calls.length = 0;
    this.injected.length = 0;
  }

  protected takeInjectedError(operation: string): InjectedError<Code> | undefined {
    const index = this.injected.findIndex((e) => e.spec.method === undefined || e.spec.method === operation);
    if (index < 0) return undefined;
    const entry = this.injected[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.injected.splice(index, 1);
    return entry.spec;
  }

  protected recordCall(operation: string, outcome: 'ok' | 'error', error?: string | number): void {
    this.calls.push(
      error === undefined
        ? { operation, at: Date.now(), outcome }
        : { operation, at: Date.now(), outcome, error },
    );
  }

  protected recordViolation(violation: Omit<ContractViolation, 'network' | 'at'>): void {
    this.violations.push({ ...violation, network: this.network, at: Date.now() });
  }
}

/**
 * A FIFO of updates numbered 1, 2, 3… with long-poll waiters; the VK, Telegram, MAX and OK
 * polling endpoints all sit on top of it and only differ in how their cursor is spelled.
 */
export class NumberedQueue<Update> {
  private entries: Array<{ seq: number; update: Update }> = [];
  private nextSeq = 1;
  private waiters = new Set<() => void>();

  /** Sequence number the next pushed update will get. */
  get next(): number {
    return this.nextSeq;
  }

  get oldest(): number {
    return this.entries[0]?.seq ?? this.nextSeq;
  }

  push(update: Update): number {
    const seq = this.nextSeq++;
    this.entries.push({ seq, update });
    for (const wake of this.waiters) wake();
    this.waiters.clear();
    return seq;
  }

  /** Updates with sequence ≥ `from`, at most `limit`. */
  from(from: number, limit = Number.POSITIVE_INFINITY): Array<{ seq: number; update: Update }> {
    return this.entries.filter((e) => e.seq >= from).slice(0, limit);
  }

  /** Forgets updates below `seq` (acknowledged by the client or expired). */
  dropBelow(seq: number): void {
    this.entries = this.entries.filter((e) => e.seq >= seq);
  }

  clear(): void {
    this.entries = [];
    this.wakeAll();
  }

  /** Waits until something is pushed or `ms` pass. */
  async waitForPush(ms: number): Promise<void> {
    if (ms <= 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        resolve();
      }, ms);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.add(done);
    });
  }

  /** Releases every held poll, e.g. when the fake closes. */
  wakeAll(): void {
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }
}
