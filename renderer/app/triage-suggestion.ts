/**
 * Suggestions from the triage model on this computer (issue 13, triage-model.ts): the working category,
 * the department among those the official may file into, and urgency — the same suggestTriage the
 * server runs on arrival, with the organisation's learner, category mapping and the map's responsible
 * departments as last synced, so it works offline: before the learner is confident, the suggested
 * category's responsible department (shared/triage/department-choice.ts; a reception entry has no
 * channel, so no channel default). Loading the model takes a few hundred milliseconds and a first suggestion tens (measured
 * in Chromium), more than a frame: both run in a worker (triage-model.worker.ts), in-process only where
 * there is no Worker (node unit tests).
 */
import { departmentFromCategoryMap } from '../../shared/triage/reasons';
import { suggestTriage } from '../../shared/triage/suggest';
import { workingCategoryOf } from '../../shared/triage/working-category';
import {
  noOrganisationTriage,
  type OrganisationTriage,
  readOrganisationTriage,
  readTriageModel,
  type TriageModelCopy,
} from './triage-model-copy';

export interface ReceptionSuggestion {
  /** Triage's incident-or-not: false for thanks, a question for information, advertising… */
  readonly incident: boolean;
  /** A working category code (not «Прочее»), with the model's confidence. */
  readonly category: {
    readonly code: string;
    readonly subcategory: string;
    readonly confidence: number;
  } | null;
  /**
   * One of `departmentIds`, with its confidence; `fromCategoryMap` when it is the suggested category's
   * responsible department in the organisation's category map rather than the learner's.
   */
  readonly department: {
    readonly id: string;
    readonly confidence: number;
    readonly fromCategoryMap: boolean;
  } | null;
  readonly urgency: { readonly urgent: boolean; readonly signs: readonly string[] };
}

/** Shorter texts say too little to suggest from. */
const shortestText = 12;

export function suggestReception(
  copy: TriageModelCopy,
  text: string,
  departmentIds: readonly string[],
): ReceptionSuggestion | null {
  if (text.trim().length < shortestText) return null;
  const s = suggestTriage(copy.model, text, copy.learner, copy.incidentLearner, {
    categoryMap: copy.categoryMap,
    categoryDepartments: copy.categoryDepartments,
  });
  const top = s.category[0];
  const working = top ? workingCategoryOf(top.value, text, copy.categoryMap) : null;
  const department = s.department.find((d) => departmentIds.includes(d.value));
  return {
    incident: s.incident.value,
    category:
      top && working && working.category !== 'other'
        ? { code: working.category, subcategory: working.subcategory, confidence: top.confidence }
        : null,
    department: department
      ? {
          id: department.value,
          confidence: department.confidence,
          fromCategoryMap: department.because[0] === departmentFromCategoryMap,
        }
      : null,
    urgency: { urgent: s.urgency.urgent, signs: s.urgency.signs },
  };
}

/** The two answers the desktop keeps (triage-model-copy.ts): the shipped model, the organisation's part. */
export type TriagePart = 'model' | 'organisation';

/** Where the model is loaded and asked: a worker in the window, in-process in tests. */
export interface TriageEngine {
  /** Loads a server answer of one part; false when it is not one (the one loaded before stays). */
  load(part: TriagePart, body: string): Promise<boolean>;
  /** Null before a model is loaded or for too short a text. */
  suggest(text: string, departmentIds: readonly string[]): Promise<ReceptionSuggestion | null>;
}

export type EngineRequest =
  | { readonly id: number; readonly kind: 'load'; readonly part: TriagePart; readonly body: string }
  | {
      readonly id: number;
      readonly kind: 'suggest';
      readonly text: string;
      readonly departmentIds: readonly string[];
    };
export type EngineAnswer = { readonly id: number; readonly value: boolean | ReceptionSuggestion | null };

/** What an engine holds: the model once loaded, and the organisation's part (empty until one came). */
export interface EngineState {
  model: TriageModelCopy['model'] | null;
  organisation: OrganisationTriage;
}

export const newEngineState = (): EngineState => ({ model: null, organisation: noOrganisationTriage });

/** One request against the engine's state (the worker's, or the in-process one). */
export function serveTriage(state: EngineState, request: EngineRequest): EngineAnswer {
  if (request.kind === 'load') {
    if (request.part === 'model') {
      const model = readTriageModel(request.body);
      if (model) state.model = model;
      return { id: request.id, value: model !== null };
    }
    const organisation = readOrganisationTriage(request.body);
    if (organisation) state.organisation = organisation;
    return { id: request.id, value: organisation !== null };
  }
  return {
    id: request.id,
    value: state.model
      ? suggestReception({ ...state.organisation, model: state.model }, request.text, request.departmentIds)
      : null,
  };
}

export function inProcessEngine(): TriageEngine {
  const state = newEngineState();
  let id = 0;
  return {
    load: async (part, body) => serveTriage(state, { id: ++id, kind: 'load', part, body }).value as boolean,
    suggest: async (text, departmentIds) =>
      serveTriage(state, { id: ++id, kind: 'suggest', text, departmentIds })
        .value as ReceptionSuggestion | null,
  };
}

export function workerEngine(worker: Worker): TriageEngine {
  const waiting = new Map<number, (value: EngineAnswer['value']) => void>();
  let id = 0;
  worker.onmessage = (event: MessageEvent<EngineAnswer>) => {
    waiting.get(event.data.id)?.(event.data.value);
    waiting.delete(event.data.id);
  };
  const ask = (request: EngineRequest) =>
    new Promise<EngineAnswer['value']>((resolve) => {
      waiting.set(request.id, resolve);
      worker.postMessage(request);
    });
  return {
    load: async (part, body) => (await ask({ id: ++id, kind: 'load', part, body })) === true,
    suggest: async (text, departmentIds) =>
      (await ask({
        id: ++id,
        kind: 'suggest',
        text,
        departmentIds: [...departmentIds],
      })) as ReceptionSuggestion | null,
  };
}
