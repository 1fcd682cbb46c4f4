import type { RenderProcessGoneDetails, WebContents } from 'electron';

export interface CrashRecoveryOptions {
  /** Give up after this many crashes within `windowMs` (a crash loop must not spin forever). */
  readonly maxCrashes: number;
  readonly windowMs: number;
  readonly now: () => number;
  readonly log: (message: string) => void;
  readonly onGiveUp: (details: RenderProcessGoneDetails) => void;
}

/**
 * When the renderer dies (crash, out of memory, killed), reload it. Nothing is lost: unsynced work is
 * written to IndexedDB before the UI shows it as done, and the reloaded window reopens that database.
 */
export function reloadWhenRendererGone(
  contents: Pick<WebContents, 'on' | 'reload' | 'isDestroyed'>,
  options: CrashRecoveryOptions,
): void {
  let crashes: number[] = [];
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit') return;
    const now = options.now();
    crashes = [...crashes.filter((at) => now - at < options.windowMs), now];
    options.log(`renderer gone (${details.reason}, exit code ${details.exitCode}); crash ${crashes.length}`);
    if (crashes.length > options.maxCrashes) {
      options.onGiveUp(details);
      return;
    }
    if (!contents.isDestroyed()) contents.reload();
  });
}
