import {
  createContext,
  type ReactNode,
  useContext,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react';
import { openStatuses } from '../../shared/domain/status-machine';
import type { Appeal } from '../../shared/model/appeal';
import type { Message } from '../../shared/model/conversation';
import { useDatabase, useRxQuery, useSync } from '../db/DatabaseProvider';
import { useCurrentUser } from './current-user';
import { wallClock } from './deadline-clock';
import { useNow } from './format';
import { decideNotices, type Notice, unreadAppealIds } from './notices';
import { useOrganisationSettings } from './organisation';
import { createReadMarksStore, readMarksKey } from './read-marks';
import { useServices } from './services';

export interface Notices {
  readonly notices: readonly Notice[];
  /** Appeals with an unread message from the citizen or a new assignment (the inbox's markers). */
  readonly unread: ReadonlySet<string>;
  /** The official opened these appeals: their notices are read. */
  markSeen(appealIds: readonly string[]): void;
}

const empty: Notices = { notices: [], unread: new Set(), markSeen: () => {} };
const NoticesContext = createContext<Notices>(empty);

export const useNotices = (): Notices => useContext(NoticesContext);

/** At most this many open appeals of the user are watched (far above anyone's caseload). */
const watchLimit = 2000;

/**
 * The signed-in official's in-app notices, live from the local database (./notices.ts): read marks
 * on this computer, recomputed as appeals and messages change and every half minute.
 */
export function NoticesProvider({ children }: { children: ReactNode }) {
  const db = useDatabase();
  const sync = useSync();
  const user = useCurrentUser();
  const { storage } = useServices();
  const { timeZone } = useOrganisationSettings();
  const now = useNow(30_000);
  const store = useMemo(
    () => createReadMarksStore(storage, readMarksKey(db.name, user.id), Date.now()),
    [storage, db.name, user.id],
  );
  const marks = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    let current = true;
    // Assignments found by the first pull are the user's existing work, not news.
    void Promise.race([sync.awaitInSync(30_000), new Promise((resolve) => setTimeout(resolve, 5000))]).then(
      () => current && setReady(true),
    );
    return () => {
      current = false;
    };
  }, [sync]);
  const { result: mineDocs } = useRxQuery(
    (db) =>
      db.appeals.find({
        selector: { assigneeId: user.id, status: { $in: [...openStatuses] } },
        limit: watchLimit,
      }),
    [user.id],
  );
  const mine = useMemo(() => (mineDocs?.map((doc) => doc.toJSON()) ?? []) as Appeal[], [mineDocs]);
  const ids = useMemo(() => mine.map((appeal) => appeal.id), [mine]);
  const { result: messageDocs } = useRxQuery(
    (db) =>
      db.messages.find({
        selector: { appealId: { $in: ids }, createdAt: { $gt: marks.since - 86_400_000 } },
      }),
    [ids.join(','), marks.since],
  );
  useEffect(() => {
    if (!ready) return;
    const first = Object.keys(store.getSnapshot().assignedAt).length === 0 && !sessionNoted.has(store);
    sessionNoted.add(store);
    store.noteAssigned(ids, first ? store.getSnapshot().since : Date.now());
  }, [ready, ids, store]);
  const value = useMemo<Notices>(() => {
    const messages = (messageDocs?.map((doc) => doc.toJSON()) ?? []) as Message[];
    const { minutes } = wallClock(now, timeZone);
    const dayEnd = now + Math.round((24 * 60 - minutes) * 60_000);
    const notices = decideNotices({ mine, messages, userId: user.id, marks, now, dayEnd });
    return {
      notices,
      unread: unreadAppealIds(notices),
      markSeen: (appealIds) => store.markSeen(appealIds, Date.now()),
    };
  }, [messageDocs, mine, marks, now, timeZone, user.id, store]);
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}

/** Stores whose first evaluation of this session has run. */
const sessionNoted = new WeakSet<object>();
