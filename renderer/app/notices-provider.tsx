import { createContext, type ReactNode, useContext, useEffect, useMemo, useSyncExternalStore } from 'react';
import { openStatuses } from '../../shared/domain/status-machine';
import type { Appeal } from '../../shared/model/appeal';
import type { Message } from '../../shared/model/conversation';
import { useDatabase, useRxQuery } from '../db/DatabaseProvider';
import { useCurrentUser } from './current-user';
import { wallClock } from './deadline-clock';
import { useNow } from './format';
import { coExecutorMark, decideNotices, type Notice, unreadAppealIds } from './notices';
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
  const user = useCurrentUser();
  const { storage } = useServices();
  const { timeZone } = useOrganisationSettings();
  const now = useNow(30_000);
  const store = useMemo(
    () => createReadMarksStore(storage, readMarksKey(db.name, user.id), Date.now()),
    [storage, db.name, user.id],
  );
  const marks = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { result: mineDocs } = useRxQuery(
    (db) =>
      db.appeals.find({
        selector: { assigneeId: user.id, status: { $in: [...openStatuses] } },
        limit: watchLimit,
      }),
    [user.id],
  );
  const mine = useMemo(() => (mineDocs?.map((doc) => doc.toJSON()) ?? []) as Appeal[], [mineDocs]);
  // Appeals of others the user co-executes or has an open task in (the резолюция): no index holds the
  // arrays, so this reads the open appeals by status (the cost of «Мои»'s shared lanes, inbox-query.ts).
  const { result: sharedDocs } = useRxQuery(
    (db) =>
      db.appeals.find({
        selector: {
          status: { $in: [...openStatuses] },
          assigneeId: { $ne: user.id },
          $or: [
            { coExecutorIds: { $elemMatch: { $eq: user.id } } },
            { tasks: { $elemMatch: { assigneeId: user.id, doneAt: null } } },
          ],
        },
        limit: watchLimit,
      }),
    [user.id],
  );
  const shared = useMemo(() => (sharedDocs?.map((doc) => doc.toJSON()) ?? []) as Appeal[], [sharedDocs]);
  const ids = useMemo(() => mine.map((appeal) => appeal.id), [mine]);
  const { result: messageDocs } = useRxQuery(
    (db) =>
      db.messages.find({
        selector: { appealId: { $in: ids }, createdAt: { $gt: marks.since - 86_400_000 } },
      }),
    [ids.join(','), marks.since],
  );
  // The assignment's instant is the appeal's edit that made it: appeals assigned before the marks
  // began are no news, and taking an appeal oneself, then looking at it, is none either (the look comes
  // after the edit).
  useEffect(() => {
    store.noteAssigned([
      ...mine.map((appeal) => ({ id: appeal.id, at: appeal.updatedAt })),
      // Likewise being made a co-executor: dated by the edit that made it, noted once.
      ...shared
        .filter((appeal) => appeal.coExecutorIds.includes(user.id))
        .map((appeal) => ({ id: coExecutorMark(appeal.id), at: appeal.updatedAt })),
    ]);
  }, [mine, shared, store, user.id]);
  const value = useMemo<Notices>(() => {
    const messages = (messageDocs?.map((doc) => doc.toJSON()) ?? []) as Message[];
    const { minutes } = wallClock(now, timeZone);
    const dayEnd = now + Math.round((24 * 60 - minutes) * 60_000);
    const notices = decideNotices({ mine, shared, messages, userId: user.id, marks, now, dayEnd });
    return {
      notices,
      unread: unreadAppealIds(notices),
      markSeen: (appealIds) => store.markSeen(appealIds, Date.now()),
    };
  }, [messageDocs, mine, shared, marks, now, timeZone, user.id, store]);
  return <NoticesContext.Provider value={value}>{children}</NoticesContext.Provider>;
}
