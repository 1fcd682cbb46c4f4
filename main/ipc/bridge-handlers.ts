import type { IpcMain, IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { bridgeArgumentValidators } from '../../shared/bridge/arguments';
import {
  type BridgeArgs,
  type BridgeEventName,
  type BridgeEventPayload,
  type BridgeMethodPath,
  type BridgeResult,
  bridgeChannel,
  bridgeEventChannel,
  bridgeMethodPaths,
} from '../../shared/bridge/channels';

/** Who is calling: the window's WebContents (for dialogs and printing parented to it). */
export interface BridgeCallContext {
  readonly sender: WebContents;
}

/** main/'s implementation of OknoBridge: one handler per method path, typed by the interface. */
export type BridgeHandlers = {
  [P in BridgeMethodPath]: (
    context: BridgeCallContext,
    ...args: BridgeArgs<P>
  ) => BridgeResult<P> | Promise<BridgeResult<P>>;
};

class BridgeCallRefused extends Error {
  constructor(
    readonly channel: string,
    readonly reason: 'untrusted-sender' | 'invalid-arguments',
  ) {
    super(`okno: ${channel} refused (${reason})`);
    this.name = 'BridgeCallRefused';
  }
}

/**
 * Registers every bridge method on ipcMain. Each call is refused unless its sender frame is trusted and
 * its arguments pass the method's validator; the handler only ever sees checked, typed arguments.
 * Returns a function that removes the handlers again.
 */
export function registerBridgeHandlers(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  handlers: BridgeHandlers,
  isTrustedSender: (frame: WebFrameMain | null) => boolean,
): () => void {
  for (const path of bridgeMethodPaths) {
    const channel = bridgeChannel(path);
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      if (!isTrustedSender(event.senderFrame)) throw new BridgeCallRefused(channel, 'untrusted-sender');
      const checked = bridgeArgumentValidators[path](args);
      if (checked === null) throw new BridgeCallRefused(channel, 'invalid-arguments');
      // The mapped types cannot tie `path` to its own handler and arguments inside a loop.
      const handler = handlers[path] as (context: BridgeCallContext, ...args: unknown[]) => unknown;
      return handler({ sender: event.sender }, ...checked);
    });
  }
  return () => {
    for (const path of bridgeMethodPaths) ipcMain.removeHandler(bridgeChannel(path));
  };
}

/** Pushes a bridge event (e.g. "open this appeal") to a window. */
export function sendBridgeEvent<E extends BridgeEventName>(
  contents: Pick<WebContents, 'send' | 'isDestroyed'>,
  name: E,
  payload: BridgeEventPayload<E>,
): void {
  if (!contents.isDestroyed()) contents.send(bridgeEventChannel(name), payload);
}
