import type { App, Menu, NativeImage, Tray } from 'electron';

export interface DueTray {
  setDueCount(count: number): void;
}

export interface DueTrayTexts {
  idle: string;
  due: (count: number) => string;
  open: string;
  quit: string;
}

/**
 * The tray icon shows how many appeals are due today or overdue (tooltip, macOS title, and the
 * launcher/dock badge where the OS has one). Its menu opens the window or quits the app.
 */
export function createDueTray(deps: {
  createTray: (icon: NativeImage) => Tray;
  icon: NativeImage;
  app: Pick<App, 'setBadgeCount' | 'quit'>;
  buildMenu: (items: { label: string; click: () => void }[]) => Menu;
  showWindow: () => void;
  texts: DueTrayTexts;
}): DueTray {
  const tray = deps.createTray(deps.icon);
  tray.setContextMenu(
    deps.buildMenu([
      { label: deps.texts.open, click: deps.showWindow },
      { label: deps.texts.quit, click: () => deps.app.quit() },
    ]),
  );
  tray.on('click', deps.showWindow);

  function setDueCount(count: number) {
    tray.setToolTip(count > 0 ? deps.texts.due(count) : deps.texts.idle);
    if (process.platform === 'darwin') tray.setTitle(count > 0 ? String(count) : '');
    deps.app.setBadgeCount(count);
  }
  setDueCount(0);
  return { setDueCount };
}
