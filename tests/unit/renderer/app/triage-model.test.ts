/**
 * The triage model kept on this computer (issue 13, renderer/app/triage-model.ts): fetched with the
 * ETag it holds, kept in IndexedDB across restarts, in force offline; no copy, no suggestion.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { OfflineTriage, TriageModelStore } from '../../../../renderer/app/triage-model';
import type { TriageModelCopy } from '../../../../renderer/app/triage-model-copy';
import { readTriageModel } from '../../../../renderer/app/triage-model-copy';
import {
  type EngineRequest,
  inProcessEngine,
  serveTriage,
  suggestReception,
  workerEngine,
} from '../../../../renderer/app/triage-suggestion';
import { learnDecision, newDepartmentLearner } from '../../../../shared/triage/department-learner';
import { triageEvidence } from '../../../../shared/triage/evidence';
import { shippedModel, shippedModelFile } from '../../shared/triage/shipped-model';

const modelText = readFileSync(shippedModelFile, 'utf8');
const tokens = { accessToken: 'token-1' };
const at = Date.UTC(2026, 2, 10, 9);

function body(learner: unknown = null): string {
  return `{"format":"okno-desktop-triage/1","model":${modelText},"learner":${JSON.stringify(learner)},"categoryMap":{}}`;
}

function learnerOf(text: string, departmentId: string) {
  const state = newDepartmentLearner();
  learnDecision(state, triageEvidence(shippedModel(), text), departmentId);
  return state;
}

/** A fake server: answers `answers` in turn and records the requests' If-None-Match. */
function server(answers: (Response | null)[]) {
  const asked: (string | null)[] = [];
  const fetchImpl = async (_input: string, init?: RequestInit) => {
    asked.push(new Headers(init?.headers).get('if-none-match'));
    const next = answers.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next;
  };
  return { asked, fetchImpl };
}

const ok = (text: string, etag: string) => new Response(text, { status: 200, headers: { etag } });

describe('the triage model on this computer', () => {
  it('has no copy before the first answer, and says so rather than guess', async () => {
    const offline = new OfflineTriage(new TriageModelStore(new IDBFactory()), inProcessEngine());
    expect(await offline.suggest('Третий день нет горячей воды в доме', [])).toBeNull();
    expect(offline.state('user-1').status).toBe('loading');
    await offline.load('user-1');
    expect(offline.state('user-1').status).toBe('none');
    const { fetchImpl } = server([null]);
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(false);
    expect(offline.state('user-1').status).toBe('none');
  });

  it('keeps the answer, asks again with its ETag (304: nothing downloaded), and finds it after a restart', async () => {
    const factory = new IDBFactory();
    const offline = new OfflineTriage(new TriageModelStore(factory), inProcessEngine(), () => at);
    const { asked, fetchImpl } = server([ok(body(), '"v1"'), new Response(null, { status: 304 })]);
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(true);
    expect(offline.state('user-1')).toEqual({ status: 'ready', receivedAt: at });
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(false);
    expect(asked).toEqual([null, '"v1"']);
    // A restart: a new window, the same IndexedDB, no network.
    const restarted = new OfflineTriage(new TriageModelStore(factory), inProcessEngine());
    const offlineServer = server([null]);
    await restarted.refresh('user-1', tokens, offlineServer.fetchImpl);
    expect(offlineServer.asked).toEqual(['"v1"']);
    expect(restarted.state('user-1')).toEqual({ status: 'ready', receivedAt: at });
    expect(await restarted.suggest('Третий день нет горячей воды в доме', [])).toMatchObject({
      incident: true,
    });
    // Another user of this computer has no copy of their own yet.
    await restarted.load('user-2');
    expect(restarted.state('user-2').status).toBe('none');
  });

  it('does not keep an answer that is not a model, and the copy it had stays in force', async () => {
    const factory = new IDBFactory();
    const offline = new OfflineTriage(new TriageModelStore(factory), inProcessEngine(), () => at);
    const { fetchImpl } = server([
      ok(body(), '"v1"'),
      ok('{"format":"okno-desktop-triage/1","model":{}}', '"v2"'),
    ]);
    await offline.refresh('user-1', tokens, fetchImpl);
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(false);
    expect(offline.state('user-1').status).toBe('ready');
    expect(readTriageModel('not json')).toBeNull();
    expect(readTriageModel(body())).not.toBeNull();
  });

  it('suggests a reception entry offline: working category, urgency and the learnt department among those allowed', () => {
    const copy = readTriageModel(body(learnerOf('нет горячей воды в доме, течёт стояк', 'dept-utilities')));
    expect(copy).not.toBeNull();
    const text = 'Третий день нет горячей воды, в квартире маленький ребёнок';
    const suggestion = suggestReception(copy!, text, ['dept-utilities', 'dept-roads']);
    expect(suggestion).toMatchObject({
      incident: true,
      category: { code: 'utilities', subcategory: 'utilities.hot-water' },
      department: { id: 'dept-utilities' },
      urgency: { urgent: true },
    });
    // A department the official may not file into is not offered.
    expect(suggestReception(copy!, text, ['dept-roads'])?.department).toBeNull();
    // Too little text to suggest from.
    expect(suggestReception(copy!, 'вода', ['dept-utilities'])).toBeNull();
  });

  it('loads and asks the model through the worker protocol, keeping the loaded model over a broken answer', async () => {
    const state: { copy: TriageModelCopy | null } = { copy: null };
    const worker = {
      onmessage: null as ((event: { data: unknown }) => void) | null,
      postMessage(request: EngineRequest) {
        queueMicrotask(() => worker.onmessage?.({ data: serveTriage(state, request) }));
      },
    };
    const engine = workerEngine(worker as unknown as Worker);
    expect(await engine.suggest('Третий день нет горячей воды в доме', [])).toBeNull();
    expect(await engine.load(body())).toBe(true);
    expect(await engine.load('{"format":"okno-desktop-triage/1","model":{}}')).toBe(false);
    expect(await engine.suggest('Третий день нет горячей воды в доме', [])).toMatchObject({
      category: { code: 'utilities' },
    });
  });
});
