/**
 * Keyboard helpers of the whole window. Shortcuts go by key position (KeyboardEvent.code), so `j`
 * is the same key in the Russian layout («о») and Ctrl+K works as Ctrl+Л.
 */

/** A key typed into a text field is the field's. */
export function isTyping(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return (
    !!element && (element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.isContentEditable)
  );
}

/**
 * Enter on a button, link, menu or other control (a saved view, the sync chip, «Выйти») is that
 * control's. Inside a dialog (one still fading in too) the keyboard is the dialog's.
 */
export function isControl(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element?.closest?.(
    'button, a[href], select, summary, [role="button"], [role="link"], [role="menuitem"], [role="checkbox"], [role="radio"], [role="switch"], [role="tab"], [role="combobox"], [role="dialog"]',
  );
}

/** A visible dialog (the profile drawer stays mounted while closed) owns the keyboard. */
export function anyDialogOpen(): boolean {
  return [...document.querySelectorAll<HTMLElement>('[role="dialog"], [role="menu"]')].some((element) =>
    element.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
  );
}

/** The letter key at this position on a Latin keyboard (`KeyJ` → `j`), else the key itself. */
export function keyAt(event: Pick<KeyboardEvent, 'code' | 'key'>): string {
  const letter = /^Key([A-Z])$/.exec(event.code);
  if (letter) return letter[1]!.toLowerCase();
  if (event.code === 'Slash') return '/';
  return event.key;
}

/** Ctrl+K (⌘K on a Mac) in any layout: the command palette. */
export const isPaletteKey = (event: KeyboardEvent): boolean =>
  (event.ctrlKey || event.metaKey) && !event.altKey && keyAt(event) === 'k';
