/**
 * The thematic classifier edition the desktop uses (closing an appeal asks for a question-level code;
 * the appeal's facts name it): the organisation's own, loaded by its administrator in «Классификатор»
 * and served by `GET /api/v1/classifier` (server/src/admin/classifier.ts), kept on this computer so an
 * official closes appeals offline too; until one arrives, or when the organisation has loaded none,
 * Okno's bundled sample edition. The copy is replaced whenever the server answers, checked by the same
 * loadClassifier the server checked it with.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { type ClassifierTree, loadClassifier, loadSampleClassifier } from '../../shared/domain/classifier';
import type { ApiResult, TokenSource } from '../api/client';
import { useServices } from './services';

const editionKey = 'okno.classifier.edition';
/** How often a signed-in desktop asks again, so a new edition reaches it without a restart. */
const classifierRefreshMs = 15 * 60 * 1000;

const sample = loadSampleClassifier();
const bundled: ClassifierTree | null = sample.ok ? sample.value : null;

let remembered: { storage: Storage; raw: string | null; tree: ClassifierTree | null } | null = null;
const listeners = new Set<() => void>();

/** The edition kept on this computer, or the bundled sample; the same object while the copy is unchanged. */
export function currentClassifier(storage: Storage): ClassifierTree | null {
  let raw: string | null = null;
  try {
    raw = storage.getItem(editionKey);
  } catch {
    raw = null;
  }
  if (remembered?.storage === storage && remembered.raw === raw) return remembered.tree;
  let tree = bundled;
  if (raw !== null) {
    try {
      const loaded = loadClassifier(JSON.parse(raw) as unknown);
      if (loaded.ok) tree = loaded.value;
    } catch {
      // A damaged copy is as good as none: the sample until the server answers again.
    }
  }
  remembered = { storage, raw, tree };
  return tree;
}

/**
 * Keeps the server's answer: an edition that loads replaces the copy, `null` (the organisation has
 * none) removes it. Answers whether the copy changed.
 */
export function keepClassifierEdition(storage: Storage, edition: unknown): boolean {
  const before = storage.getItem(editionKey);
  if (edition === null) {
    storage.removeItem(editionKey);
  } else {
    if (!loadClassifier(edition).ok) return false;
    try {
      storage.setItem(editionKey, JSON.stringify(edition));
    } catch {
      // Storage full: the desktop keeps what it had.
      return false;
    }
  }
  const changed = storage.getItem(editionKey) !== before;
  if (changed) for (const listener of listeners) listener();
  return changed;
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The classifier edition in force on this desktop (null only if the bundled sample were broken). */
export function useClassifier(): ClassifierTree | null {
  const { storage } = useServices();
  const snapshot = () => currentClassifier(storage);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

const isJson = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Asks the server for the organisation's edition now and every 15 minutes while signed in. */
export function useClassifierRefresh(tokens: TokenSource): void {
  const { api, storage } = useServices();
  useEffect(() => {
    const calls = api.authorised(tokens);
    let stopped = false;
    const refresh = async () => {
      const answer: ApiResult<unknown> = await calls.call('GET', '/api/v1/classifier');
      // Offline or refused: the copy on this computer stays in force.
      if (stopped || !answer.ok || !isJson(answer.value) || !('edition' in answer.value)) return;
      keepClassifierEdition(storage, answer.value.edition);
    };
    void refresh();
    const timer = setInterval(() => void refresh(), classifierRefreshMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api, storage, tokens]);
}
