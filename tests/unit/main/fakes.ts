import { EventEmitter } from 'node:events';
import type { WebContents } from 'electron';
import { vi } from 'vitest';

/** A WebContents stand-in: real events, recorded window-open handler. */
export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly reload = vi.fn();
  readonly send = vi.fn();
  readonly closeDevTools = vi.fn();
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return this.destroyed;
  }
  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

/** An Electron-style event whose default can be prevented. */
export function navigationEvent(url: string) {
  return { url, defaultPrevented: false, preventDefault: vi.fn() };
}
