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

  it('separately: stems and character n-grams weigh the same, whatever the word lengths', () => {
    const features = featuresOf('глубокая яма на дороге у дома');
    const vector = vectorise(vectoriser, features, true);
    const stemIndices = new Set(
      [...features.stems].map((bucket) => vectoriser.indexOf.get(bucket)).filter((i) => i !== undefined),
    );
    let stems = 0;
    let grams = 0;
    vector.index.forEach((index, k) => {
      const square = (vector.value[k] as number) ** 2;
      if (stemIndices.has(index)) stems += square;
      else grams += square;
    });
    expect(stemIndices.size).toBeGreaterThan(0);
    expect(stems).toBeCloseTo(0.5, 5);
    expect(grams).toBeCloseTo(0.5, 5);
    // The joint view lets the many n-grams outweigh the few stems.
    const joint = vectorise(vectoriser, features);
    const jointStems = joint.index.reduce(
      (sum, index, k) => sum + (stemIndices.has(index) ? (joint.value[k] as number) ** 2 : 0),
      0,
    );
    expect(jointStems).toBeLessThan(0.5);
  });
});
