/**
 * The organisation-wide notices of a supervisor's or administrator's desktop (issue 14), shown in the
 * notifications bell beside the official's own (./notices.ts):
 * - a rise alert («Всплеск»: a category rising sharply in a territory), found by the server's control
 *   job over all departments — it opens that cell of «Аналитика» (the appeals of those 7 days);
 * - a citizen's «Нет» to «Помог ли ответ?» waiting for a decision («Ответ не помог») — it opens the
 *   appeal.
 * Both are server facts over the whole organisation, not documents this desktop holds in full, and no
 * replicated collection carries them (a new RxDB schema is not ours to add). So they are fetched
 * (`GET /api/v1/control/alerts`, `GET /api/v1/quality/verdicts`) at sign-in and every five minutes, and
 * the last lists are kept in this desktop's storage per user: the bell reads them offline after a sync.
 * Only what the bell shows is kept — no subject, comment or name of the applicant. A notice is noted
 * once: opened (or «mark all read»), its id is remembered and it leaves the bell.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionUser, TokenSource } from '../api/client';
import type { AuthSession } from '../sync/auth-session';
import { useServices } from './services';

export interface RiseAlertNotice {
  readonly kind: 'riseAlert';
  readonly id: string;
  readonly category: string;
  readonly territoryId: string;
  readonly territoryName: string;
  readonly weekCount: number;
  readonly at: number;
}

export interface UnhelpfulNotice {
  readonly kind: 'unhelpful';
  readonly id: string;
  readonly appealId: string;
  readonly registrationNumber: string | null;
  readonly at: number;
}

export type SupervisorNotice = RiseAlertNotice | UnhelpfulNotice;

interface Kept {
  readonly alerts: readonly RiseAlertNotice[];
  readonly unhelpful: readonly UnhelpfulNotice[];
}

const organisationWide = new Set(['supervisor', 'admin']);
const pollMs = 5 * 60_000;
/** Remembered noted ids (older ones are long gone from the server's lists). */
const seenLimit = 500;

const supervisorNoticesKey = (userId: string) => `okno.supervisorNotices.${userId}`;
const supervisorNoticesSeenKey = (userId: string) => `okno.supervisorNoticesSeen.${userId}`;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** The alerts of `GET /api/v1/control/alerts` as notices (malformed entries are skipped). */
export function riseAlertNotices(body: unknown): RiseAlertNotice[] | null {
  const list = isRecord(body) ? body.alerts : null;
  if (!Array.isArray(list)) return null;
  return list.filter(isRecord).flatMap((alert) =>
    typeof alert.id === 'string' && typeof alert.detectedAt === 'number'
      ? [
          {
            kind: 'riseAlert' as const,
            id: `alert:${alert.id}`,
            category: String(alert.category ?? ''),
            territoryId: String(alert.territoryId ?? ''),
            territoryName: String(alert.territoryName ?? ''),
            weekCount: Number(alert.weekCount ?? 0),
            at: alert.detectedAt,
          },
        ]
      : [],
  );
}

/** The undecided «Нет» of `GET /api/v1/quality/verdicts` as notices: number and date only. */
export function unhelpfulNotices(body: unknown): UnhelpfulNotice[] | null {
  const list = isRecord(body) ? body.verdicts : null;
  if (!Array.isArray(list)) return null;
  return list.filter(isRecord).flatMap((verdict) =>
    typeof verdict.appealId === 'string' && typeof verdict.answeredAt === 'number'
      ? [
          {
            kind: 'unhelpful' as const,
            id: `unhelpful:${verdict.appealId}:${verdict.answeredAt}`,
            appealId: verdict.appealId,
            registrationNumber:
              typeof verdict.registrationNumber === 'string' ? verdict.registrationNumber : null,
            at: verdict.answeredAt,
          },
        ]
      : [],
  );
}

/** The notices not noted yet, newest first. */
export function unnotedNotices(kept: Kept, seen: ReadonlySet<string>): SupervisorNotice[] {
  return [...kept.alerts, ...kept.unhelpful]
    .filter((notice) => !seen.has(notice.id))
    .sort((a, b) => b.at - a.at);
}

function readJson(storage: Pick<Storage, 'getItem'>, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function readKept(storage: Pick<Storage, 'getItem'>, userId: string): Kept {
  const kept = readJson(storage, supervisorNoticesKey(userId));
  if (!isRecord(kept)) return { alerts: [], unhelpful: [] };
  return {
    alerts: Array.isArray(kept.alerts) ? (kept.alerts as RiseAlertNotice[]) : [],
    unhelpful: Array.isArray(kept.unhelpful) ? (kept.unhelpful as UnhelpfulNotice[]) : [],
  };
}

function readSeen(storage: Pick<Storage, 'getItem'>, userId: string): string[] {
  const seen = readJson(storage, supervisorNoticesSeenKey(userId));
  return Array.isArray(seen) ? seen.filter((id): id is string => typeof id === 'string') : [];
}

export interface SupervisorNotices {
  readonly notices: readonly SupervisorNotice[];
  /** Noted: these leave the bell (remembered on this desktop). */
  note(ids: readonly string[]): void;
}

/**
 * The supervisor notices of the signed-in user, from storage at once and refreshed from the server;
 * empty for an operator or a head (the lists are organisation-wide).
 */
export function useSupervisorNotices(user: SessionUser, auth: AuthSession): SupervisorNotices {
  const { api, storage } = useServices();
  const wide = organisationWide.has(user.role);
  const tokens = useMemo<TokenSource>(
    () => ({
      get accessToken() {
        return auth.accessToken;
      },
      refresh: async (used: string) => {
        await auth.refresh(used);
        return auth.accessToken;
      },
    }),
    [auth],
  );
  const calls = useMemo(() => api.authorised(tokens), [api, tokens]);
  const [kept, setKept] = useState<Kept>(() => readKept(storage, user.id));
  const [seen, setSeen] = useState<string[]>(() => readSeen(storage, user.id));

  useEffect(() => {
    if (!wide) return;
    let live = true;
    const load = async () => {
      const [alerts, verdicts] = await Promise.all([
        calls.call('GET', '/api/v1/control/alerts'),
        calls.call('GET', '/api/v1/quality/verdicts'),
      ]);
      if (!live) return;
      // Offline or refused: the kept lists stay as they were.
      setKept((before) => {
        const next: Kept = {
          alerts: (alerts.ok ? riseAlertNotices(alerts.value) : null) ?? before.alerts,
          unhelpful: (verdicts.ok ? unhelpfulNotices(verdicts.value) : null) ?? before.unhelpful,
        };
        storage.setItem(supervisorNoticesKey(user.id), JSON.stringify(next));
        return next;
      });
    };
    void load();
    const timer = setInterval(() => void load(), pollMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [calls, wide, storage, user.id]);

  const note = useCallback(
    (ids: readonly string[]) => {
      setSeen((before) => {
        const next = [...new Set([...before, ...ids])].slice(-seenLimit);
        storage.setItem(supervisorNoticesSeenKey(user.id), JSON.stringify(next));
        return next;
      });
    },
    [storage, user.id],
  );
  const notices = useMemo(() => (wide ? unnotedNotices(kept, new Set(seen)) : []), [wide, kept, seen]);
  return { notices, note };
}
