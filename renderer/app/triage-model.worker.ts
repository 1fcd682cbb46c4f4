/**
 * The triage model in its own thread (issue 13): loading it takes a few hundred milliseconds and a first
 * suggestion tens — more than a frame of the reception form (triage-suggestion.ts).
 */
import type { TriageModelCopy } from './triage-model-copy';
import { type EngineRequest, serveTriage } from './triage-suggestion';

const state: { copy: TriageModelCopy | null } = { copy: null };

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  try {
    self.postMessage(serveTriage(state, event.data));
  } catch {
    self.postMessage({ id: event.data.id, value: event.data.kind === 'load' ? false : null });
  }
};
