import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/**
 * The window's web preferences, each set explicitly even where it is Electron's default, so that a
 * future default change or a careless edit shows up in review and in tests/unit/main.
 */
export function secureWebPreferences(preload: string | undefined, devTools = false): WebPreferences {
  return {
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
    ...(preload ? { preload } : {}),
  };
}

export interface WindowBounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

export function mainWindowOptions(options: {
  preload: string;
  bounds: WindowBounds;
  icon?: string;
  /** Development builds only (`!app.isPackaged`): a packaged app never opens DevTools (devtools.ts). */
  devTools?: boolean;
}): BrowserWindowConstructorOptions {
  return {
    ...options.bounds,
    minWidth: 900,
    minHeight: 600,
    title: 'Okno',
    show: false,
    backgroundColor: '#f5f5f5',
    ...(options.icon ? { icon: options.icon } : {}),
    webPreferences: secureWebPreferences(options.preload, options.devTools ?? false),
  };
}

/**
 * The hidden window that renders an appeal card or an answer letter for printing: no preload (it gets
 * no bridge at all) and no JavaScript — the document is data from citizens and must never run.
 */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: { ...secureWebPreferences(undefined), javascript: false, spellcheck: false },
  };
}
