import { describe, expect, it } from 'vitest';
import { portalExample, trainingSettings, trainTriageModel } from '../../../../scripts/routing/train';
import { loadTriageModel } from '../../../../shared/triage/model';
import { suggestTriage } from '../../../../shared/triage/suggest';
import { teamSet } from './team-set';

// A small model trained on the team set alone: quick, and made by the same code as the shipped one.
function smallModel() {
  const incidents = teamSet.filter((message) => message.category !== null);
  const portal = incidents.map((message, i) =>
    portalExample(message.text, message.category as string, `executor-${i % 4}`),
  );
  const team = teamSet.map((message) => ({ text: message.text, incident: message.kind === 'incident' }));
  return trainTriageModel(portal, team, { ...trainingSettings, minDocuments: 2, thresholdFolds: 2 });
}

describe('the triage model file', () => {
  const stored = smallModel();

  it('loads back from its JSON with the same suggestions', () => {
    const direct = loadTriageModel(stored);
    const roundTripped = loadTriageModel(JSON.parse(JSON.stringify(stored)));
    for (const message of teamSet.slice(0, 60)) {
      expect(suggestTriage(roundTripped, message.text)).toEqual(suggestTriage(direct, message.text));
    }
  });

  it('holds no text but the class names: features are hash buckets', () => {
    const strings: string[] = [];
    JSON.stringify(stored, (_, value) => {
      if (typeof value === 'string') strings.push(value);
      return value;
    });
    const classNames = new Set([
      ...stored.heads.category.classes,
      ...stored.heads.executor.classes,
      'incident',
      'other',
      stored.format,
    ]);
    expect(strings.filter((value) => !classNames.has(value))).toEqual([]);
  });

  it('refuses a file of another format', () => {
    expect(() => loadTriageModel({ ...stored, format: 'okno-triage/0' })).toThrow(/okno-triage\/2/);
    expect(() => loadTriageModel({ ...stored, hashBits: 16 })).toThrow();
    expect(() => loadTriageModel(null)).toThrow();
  });
});
