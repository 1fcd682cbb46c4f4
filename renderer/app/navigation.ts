/**
 * The window's one router: a stack of routes in memory (a desktop app has no address bar to keep in
 * step). Features navigate with `useNavigation()`; App renders the top route (RouteOutlet.tsx).
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

export type Route =
  | { readonly name: 'inbox' }
  | { readonly name: 'appeal'; readonly appealId: string; readonly intent: AppealIntent | null }
  | { readonly name: 'reception' }
  | { readonly name: 'supervisor' };

export interface Navigation {
  readonly route: Route;
  /** Opens an appeal; `intent` asks the appeal view to open the composer or the assign dialog at once. */
  openAppeal(appealId: string, intent?: AppealIntent): void;
  openReception(): void;
  openSupervisor(): void;
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
      openReception: () => store.push({ name: 'reception' }),
      openSupervisor: () => store.push({ name: 'supervisor' }),
      openInbox: () => store.reset(),
      back: () => store.back(),
    }),
    [route, store],
  );
}
