import { describe, expect, it } from 'vitest';
import { bindHistory, createNavigationStore, type HistoryLike } from '../../../../renderer/app/navigation';

/** A window history as Chromium keeps it: entries, an index, popstate on traversal. */
function fakeWindow() {
  const entries: unknown[] = [null];
  let index = 0;
  const listeners = new Set<() => void>();
  const history: HistoryLike & { back(): void; length(): number } = {
    get state() {
      return entries[index];
    },
    pushState(state) {
      entries.splice(index + 1, entries.length, state);
      index += 1;
    },
    replaceState(state) {
      entries[index] = state;
    },
    back() {
      if (index === 0) return;
      index -= 1;
      for (const listener of listeners) listener();
    },
    length: () => entries.length,
  };
  const target = {
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
  } as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>;
  return { history, target };
}

describe('the navigation stack and the window history', () => {
  it('goes back from an appeal to the inbox with the browser’s Back button', () => {
    const store = createNavigationStore();
    const { history, target } = fakeWindow();
    bindHistory(store, history, target);
    store.push({ name: 'appeal', appealId: 'a1', intent: null });
    expect(store.getSnapshot().at(-1)).toMatchObject({ name: 'appeal' });
    history.back();
    expect(store.getSnapshot()).toEqual([{ name: 'inbox' }]);
  });

  it('goes back one screen at a time: appeal → reception → inbox', () => {
    const store = createNavigationStore();
    const { history, target } = fakeWindow();
    bindHistory(store, history, target);
    store.push({ name: 'reception' });
    store.push({ name: 'appeal', appealId: 'a1', intent: null });
    history.back();
    expect(store.getSnapshot().map((r) => r.name)).toEqual(['inbox', 'reception']);
    history.back();
    expect(store.getSnapshot().map((r) => r.name)).toEqual(['inbox']);
  });

  it('a Back after Esc already closed the appeal leaves the inbox where it is', () => {
    const store = createNavigationStore();
    const { history, target } = fakeWindow();
    bindHistory(store, history, target);
    store.push({ name: 'appeal', appealId: 'a1', intent: null });
    store.back();
    history.back();
    expect(store.getSnapshot()).toEqual([{ name: 'inbox' }]);
  });

  it('stops following the history once unbound (signed out)', () => {
    const store = createNavigationStore();
    const { history, target } = fakeWindow();
    const unbind = bindHistory(store, history, target);
    store.push({ name: 'supervisor' });
    unbind();
    history.back();
    expect(store.getSnapshot().map((r) => r.name)).toEqual(['inbox', 'supervisor']);
  });
});
