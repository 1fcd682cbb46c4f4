/** Apple keyboards say ⌘; Linux and Windows ones say Ctrl (the palette opens with either). */
function isApplePlatform(userAgent: string): boolean {
  return /Mac|iPhone|iPad/.test(userAgent);
}

/** The command palette's shortcut as printed on this keyboard. */
export function paletteShortcut(userAgent: string): string {
  return isApplePlatform(userAgent) ? '⌘K' : 'Ctrl+K';
}
