import { describe, expect, it } from 'vitest';
import {
  channelDefaultConfidence,
  chooseDepartments,
  learnerConfidenceNeeded,
} from '../../../../shared/triage/department-choice';
import {
  learnDecision,
  learnerSupport,
  newDepartmentLearner,
} from '../../../../shared/triage/department-learner';
import { triageEvidence } from '../../../../shared/triage/evidence';
import { departmentFromCategoryMap, departmentFromChannel } from '../../../../shared/triage/reasons';
import { suggestTriage } from '../../../../shared/triage/suggest';
import { workingCategoryOf } from '../../../../shared/triage/working-category';
import { shippedModel } from './shipped-model';

const hotWater = 'Третий день нет горячей воды в доме, течёт стояк в подвале';
const pothole = 'На дороге по улице Садовой огромная яма, машины объезжают по встречке';

describe('the department suggestion’s order (learner, category map, channel default)', () => {
  const model = shippedModel();
  const evidence = (text: string) => triageEvidence(model, text);
  const topWorking = (text: string) => {
    const top = evidence(text).categories[0];
    if (!top) throw new Error('no category');
    return workingCategoryOf(top.value, text);
  };

  it('with no learner: the category map’s responsible department of the suggested category, saying so', () => {
    const { category } = topWorking(pothole);
    const [first] = chooseDepartments(evidence(pothole), pothole, undefined, {
      categoryDepartments: { [category]: 'dep-roads' },
      channelDefault: 'dep-default',
    });
    expect(first).toMatchObject({ value: 'dep-roads', because: [departmentFromCategoryMap] });
    expect(first?.confidence).toBeGreaterThan(0);
    expect(first?.confidence).toBeLessThanOrEqual(1);
  });

  it('a subcategory’s department wins over its category’s', () => {
    const { category, subcategory } = topWorking(hotWater);
    const [first] = chooseDepartments(evidence(hotWater), hotWater, undefined, {
      categoryDepartments: { [category]: 'dep-city', [subcategory]: 'dep-heat' },
    });
    expect(first?.value).toBe('dep-heat');
  });

  it('the map reads the organisation’s edited mapping: a portal row moved to another working category moves its department', () => {
    const top = evidence(pothole).categories[0]?.value as string;
    const [first] = chooseDepartments(evidence(pothole), pothole, undefined, {
      categoryMap: { [top]: 'courtyards.yard-repair' },
      categoryDepartments: { roads: 'dep-roads', courtyards: 'dep-yards' },
    });
    expect(first?.value).toBe('dep-yards');
  });

  it('without a responsible department for the category: the channel’s default, then nothing', () => {
    const e = evidence(pothole);
    expect(
      chooseDepartments(e, pothole, undefined, {
        categoryDepartments: { healthcare: 'dep-health' },
        channelDefault: 'dep-default',
      })[0],
    ).toEqual({
      value: 'dep-default',
      confidence: channelDefaultConfidence,
      because: [departmentFromChannel],
    });
    expect(chooseDepartments(e, pothole, undefined, {})).toEqual([]);
  });

  it('a confident learner comes first, over the map and the channel', () => {
    const learner = newDepartmentLearner();
    for (let i = 0; i < 3; i++) {
      learnDecision(learner, evidence(hotWater), 'dep-housing');
      learnDecision(learner, evidence(pothole), 'dep-roads-learnt');
    }
    const { category } = topWorking(hotWater);
    const chosen = chooseDepartments(evidence(hotWater), hotWater, learner, {
      categoryDepartments: { [category]: 'dep-mapped' },
      channelDefault: 'dep-default',
    });
    expect(chosen[0]?.value).toBe('dep-housing');
    expect(chosen[0]?.confidence).toBeGreaterThanOrEqual(learnerConfidenceNeeded);
    expect(chosen.map((d) => d.value)).not.toContain('dep-mapped');
  });

  it('a learner that knows only another kind of message is not confident: the map first, the learner after', () => {
    const learner = newDepartmentLearner();
    learnDecision(learner, evidence(hotWater), 'dep-housing');
    // One department known: the learner alone is 100 % sure of it for a pothole too…
    const { category } = topWorking(pothole);
    expect(learnerSupport(learner, evidence(pothole))).toBeLessThan(0.5);
    const chosen = chooseDepartments(evidence(pothole), pothole, learner, {
      categoryDepartments: { [category]: 'dep-roads' },
      channelDefault: 'dep-default',
    });
    // …but it has learnt nothing of potholes: the map's department leads, then the channel's, then it.
    expect(chosen.map((d) => d.value)).toEqual(['dep-roads', 'dep-default', 'dep-housing']);
    expect(chosen[0]?.because).toEqual([departmentFromCategoryMap]);
    // Without a map the channel's default leads (the day-one behaviour it had).
    expect(
      chooseDepartments(evidence(pothole), pothole, learner, { channelDefault: 'dep-default' }).map(
        (d) => d.value,
      ),
    ).toEqual(['dep-default', 'dep-housing']);
  });

  it('suggestTriage runs the same order (the server and the desktop’s worker both call it)', () => {
    const { category } = topWorking(pothole);
    const s = suggestTriage(model, pothole, undefined, undefined, {
      categoryDepartments: { [category]: 'dep-roads' },
    });
    expect(s.department[0]).toMatchObject({ value: 'dep-roads', because: [departmentFromCategoryMap] });
    expect(suggestTriage(model, pothole).department).toEqual([]);
  });
});
