/**
 * The triage model kept on this computer (issue 13, renderer/app/triage-model.ts): the model and the
 * organisation's part fetched each with the ETag it holds, kept in IndexedDB across restarts, in force
 * offline; no model, no suggestion.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { IDBFactory } from 'fake-indexeddb';
import { OfflineTriage, TriageModelStore } from '../../../../renderer/app/triage-model';
import { readOrganisationTriage, readTriageModel } from '../../../../renderer/app/triage-model-copy';
import {
  type EngineRequest,
  inProcessEngine,
  newEngineState,
  serveTriage,
  suggestReception,
  workerEngine,
} from '../../../../renderer/app/triage-suggestion';
import { learnDecision, newDepartmentLearner } from '../../../../shared/triage/department-learner';
import { triageEvidence } from '../../../../shared/triage/evidence';
import { featuresOf } from '../../../../shared/triage/features';
import { shippedIncidentProbability } from '../../../../shared/triage/incident';
import { learnIncident, newIncidentLearner } from '../../../../shared/triage/incident-learner';
import { shippedModel, shippedModelFile } from '../../shared/triage/shipped-model';

const modelText = readFileSync(shippedModelFile, 'utf8');
const tokens = { accessToken: 'token-1' };
const at = Date.UTC(2026, 2, 10, 9);
const modelPath = '/api/v1/triage/desktop-model';
const learnerPath = '/api/v1/triage/desktop-learner';

const modelBody = `{"format":"okno-desktop-triage/2","model":${modelText}}`;
const learnerBody = (learner: unknown = null, incidentLearner: unknown = null) =>
  JSON.stringify({ format: 'okno-desktop-triage-learner/1', learner, incidentLearner, categoryMap: {} });

function learnerOf(text: string, departmentId: string) {
  const state = newDepartmentLearner();
  learnDecision(state, triageEvidence(shippedModel(), text), departmentId);
  return state;
}

/** A fake server: answers each path's `answers` in turn and records the requests' path and If-None-Match. */
function server(answers: Record<string, (Response | null)[]>) {
  const asked: [string, string | null][] = [];
  const fetchImpl = async (input: string, init?: RequestInit) => {
    asked.push([input, new Headers(init?.headers).get('if-none-match')]);
    const next = answers[input]?.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next;
  };
  return { asked, fetchImpl };
}

const ok = (text: string, etag: string) => new Response(text, { status: 200, headers: { etag } });
const unchanged = () => new Response(null, { status: 304 });

