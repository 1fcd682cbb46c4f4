/**
 * The live change stream of one collection (server-sent events). EventSource cannot send headers, so
 * the access token goes in `?access_token=` (the server accepts it for streams only). The server ends
 * a stream when its token expires; on any error the stream is closed, the session is checked (which
 * refreshes the token when needed) and a new stream opens with a RESYNC, so nothing between the two is
 * missed: RESYNC makes RxDB pull from its checkpoint.
 */
import type { RxReplicationPullStreamItem } from 'rxdb';
import { Subject } from 'rxjs';
import type { AuthSession } from './auth-session';
import type { Backoff } from './backoff';

export interface EventSourceLike {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onopen: ((event: Event) => void) | null;
  close(): void;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

// biome-ignore lint/suspicious/noExplicitAny: documents of any collection flow through the stream
export type StreamItem = RxReplicationPullStreamItem<any, unknown>;

export class LiveStream {
  readonly events = new Subject<StreamItem>();
  private source: EventSourceLike | null = null;
  private stopped = false;
  private reconnecting = false;

  constructor(
    private readonly collection: string,
    private readonly auth: AuthSession,
    private readonly backoff: Backoff,
    private readonly openSource: EventSourceFactory,
    private readonly report: { online(): void; offline(error: unknown): void },
  ) {}

  open(): void {
    if (this.stopped || this.source) return;
    const url = `/api/v1/sync/${this.collection}/stream?access_token=${encodeURIComponent(this.auth.accessToken)}`;
    const source = this.openSource(url);
    this.source = source;
    source.onopen = () => this.report.online();
    source.onmessage = (event) => {
      try {
        const data = JSON.parse(String(event.data)) as unknown;
        this.events.next(data === 'RESYNC' ? 'RESYNC' : (data as StreamItem));
      } catch {
        this.events.next('RESYNC');
      }
    };
    source.onerror = () => {
      source.close();
      if (this.source === source) this.source = null;
      void this.reconnect();
    };
  }

  /** Reconnects now (the Retry button), unless a reconnect is already under way. */
  reopen(): void {
    if (this.source) return;
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting || this.stopped) return;
    this.reconnecting = true;
    try {
      while (!this.stopped) {
        await this.backoff.wait();
        if (this.stopped) return;
        try {
          // An authorised request that refreshes an expired access token (once, shared) before the stream needs it.
          const response = await this.auth.fetch('/api/v1/me');
          if (response.ok) break;
          this.backoff.failed();
        } catch (error) {
          this.report.offline(error);
          this.backoff.failed();
        }
      }
      if (this.stopped) return;
      this.open();
      this.events.next('RESYNC');
    } finally {
      this.reconnecting = false;
    }
  }

  close(): void {
    this.stopped = true;
    this.source?.close();
    this.source = null;
    this.events.complete();
  }
}
