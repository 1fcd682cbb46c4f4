import { describe, expect, it } from 'vitest';
import {
  learnDecision,
  newDepartmentLearner,
  suggestDepartments,
} from '../../../../shared/triage/department-learner';
import { triageEvidence } from '../../../../shared/triage/evidence';
import { shippedModel } from './shipped-model';
import { portalCategory, teamSet } from './team-set';

// The organisation's own departments: the public data knows none of them.
const departmentOf: Record<string, string> = {
  potholes: 'dep-roads',
  snow: 'dep-roads',
  trafficLights: 'dep-roads',
  heating: 'dep-housing',
  water: 'dep-housing',
  manholes: 'dep-housing',
  lighting: 'dep-city',
  dump: 'dep-city',
  garbage: 'dep-city',
  trees: 'dep-city',
  animals: 'dep-city',
  playground: 'dep-city',
  transport: 'dep-transport',
  medicine: 'dep-health',
  power: 'dep-housing',
};

describe('the department learner of one organisation', () => {
  it('suggests nothing before the first decision', () => {
    expect(
      suggestDepartments(newDepartmentLearner(), triageEvidence(shippedModel(), 'Яма на дороге')),
    ).toEqual([]);
  });

  it('learns the organisation’s departments from decisions alone, one update each', () => {
    const keyOf = new Map(Object.entries(portalCategory).map(([key, name]) => [name as string, key]));
    const incidents = teamSet.filter((message) => message.category !== null);
    const learner = newDepartmentLearner();
    let hits = 0;
    incidents.forEach((message, i) => {
      const department = departmentOf[keyOf.get(message.category as string) as string] as string;
      const evidence = triageEvidence(shippedModel(), message.text);
      if (i >= incidents.length / 2 && suggestDepartments(learner, evidence, 1)[0]?.value === department)
        hits++;
      learnDecision(learner, evidence, department);
    });
    expect(learner.decisions).toBe(incidents.length);
    expect(hits / (incidents.length - Math.ceil(incidents.length / 2))).toBeGreaterThanOrEqual(0.7);
  });

  it('keeps its state as JSON without the words of the messages', () => {
    const learner = newDepartmentLearner();
    learnDecision(
      learner,
      triageEvidence(shippedModel(), 'Нет воды в доме на Садовой у котельной'),
      'dep-housing',
    );
    const json = JSON.stringify(learner);
    expect(json).not.toMatch(/садов|котельн/);
    const restored = JSON.parse(json);
    const evidence = triageEvidence(shippedModel(), 'Нет воды второй день');
    expect(suggestDepartments(restored, evidence)).toEqual(suggestDepartments(learner, evidence));
  });
});

describe('a department suggestion’s reason', () => {
  it('names the message’s stems that the organisation sent to that department', () => {
    const learner = newDepartmentLearner();
    for (let i = 0; i < 3; i++) {
      learnDecision(learner, triageEvidence(shippedModel(), 'Нет воды в доме, течёт кран'), 'dep-housing');
      learnDecision(learner, triageEvidence(shippedModel(), 'Яма на дороге у остановки'), 'dep-roads');
    }
    const [best] = suggestDepartments(learner, triageEvidence(shippedModel(), 'Опять нет воды'));
    expect(best?.value).toBe('dep-housing');
    expect(best?.because).toContain('вод');
    expect(best?.because).not.toContain('опя');
  });
});
