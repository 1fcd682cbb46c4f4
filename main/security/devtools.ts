import type { Input, MenuItemConstructorOptions, WebContents } from 'electron';

/**
 * A packaged Okno never opens DevTools: from them anyone at an official's desk could read the access
 * token, call the API by hand and read revealed passports. The windows get `devTools: false`
 * (window-options.ts); on top of that the shortcuts are swallowed, the menu has no such item, and
 * DevTools opened by any other way are closed at once. Development builds keep all of it.
 */
const inspectorKeys = new Set(['KeyI', 'KeyJ', 'KeyC']);

/** F12, Ctrl+Shift+I/J/C, Cmd+Alt+I/J/C — by physical key, so a Russian layout (Ш, О, С) counts too. */
export function isDevToolsShortcut(
  input: Pick<Input, 'code' | 'control' | 'meta' | 'shift' | 'alt'>,
): boolean {
  if (input.code === 'F12') return true;
  if (!inspectorKeys.has(input.code)) return false;
  return ((input.control || input.meta) && input.shift) || (input.meta && input.alt);
}

export function lockDevTools(contents: WebContents): void {
  contents.on('before-input-event', (event, input) => {
    if (isDevToolsShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
}

export interface PackagedMenuLabels {
  readonly file: string;
  readonly edit: string;
  readonly view: string;
  readonly window: string;
}

/**
 * Electron's default menu without its reload and DevTools items (its View menu has both): editing
 * (needed on macOS for copy and paste), zoom (people who need larger text) and the window.
 */
export function packagedMenuTemplate(
  platform: NodeJS.Platform,
  labels: PackagedMenuLabels,
): MenuItemConstructorOptions[] {
  const view: MenuItemConstructorOptions = {
    label: labels.view,
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    platform === 'darwin' ? { role: 'appMenu' } : { role: 'fileMenu', label: labels.file },
    { role: 'editMenu', label: labels.edit },
    view,
    { role: 'windowMenu', label: labels.window },
  ];
}
