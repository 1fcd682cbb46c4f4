import { useEffect, useState } from 'react';
import type { OknoDatabase } from '../db/database';
import { AppealSearch, type IndexingProgress } from './appeal-search';
import { type SearchBackend, workerBackend } from './search-engine';

/** The index in a Web Worker where the window has them (always in the app); in-process otherwise. */
function backendFor(db: OknoDatabase): SearchBackend | undefined {
  if (typeof Worker === 'undefined') return undefined;
  const worker = new Worker(new URL('./appeal-search.worker.ts', import.meta.url), { type: 'module' });
  return workerBackend(worker, db.appeals.schema.jsonSchema);
}

const searches = new WeakMap<OknoDatabase, AppealSearch>();

/** The search index of a database: built once, in the background, and kept until the database closes. */
export function appealSearchOf(db: OknoDatabase): AppealSearch {
  let search = searches.get(db);
  if (!search) {
    const created = new AppealSearch(db.appeals, backendFor(db));
    search = created;
    searches.set(db, created);
    db.onClose.push(() => created.stop());
    void created.start();
  }
  return search;
}

export function useIndexingProgress(search: AppealSearch): IndexingProgress {
  const [progress, setProgress] = useState(search.progress$.value);
  useEffect(() => {
    const subscription = search.progress$.subscribe(setProgress);
    return () => subscription.unsubscribe();
  }, [search]);
  return progress;
}
