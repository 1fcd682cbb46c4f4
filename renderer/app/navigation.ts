/**
 * The window's one router: a stack of routes in memory, mirrored into the window's history so the
 * browser's Back button, the mouse's back button and Alt+← go back too (bindHistory). Features
 * navigate with `useNavigation()`; App renders the top route (RouteOutlet.tsx).
 */
import {
  createContext,
  createElement,
  type ReactNode,
  useContext,
  useMemo,
  useSyncExternalStore,
} from 'react';

/** What the appeal view should start with: the answer composer (`r`) or the assign dialog (`a`). */
export type AppealIntent = 'reply' | 'assign';

/**
 * The screens of the navigation rail, in its order. To add one: its id here and its entry (who sees
 * it, label, icon, screen) in `sections` of RouteOutlet.tsx — the type check asks for the entry.
 */
export const sectionIds = [
  'inbox',
  'reception',
  'supervisor',
  'triage',
  'workload',
  'reports',
  'analytics',
  'archive',
  'mailing',
  'templates',
  'quality',
  'admin',
] as const;
export type SectionId = (typeof sectionIds)[number];

export type Route =
  | { readonly name: SectionId }
  | { readonly name: 'appeal'; readonly appealId: string; readonly intent: AppealIntent | null };

export interface Navigation {
  readonly route: Route;
  /** Opens an appeal; `intent` asks the appeal view to open the composer or the assign dialog at once. */
  openAppeal(appealId: string, intent?: AppealIntent): void;
  /** A screen of the rail: the inbox is the bottom of the stack, any other screen sits on it. */
  openSection(section: SectionId): void;
  /** Back to the inbox, dropping the history. */
  openInbox(): void;
  /** The previous route (the inbox at the bottom of the stack). */
  back(): void;
}

const inbox: Route = { name: 'inbox' };

export interface NavigationStore {
  getSnapshot(): readonly Route[];
  subscribe(listener: () => void): () => void;
  push(route: Route): void;
  back(): void;
  reset(): void;
  /** Cuts the stack to its first `depth` routes (at least the inbox). */
  truncate(depth: number): void;
}

export function createNavigationStore(initial: readonly Route[] = [inbox]): NavigationStore {
  let stack: readonly Route[] = initial.length > 0 ? initial : [inbox];
  const listeners = new Set<() => void>();
  const set = (next: readonly Route[]) => {
    stack = next;
    for (const listener of listeners) listener();
  };
  return {
    getSnapshot: () => stack,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    push(route) {
      const top = stack.at(-1);
      // Opening the route on top again only updates it (e.g. another intent), never stacks a copy.
      const same =
        top &&
        top.name === route.name &&
        (top.name !== 'appeal' || route.name !== 'appeal' || top.appealId === route.appealId);
      set(same ? [...stack.slice(0, -1), route] : [...stack, route]);
    },
    back: () => set(stack.length > 1 ? stack.slice(0, -1) : [inbox]),
    reset: () => set([inbox]),
    truncate: (depth) => set(stack.slice(0, Math.max(1, depth))),
  };
}

/** The slice of `window.history` the binding uses. */
export interface HistoryLike {
  readonly state: unknown;
  pushState(state: unknown, unused: string): void;
  replaceState(state: unknown, unused: string): void;
}

const depthOf = (state: unknown): number =>
  typeof state === 'object' && state !== null && typeof (state as { okno?: unknown }).okno === 'number'
    ? (state as { okno: number }).okno
    : 1;

/**
 * Keeps the window's history as deep as the stack: each route pushed adds an entry, and the history
 * going back (Back button, mouse button, Alt+← in a browser) cuts the stack to the entry's depth. The
 * stack going back by itself (Esc, «Назад») leaves the extra entries, which a later Back skips over.
 */
export function bindHistory(
  store: NavigationStore,
  history: HistoryLike,
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
): () => void {
  history.replaceState({ okno: store.getSnapshot().length }, '');
  let depth = store.getSnapshot().length;
  const unsubscribe = store.subscribe(() => {
    const next = store.getSnapshot().length;
    if (next > depth) history.pushState({ okno: next }, '');
    else if (next < depth) history.replaceState({ okno: next }, '');
    depth = next;
  });
  const onPop = () => {
    const wanted = depthOf(history.state);
    if (wanted < store.getSnapshot().length) {
      depth = Math.max(1, wanted);
      store.truncate(wanted);
    } else history.replaceState({ okno: store.getSnapshot().length }, '');
  };
  target.addEventListener('popstate', onPop);
  return () => {
    unsubscribe();
    target.removeEventListener('popstate', onPop);
  };
}

const NavigationContext = createContext<NavigationStore | null>(null);

export function NavigationProvider({ store, children }: { store: NavigationStore; children: ReactNode }) {
  return createElement(NavigationContext.Provider, { value: store }, children);
}

export function useNavigation(): Navigation {
  const store = useContext(NavigationContext);
  if (!store) throw new Error('useNavigation() outside <NavigationProvider>');
  const stack = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const route = stack.at(-1) ?? inbox;
  return useMemo(
    () => ({
      route,
      openAppeal: (appealId, intent) => store.push({ name: 'appeal', appealId, intent: intent ?? null }),
      openSection: (section) => {
        store.reset();
        if (section !== 'inbox') store.push({ name: section });
      },
      openInbox: () => store.reset(),
      back: () => store.back(),
    }),
    [route, store],
  );
}