describe('the triage model on this computer', () => {
  it('has no copy before the first answer, and says so rather than guess', async () => {
    const offline = new OfflineTriage(new TriageModelStore(new IDBFactory()), inProcessEngine());
    expect(await offline.suggest('Третий день нет горячей воды в доме', [])).toBeNull();
    expect(offline.state('user-1').status).toBe('loading');
    await offline.load('user-1');
    expect(offline.state('user-1').status).toBe('none');
    const { asked, fetchImpl } = server({});
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(false);
    expect(offline.state('user-1').status).toBe('none');
    // Offline: the second part is not asked in vain.
    expect(asked).toEqual([[modelPath, null]]);
  });

  it('keeps both answers, asks again with each ETag (304: nothing downloaded), and finds them after a restart', async () => {
    const factory = new IDBFactory();
    const offline = new OfflineTriage(new TriageModelStore(factory), inProcessEngine(), () => at);
    const { asked, fetchImpl } = server({
      [modelPath]: [ok(modelBody, '"m1"'), unchanged()],
      [learnerPath]: [ok(learnerBody(), '"l1"'), unchanged()],
    });
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(true);
    expect(offline.state('user-1')).toEqual({ status: 'ready', receivedAt: at });
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(false);
    expect(asked).toEqual([
      [modelPath, null],
      [learnerPath, null],
      [modelPath, '"m1"'],
      [learnerPath, '"l1"'],
    ]);
    // A restart: a new window, the same IndexedDB, no network.
    const restarted = new OfflineTriage(new TriageModelStore(factory), inProcessEngine());
    const offlineServer = server({});
    await restarted.refresh('user-1', tokens, offlineServer.fetchImpl);
    expect(offlineServer.asked).toEqual([[modelPath, '"m1"']]);
    expect(restarted.state('user-1')).toEqual({ status: 'ready', receivedAt: at });
    expect(await restarted.suggest('Третий день нет горячей воды в доме', [])).toMatchObject({
      incident: true,
    });
    // Another user of this computer has no copy of their own yet.
    await restarted.load('user-2');
    expect(restarted.state('user-2').status).toBe('none');
  });

  it('a decision changes only the organisation’s part: the model is not downloaded again, the new learner is used', async () => {
    const factory = new IDBFactory();
    const offline = new OfflineTriage(new TriageModelStore(factory), inProcessEngine(), () => at);
    const learnt = learnerOf('нет горячей воды в доме, течёт стояк', 'dept-utilities');
    const { asked, fetchImpl } = server({
      [modelPath]: [ok(modelBody, '"m1"'), unchanged()],
      [learnerPath]: [ok(learnerBody(), '"l1"'), ok(learnerBody(learnt), '"l2"')],
    });
    await offline.refresh('user-1', tokens, fetchImpl);
    const text = 'Третий день нет горячей воды в квартире';
    expect((await offline.suggest(text, ['dept-utilities']))?.department).toBeNull();
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(true);
    expect(asked.slice(2)).toEqual([
      [modelPath, '"m1"'],
      [learnerPath, '"l1"'],
    ]);
    expect((await offline.suggest(text, ['dept-utilities']))?.department).toMatchObject({
      id: 'dept-utilities',
    });
    // Kept: after a restart the new learner is in force with the model kept before.
    const restarted = new OfflineTriage(new TriageModelStore(factory), inProcessEngine());
    await restarted.load('user-1');
    expect((await restarted.suggest(text, ['dept-utilities']))?.department).toMatchObject({
      id: 'dept-utilities',
    });
  });

  it('does not keep an answer that is not a model, and the copy it had stays in force', async () => {
    const factory = new IDBFactory();
    const offline = new OfflineTriage(new TriageModelStore(factory), inProcessEngine(), () => at);
    const { fetchImpl } = server({
      [modelPath]: [ok(modelBody, '"m1"'), ok('{"format":"okno-desktop-triage/2","model":{}}', '"m2"')],
      [learnerPath]: [ok(learnerBody(), '"l1"'), ok('{"format":"other"}', '"l2"')],
    });
    await offline.refresh('user-1', tokens, fetchImpl);
    expect(await offline.refresh('user-1', tokens, fetchImpl)).toBe(false);
    expect(offline.state('user-1').status).toBe('ready');
    expect(readTriageModel('not json')).toBeNull();
    expect(readTriageModel(modelBody)).not.toBeNull();
    // The one-answer format of before is not a model any more.
    expect(readTriageModel(`{"format":"okno-desktop-triage/1","model":${modelText}}`)).toBeNull();
    expect(readOrganisationTriage(learnerBody())).toEqual({
      learner: undefined,
      incidentLearner: undefined,
      categoryMap: {},
      categoryDepartments: {},
    });
  });

  it('suggests a reception entry offline: working category, urgency and the learnt department among those allowed', () => {
    const model = readTriageModel(modelBody);
    const organisation = readOrganisationTriage(
      learnerBody(learnerOf('нет горячей воды в доме, течёт стояк', 'dept-utilities')),
    );
    expect(model).not.toBeNull();
    const copy = { ...organisation!, model: model! };
    const text = 'Третий день нет горячей воды, в квартире маленький ребёнок';
    const suggestion = suggestReception(copy, text, ['dept-utilities', 'dept-roads']);
    expect(suggestion).toMatchObject({
      incident: true,
      category: { code: 'utilities', subcategory: 'utilities.hot-water' },
      department: { id: 'dept-utilities' },
      urgency: { urgent: true },
    });
    // A department the official may not file into is not offered.
    expect(suggestReception(copy, text, ['dept-roads'])?.department).toBeNull();
    // Too little text to suggest from.
    expect(suggestReception(copy, 'вода', ['dept-utilities'])).toBeNull();
  });

  it('suggests a reception entry offline the category map’s responsible department before the learner knows such entries', () => {
    const model = readTriageModel(modelBody)!;
    const body = (learner: unknown) =>
      JSON.stringify({
        format: 'okno-desktop-triage-learner/1',
        learner,
        incidentLearner: null,
        categoryMap: {},
        categoryDepartments: { utilities: 'dept-utilities', 'utilities.hot-water': 'dept-heat' },
      });
    const text = 'Третий день нет горячей воды, в квартире маленький ребёнок';
    const fresh = readOrganisationTriage(body(null))!;
    expect(fresh.categoryDepartments).toEqual({
      utilities: 'dept-utilities',
      'utilities.hot-water': 'dept-heat',
    });
    // No learner: the subcategory's responsible department, saying where it came from.
    expect(
      suggestReception({ ...fresh, model }, text, ['dept-heat', 'dept-utilities'])?.department,
    ).toMatchObject({
      id: 'dept-heat',
      fromCategoryMap: true,
    });
    // A learner that knows only potholes is not confident about hot water: the map still leads.
    const roadsOnly = readOrganisationTriage(
      body(learnerOf('огромная яма на дороге, машины бьют колёса', 'dept-roads')),
    )!;
    expect(
      suggestReception({ ...roadsOnly, model }, text, ['dept-heat', 'dept-roads'])?.department,
    ).toMatchObject({ id: 'dept-heat', fromCategoryMap: true });
    // A learner that knows hot water is: its department, not the map's.
    const learnt = readOrganisationTriage(
      body(learnerOf('нет горячей воды в доме, течёт стояк', 'dept-utilities')),
    )!;
    expect(
      suggestReception({ ...learnt, model }, text, ['dept-heat', 'dept-utilities'])?.department,
    ).toMatchObject({ id: 'dept-utilities', fromCategoryMap: false });
  });

  it('suggests incident or not offline with the organisation’s incident learner', () => {
    const model = readTriageModel(modelBody)!;
    const text = 'Спасибо за ремонт дороги на улице Садовой';
    const incidents = newIncidentLearner();
    for (const thanks of [
      'Спасибо за ремонт дороги в селе Верхнем',
      'Спасибо за ремонт дороги на Лесной',
      'Благодарим за ремонт дороги на улице Гагарина',
      'Спасибо за ремонт дорожного покрытия на Мира',
      'Спасибо за ремонт дороги к кладбищу',
    ])
      learnIncident(
        incidents,
        [...featuresOf(thanks, false).stems],
        shippedIncidentProbability(shippedModel(), thanks),
        false,
      );
    const without = readOrganisationTriage(learnerBody())!;
    const withLearner = readOrganisationTriage(learnerBody(null, incidents))!;
    expect(suggestReception({ ...without, model }, text, [])?.incident).toBe(true);
    expect(suggestReception({ ...withLearner, model }, text, [])?.incident).toBe(false);
  });

  it('loads and asks the model through the worker protocol, keeping the loaded model over a broken answer', async () => {
    const state = newEngineState();
    const worker = {
      onmessage: null as ((event: { data: unknown }) => void) | null,
      postMessage(request: EngineRequest) {
        queueMicrotask(() => worker.onmessage?.({ data: serveTriage(state, request) }));
      },
    };
    const engine = workerEngine(worker as unknown as Worker);
    expect(await engine.suggest('Третий день нет горячей воды в доме', [])).toBeNull();
    expect(await engine.load('model', modelBody)).toBe(true);
    expect(await engine.load('model', '{"format":"okno-desktop-triage/2","model":{}}')).toBe(false);
    expect(await engine.load('organisation', learnerBody())).toBe(true);
    expect(await engine.suggest('Третий день нет горячей воды в доме', [])).toMatchObject({
      category: { code: 'utilities' },
    });
  });
});
