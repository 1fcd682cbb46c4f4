import type { OknoBridge, PrintOutcome } from '../../shared/bridge/okno-bridge';

/**
 * The bridge in the Electron window: the preload's object, with one rule added on this side — an OS
 * feature that fails (a refused IPC call, a missing tray) must never break the work in the window, so
 * failures of fire-and-forget calls are logged, and print failures come back as an outcome.
 */
export function createElectronBridge(exposed: OknoBridge): OknoBridge {
  const logged =
    <A extends unknown[]>(call: (...args: A) => Promise<void>) =>
    async (...args: A): Promise<void> => {
      try {
        await call(...args);
      } catch (error) {
        console.warn('okno: bridge call failed', error);
      }
    };
  const asOutcome =
    <A extends unknown[]>(call: (...args: A) => Promise<PrintOutcome>) =>
    async (...args: A): Promise<PrintOutcome> => {
      try {
        return await call(...args);
      } catch (error) {
        return { status: 'failed', message: String(error) };
      }
    };

  return {
    platform: 'electron',
    getAppInfo: () => exposed.getAppInfo(),
    secureStore: exposed.secureStore,
    server: exposed.server,
    notify: logged((notification) => exposed.notify(notification)),
    setDueCount: logged((count) => exposed.setDueCount(count)),
    printAppeal: asOutcome((document) => exposed.printAppeal(document)),
    saveAsPdf: asOutcome((document, suggestedName) => exposed.saveAsPdf(document, suggestedName)),
    updates: {
      state: () => exposed.updates.state(),
      check: () => exposed.updates.check(),
      report: logged((session) => exposed.updates.report(session)),
    },
    onOpenAppeal: (listener) => exposed.onOpenAppeal(listener),
    onUpdateState: (listener) => exposed.onUpdateState(listener),
  };
}
