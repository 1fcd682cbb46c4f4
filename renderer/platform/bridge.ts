import type { OknoBridge } from '../../shared/bridge/okno-bridge';
import { createElectronBridge } from './electron-bridge';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** Exposed by main/preload.ts in the Electron window; absent in a browser tab. */
    readonly okno?: OknoBridge;
  }
}

/**
 * The platform adapter for this window: the preload's bridge in Electron (calls go to main/ over IPC),
 * the web adapter in a browser tab. The rest of the renderer only ever sees `OknoBridge`.
 */
export function detectBridge(
  window: Window,
  version: string,
  defaultServer: string | null = null,
): OknoBridge {
  const exposed = window.okno;
  return exposed?.platform === 'electron'
    ? createElectronBridge(exposed)
    : createWebBridge({ window, version, defaultServer });
}
