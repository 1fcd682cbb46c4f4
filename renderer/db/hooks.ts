import { useEffect, useState } from 'react';
import type { RxDocument, RxQuery } from 'rxdb';
import { throttleTime } from 'rxjs';
import { useDatabase } from './context';
import type { OknoCollectionName, OknoDatabase, OknoDocTypes } from './database';

export interface LiveResult<R> {
  /** The latest result; `undefined` until the first one arrives. */
  readonly result: R | undefined;
  readonly loading: boolean;
  readonly error: unknown;
}

/**
 * A live query: re-renders whenever the result changes (RxDB's event-reduce keeps it cheap).
 * `queryFactory` builds the query from the database; return null to query nothing. `deps` are the
 * values the query depends on, as for useEffect.
 *
 *   const { result: messages } = useRxQuery(
 *     (db) => db.messages.find({ selector: { appealId }, sort: [{ createdAt: 'asc' }] }),
 *     [appealId],
 *   );
 */
export function useRxQuery<R>(
  // biome-ignore lint/suspicious/noExplicitAny: any collection's query, typed by its result
  queryFactory: (db: OknoDatabase) => RxQuery<any, R> | null | undefined,
  deps: readonly unknown[],
): LiveResult<R> {
  const db = useDatabase();
  const [state, setState] = useState<LiveResult<R>>({ result: undefined, loading: true, error: null });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller lists the query's dependencies
  useEffect(() => {
    const query = queryFactory(db);
    if (!query) {
      setState({ result: undefined, loading: false, error: null });
      return;
    }
    setState((previous) => ({ ...previous, loading: true }));
    const subscription = query.$.subscribe({
      next: (result) => setState({ result, loading: false, error: null }),
      error: (error: unknown) => setState({ result: undefined, loading: false, error }),
    });
    return () => subscription.unsubscribe();
  }, [db, ...deps]);
  return state;
}

/** One live document by primary key; `result` is null when it does not exist (or left the user's scope). */
export function useRxDocument<K extends OknoCollectionName>(
  collection: K,
  id: string | null | undefined,
): LiveResult<RxDocument<OknoDocTypes[K]> | null> {
  return useRxQuery(
    (db) =>
      id
        ? (db[collection].findOne(id) as unknown as RxQuery<
            OknoDocTypes[K],
            RxDocument<OknoDocTypes[K]> | null
          >)
        : null,
    [collection, id],
  );
}

/**
 * A number that grows whenever the collection's documents change, at most once per `throttleMs`
 * (the first and the last change of a burst both count): a dependency that asks a read which is not a
 * live query (the search index, a count) to run again.
 */
export function useChangeCount(collection: OknoCollectionName, throttleMs: number): number {
  const db = useDatabase();
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    const subscription = db[collection].eventBulks$
      .pipe(throttleTime(throttleMs, undefined, { leading: true, trailing: true }))
      .subscribe(() => setChanges((n) => n + 1));
    return () => subscription.unsubscribe();
  }, [db, collection, throttleMs]);
  return changes;
}
