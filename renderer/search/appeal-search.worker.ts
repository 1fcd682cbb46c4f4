/**
 * The search index in its own thread: building it stems every appeal's text (seconds of work at
 * 100,000 appeals), and a search or a count walks every projection — neither may hold up the window.
 */
import { type SearchEngine, serve, type WorkerRequest } from './search-engine';

const state: { engine: SearchEngine | null } = { engine: null };

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  try {
    const answer = serve(state, event.data);
    if (answer) self.postMessage(answer);
  } catch (error) {
    if ('id' in event.data) self.postMessage({ id: event.data.id, error: String(error) });
  }
};
