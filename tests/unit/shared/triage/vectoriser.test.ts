import { describe, expect, it } from 'vitest';
import { featuresOf, hashFeature } from '../../../../shared/triage/features';
import { fitVectoriser, vectorise } from '../../../../shared/triage/vectoriser';

describe('fitVectoriser', () => {
  const texts = [
    'яма на дороге у дома Кривошеина',
    'яма на дороге возле школы',
    'глубокая яма на дороге',
    'нет воды в доме',
  ];
  const vectoriser = fitVectoriser(
    texts.map((text) => featuresOf(text)),
    3,
  );

  it('keeps only features seen in at least minDocuments texts', () => {
    expect(vectoriser.indexOf.has(hashFeature('w ям'))).toBe(true);
    expect(vectoriser.indexOf.has(hashFeature('w дорог'))).toBe(true);
    // A word one citizen wrote (a surname the masking missed) leaves no trace.
    expect(vectoriser.indexOf.has(hashFeature('w кривошеин'))).toBe(false);
    expect(vectoriser.indexOf.has(hashFeature('w вод'))).toBe(false);
  });

  it('gives a unit-length vector over the kept features', () => {
    const vector = vectorise(vectoriser, featuresOf('яма на дороге, яма у дома'));
    const length = Math.hypot(...vector.value);
    expect(length).toBeCloseTo(1, 5);
    expect(vector.origin.get(vectoriser.indexOf.get(hashFeature('w ям')) as number)).toBe('ям');
  });
});
