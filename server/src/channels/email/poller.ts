/** IMAP inbound (written next). */
import type { PollingAdapter } from '../polling';
import { sleep } from '../polling';

export const emailPolling: PollingAdapter = {
  async pollOnce(_deps, _account, _state, signal) {
    await sleep(30_000, signal);
  },
};
