/**
 * Hands the passport checked at reception over to the server (`POST /api/v1/appeals/:id/passport`),
 * which encrypts it and links the applicant. The clear value is held in memory only — never in the
 * local database or any storage — until the server has it: the appeal must reach the server first
 * (it may be registered offline), so a hand-over that finds no appeal yet, no network or no session
 * is tried again every few seconds. Signing out, or closing the app, forgets what was not handed
 * over; the appeal's applicant card then offers to enter the passport again.
 */
import { BehaviorSubject, map, type Observable } from 'rxjs';
import type { ApiResult } from '../../api/client';

/** `refused`: the server will not take it (the code says why); typing it again is the way out. */
export type HandOverState =
  | { readonly state: 'pending' }
  | { readonly state: 'recorded' }
  | { readonly state: 'refused'; readonly code: string };

export type RecordPassport = (
  appealId: string,
  passport: { series: string; number: string },
) => Promise<ApiResult<unknown>>;

/** What a failed attempt means: try again later, done after all, or refused for good. */
export function afterFailure(error: Extract<ApiResult<unknown>, { ok: false }>['error']): HandOverState {
  if (error.kind !== 'server') return { state: 'pending' };
  if (error.code === 'passport_already_recorded') return { state: 'recorded' };
  // 404: the appeal has not reached the server yet; 5xx: the server is in trouble.
  if (error.status === 404 || error.status >= 500) return { state: 'pending' };
  return { state: 'refused', code: error.code ?? `http_${error.status}` };
}

export class PassportHandOver {
  private readonly waiting = new Map<string, { series: string; number: string }>();
  private readonly states$ = new BehaviorSubject<ReadonlyMap<string, HandOverState>>(new Map());
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly record: RecordPassport,
    private readonly retryMs = 3000,
  ) {}

  /** Queues the passport of a just registered appeal and tries at once. */
  add(appealId: string, passport: { series: string; number: string }): Promise<void> {
    this.waiting.set(appealId, { ...passport });
    this.set(appealId, { state: 'pending' });
    return this.flush();
  }

  stateOf(appealId: string): Observable<HandOverState | undefined> {
    return this.states$.pipe(map((states) => states.get(appealId)));
  }

  /** Tries every waiting hand-over once (one run at a time). */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.flush(), this.retryMs);
  }

  /** Stops and forgets every clear value still waiting. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.waiting.clear();
  }

  private async flushOnce(): Promise<void> {
    for (const [appealId, passport] of [...this.waiting]) {
      const result = await this.record(appealId, passport);
      const next = result.ok ? ({ state: 'recorded' } as const) : afterFailure(result.error);
      if (next.state !== 'pending') this.waiting.delete(appealId);
      this.set(appealId, next);
    }
  }

  private set(appealId: string, state: HandOverState): void {
    const current = this.states$.value.get(appealId);
    if (current && JSON.stringify(current) === JSON.stringify(state)) return;
    this.states$.next(new Map([...this.states$.value, [appealId, state]]));
  }
}
