/**
 * The inbox's keyboard: j/k or the arrows move the selection, Enter opens the selected appeal, r
 * answers it, a assigns it, / goes to the search — by key position, so the Russian layout works too
 * (о/л, к, ф, «.»). Keys typed into a field, on a control or inside a dialog are theirs, not the
 * inbox's; a hidden inbox (an appeal open over it) hears none.
 */
import { type RefObject, useEffect } from 'react';
import { anyDialogOpen, isControl, isTyping, keyAt } from '../../app/keyboard';
import type { Navigation } from '../../app/navigation';

interface InboxKeyboard {
  active: boolean;
  navigation: Navigation;
  selectedId: string | null;
  /** Moves the selection by rows (negative: up). */
  move: (delta: number) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function useInboxKeyboard({ active, navigation, selectedId, move, searchRef }: InboxKeyboard): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.defaultPrevented || anyDialogOpen()) return;
      const key = keyAt(event);
      if (key === 'j' || key === 'ArrowDown') move(1);
      else if (key === 'k' || key === 'ArrowUp') move(-1);
      else if (key === 'Enter' && selectedId && !isControl(event.target)) navigation.openAppeal(selectedId);
      else if (key === 'r' && selectedId) navigation.openAppeal(selectedId, 'reply');
      else if (key === 'a' && selectedId) navigation.openAppeal(selectedId, 'assign');
      else if (key === '/') searchRef.current?.focus();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [active, move, navigation, selectedId, searchRef]);
}
