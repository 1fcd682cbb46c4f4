import { useEffect } from 'react';
import { anyDialogOpen, isTyping } from './keyboard';
import type { Navigation } from './navigation';

/**
 * Back from any screen: Alt+← (as in a browser, and in the desktop app where no browser does it) and
 * Esc on an appeal (outside a field or dialog, which Esc closes first).
 */
export function useBackKeys(navigation: Navigation): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || navigation.route.name === 'inbox') return;
      const altBack = event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'ArrowLeft';
      const escapeKey =
        event.key === 'Escape' &&
        navigation.route.name === 'appeal' &&
        !isTyping(event.target) &&
        !anyDialogOpen();
      if (!altBack && !escapeKey) return;
      if (altBack && isTyping(event.target)) return;
      event.preventDefault();
      navigation.back();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [navigation]);
}
