/**
 * The inbox's keyboard: Ctrl/⌘+K opens the palette; j/k or the arrows move the selection, Enter opens
 * the selected appeal, r answers it, a assigns it, / goes to the search. Keys typed into a field, on a
 * control or inside a dialog are theirs, not the inbox's.
 */
import { type RefObject, useEffect } from 'react';
import type { Navigation } from '../../app/navigation';

function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return (
    !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.isContentEditable)
  );
}

/**
 * Enter on a button, link, menu or other control (a saved view, the sync chip, «Выйти») is that
 * control's: it must not also open the selected appeal. Inside a dialog (one still fading in too)
 * the keyboard is the dialog's.
 */
function isControl(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element?.closest?.(
    'button, a[href], select, summary, [role="button"], [role="link"], [role="menuitem"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="combobox"], [role="dialog"]',
  );
}

/** A visible dialog (the profile drawer stays mounted while closed) owns the keyboard. */
function anyDialogOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('[role="dialog"]')].some((element) =>
    element.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
  );
}

interface InboxKeyboard {
  navigation: Navigation;
  selectedId: string | null;
  /** Moves the selection by rows (negative: up). */
  move: (delta: number) => void;
  paletteOpen: boolean;
  /** A state setter: stable, so the listener is not re-added on every render. */
  setPaletteOpen: (open: boolean) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function useInboxKeyboard({
  navigation,
  selectedId,
  move,
  paletteOpen,
  setPaletteOpen,
  searchRef,
}: InboxKeyboard): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setPaletteOpen(true);
        return;
      }
      if (paletteOpen || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.defaultPrevented || anyDialogOpen()) return;
      const key = event.key;
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
  }, [move, navigation, selectedId, paletteOpen, setPaletteOpen, searchRef]);
}
