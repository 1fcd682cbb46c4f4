import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  type BridgeArgs,
  type BridgeMethodPath,
  type BridgeResult,
  bridgeChannel,
  bridgeEventChannel,
} from '../shared/bridge/channels';
import type { OknoBridge, UpdateState } from '../shared/bridge/okno-bridge';

// The preload runs sandboxed: it may use only `electron`'s renderer modules, and it hands the window
// nothing but this one object — never ipcRenderer itself, never a generic "send any channel" function.

function invoke<P extends BridgeMethodPath>(path: P, ...args: BridgeArgs<P>): Promise<BridgeResult<P>> {
  return ipcRenderer.invoke(bridgeChannel(path), ...args);
}

export const bridge = {
  platform: 'electron',
  getAppInfo: () => invoke('getAppInfo'),
  secureStore: {
    isAvailable: () => invoke('secureStore.isAvailable'),
    setRefreshToken: (token) => invoke('secureStore.setRefreshToken', token),
    getRefreshToken: () => invoke('secureStore.getRefreshToken'),
  },
  server: {
    current: () => invoke('server.current'),
    choose: (address) => invoke('server.choose', address),
    forget: () => invoke('server.forget'),
  },
  notify: (notification) => invoke('notify', notification),
  setDueCount: (count) => invoke('setDueCount', count),
  printAppeal: (document) => invoke('printAppeal', document),
  saveAsPdf: (document, suggestedName) => invoke('saveAsPdf', document, suggestedName),
  updates: {
    state: () => invoke('updates.state'),
    check: () => invoke('updates.check'),
    report: (session) => invoke('updates.report', session),
  },
  onUpdateState: (listener) => {
    const channel = bridgeEventChannel('onUpdateState');
    const forward = (_event: IpcRendererEvent, state: UpdateState) => listener(state);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
  onOpenAppeal: (listener) => {
    const channel = bridgeEventChannel('onOpenAppeal');
    const forward = (_event: IpcRendererEvent, appealId: unknown) => {
      if (typeof appealId === 'string') listener(appealId);
    };
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },
} satisfies OknoBridge;

contextBridge.exposeInMainWorld('okno', bridge);
