/**
 * Scale-out: every committed change NOTIFYs channel `okno_sync` with `<orgId>:<highest seq>` (the
 * account triggers send just `<orgId>`). Each server process LISTENs on its own connection and
 * wakes the streams of that organisation, which re-read by checkpoint with their user's scope. NOTIFY
 * is transactional: it is delivered at commit, never for a rolled-back change.
 */
import pg from 'pg';
import type { Queryable } from '../db/pool';

const syncChannel = 'okno_sync';

/** Queues the notification inside the writing transaction (sent on commit). */
export async function notifyChange(tx: Queryable, orgId: string): Promise<void> {
  await tx.query(`SELECT pg_notify('${syncChannel}', $1::text || ':' || currval('okno_sync_seq'))`, [orgId]);
}

export interface ChangeNotice {
  orgId: string;
  /** Highest seq of the change; null when the sender did not say. */
  seq: number | null;
}

function parseNotice(payload: string | undefined): ChangeNotice | null {
  if (!payload) return null;
  const separator = payload.lastIndexOf(':');
  if (separator < 0) return { orgId: payload, seq: null };
  const seq = Number(payload.slice(separator + 1));
  return { orgId: payload.slice(0, separator), seq: Number.isSafeInteger(seq) ? seq : null };
}

export interface ListenerEvents {
  onNotice(notice: ChangeNotice): void;
  /** The connection was (re)established after a loss: notices may have been missed. */
  onResync(): void;
  onError(error: unknown): void;
}

/** One dedicated LISTEN connection with reconnect; not taken from the pool (it never returns). */
export class ChangeListener {
  private client: pg.Client | null = null;
  private stopped = false;
  private everConnected = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    /** The pool's connection settings (same server, own connection). */
    private readonly clientConfig: pg.ClientConfig,
    private readonly events: ListenerEvents,
  ) {}

  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client(this.clientConfig);
    client.on('notification', (message) => {
      const notice = parseNotice(message.payload);
      if (notice) this.events.onNotice(notice);
    });
    client.on('error', (error) => {
      this.events.onError(error);
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${syncChannel}`);
    } catch (error) {
      this.events.onError(error);
      this.scheduleReconnect(client);
      return;
    }
    this.client = client;
    if (this.everConnected) this.events.onResync();
    this.everConnected = true;
  }

  private scheduleReconnect(client: pg.Client): void {
    if (this.stopped || this.retryTimer || (this.client !== client && this.client !== null)) return;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => {});
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, 1000);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
    }
  }
}
