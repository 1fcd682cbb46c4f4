/**
 * The triage model in its own thread (issue 13): loading it takes a few hundred milliseconds and a first
 * suggestion tens — more than a frame of the reception form (triage-suggestion.ts).
 */
import { type EngineRequest, newEngineState, serveTriage } from './triage-suggestion';

const state = newEngineState();

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  try {
    self.postMessage(serveTriage(state, event.data));
  } catch {
    self.postMessage({ id: event.data.id, value: event.data.kind === 'load' ? false : null });
  }
};
