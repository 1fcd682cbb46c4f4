import { describe, expect, it } from 'vitest';
import { featuresOf } from '../../../../shared/triage/features';
import { shippedIncidentProbability } from '../../../../shared/triage/incident';
import {
  type IncidentLearnerState,
  learnIncident,
  newIncidentLearner,
} from '../../../../shared/triage/incident-learner';
import { suggestTriage } from '../../../../shared/triage/suggest';
import { shippedModel } from './shipped-model';

/** One person's decision on a message, as the server learns it (server/src/triage). */
function decide(learner: IncidentLearnerState, text: string, incident: boolean): void {
  learnIncident(
    learner,
    [...featuresOf(text, false).stems],
    shippedIncidentProbability(shippedModel(), text),
    incident,
  );
}

const incidentOf = (text: string, learner?: IncidentLearnerState) =>
  suggestTriage(shippedModel(), text, undefined, learner).incident;

describe('the incident-or-not learner of one organisation', () => {
  it('follows the organisation when it closes thanks for a repair as no incident', () => {
    const text = 'Спасибо за ремонт дороги на улице Садовой';
    // The shipped heads read a repaired road as a problem.
    expect(incidentOf(text).value).toBe(true);
    const learner = newIncidentLearner();
    expect(incidentOf(text, learner)).toEqual(incidentOf(text));
    for (const thanks of [
      'Спасибо за ремонт дороги в селе Верхнем',
      'Спасибо за ремонт дороги на Лесной',
      'Благодарим за ремонт дороги на улице Гагарина',
      'Спасибо за ремонт дорожного покрытия на Мира',
      'Спасибо за ремонт дороги к кладбищу',
    ])
      decide(learner, thanks, false);
    // …while it takes complaints about the same roads for incidents, as every day.
    for (const complaint of [
      'Когда будет ремонт дороги на Садовой, сплошные ямы',
      'Дорогу на Лесной обещали отремонтировать и не сделали',
    ])
      decide(learner, complaint, true);
    const after = incidentOf(text, learner);
    expect(after.value).toBe(false);
    expect(after.because).toContain('спасиб');
    // Problems that share a word with the thanks are still incidents.
    expect(incidentOf('Яма на дороге у школы', learner).value).toBe(true);
    expect(incidentOf('Не вывозят мусор во дворе уже неделю', learner).value).toBe(true);
    expect(incidentOf('Третий месяц обещают ремонт дороги, яма на яме', learner).value).toBe(true);
  });

  it('follows the organisation when it takes questions of a kind for incidents', () => {
    const text = 'Подскажите, когда откроют поликлинику';
    expect(incidentOf(text).value).toBe(false);
    const learner = newIncidentLearner();
    for (const question of [
      'Когда откроют поликлинику в Заречном?',
      'Почему до сих пор не открыли поликлинику на Садовой?',
      'Когда наконец откроют поликлинику, сколько можно ждать',
      'Поликлинику обещали открыть в мае, когда откроют?',
      'Когда откроется поликлиника на Мира?',
      'Скажите, когда откроют детскую поликлинику',
      'Сроки открытия поликлиники опять сдвинули?',
      'Когда откроют новую поликлинику в микрорайоне',
    ])
      decide(learner, question, true);
    const after = incidentOf(text, learner);
    expect(after.value).toBe(true);
    expect(after.because).toContain('поликлиник');
    // Another kind of question is untouched.
    expect(incidentOf('Когда будет приём граждан у главы района?', learner).value).toBe(false);
  });

  it('does not learn from a single decision what the heads hold strongly', () => {
    const learner = newIncidentLearner();
    decide(learner, 'Спасибо за ремонт дороги на улице Лесной', false);
    expect(incidentOf('Огромная яма на дороге на улице Лесной', learner).value).toBe(true);
  });

  it('keeps greetings and thanks alone out, and its state as JSON without words', () => {
    const learner = newIncidentLearner();
    decide(learner, 'Нет света в подъезде на Садовой', true);
    decide(learner, 'Спасибо вам!', false);
    expect(incidentOf('Спасибо большое!!!', learner).value).toBe(false);
    const json = JSON.stringify(learner);
    expect(json).not.toMatch(/[а-яё]/i);
    expect(learner.chosen).toEqual({ incident: 1, other: 1 });
    expect(JSON.parse(json)).toEqual(learner);
    expect(learner.decisions).toBe(2);
  });
});
