import { describe, expect, it } from 'vitest';
import { suggestUrgency } from '../../../../shared/triage/urgency';
import { teamSet } from './team-set';

describe('suggestUrgency', () => {
  it('finds no hot water and a small child in the issue’s example', () => {
    const urgency = suggestUrgency('на Ленина 5 третий день нет горячей воды, маленький ребёнок');
    expect(urgency.urgent).toBe(true);
    expect(urgency.signs).toEqual(['no-water']);
    expect(urgency.because).toEqual(['нет горячей воды', 'ребенок']);
    expect(urgency.confidence).toBeGreaterThan(0.8);
  });

  it('names each danger it finds', () => {
    expect(suggestUrgency('Открытый люк во дворе, пахнет газом').signs).toEqual(['gas', 'open-manhole']);
    expect(suggestUrgency('оборван провод, висит над дорогой').signs).toEqual(['fallen-wires']);
    expect(suggestUrgency('В квартире нет отопления').signs).toEqual(['no-heating']);
  });

  it('is not urgent for a pothole, a thank-you or a question', () => {
    for (const text of ['Яма на дороге у рынка', 'Спасибо, фонарь горит', 'Когда приём у главы?']) {
      expect(suggestUrgency(text).urgent, text).toBe(false);
    }
  });

  it('marks at least 0.90 of the team set’s urgent messages urgent, and no non-incident', () => {
    const urgent = teamSet.filter((message) => message.urgent);
    const found = urgent.filter((message) => suggestUrgency(message.text).urgent).length;
    expect(found / urgent.length).toBeGreaterThanOrEqual(0.9);
    const calm = teamSet.filter((message) => message.kind !== 'incident');
    expect(calm.filter((message) => suggestUrgency(message.text).urgent).map((m) => m.text)).toEqual([]);
  });
});
