/**
 * The search index in its own thread: building it stems every appeal's text (seconds of work at
 * 100,000 appeals), reading or saving it moves megabytes, and a search or a count walks every
 * projection — none of it may hold up the window.
 */
import { SearchHost, type SnapshotRequest, type WorkerRequest } from './search-engine';

const host = new SearchHost();

self.onmessage = (event: MessageEvent<WorkerRequest | SnapshotRequest>) => {
  host.handle(event.data).then(
    (answer) => {
      if (answer) self.postMessage(answer);
    },
    (error: unknown) => {
      if ('id' in event.data) self.postMessage({ id: event.data.id, error: String(error) });
    },
  );
};
