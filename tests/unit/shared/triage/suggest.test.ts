import { describe, expect, it } from 'vitest';
import { suggestTriage } from '../../../../shared/triage/suggest';
import { shippedModel } from './shipped-model';
import { portalCategory } from './team-set';

// Messages written for this test (not in the team set the incident detector trained on).
const examples: [string, string][] = [
  ['На улице Мира глубокие ямы на проезжей части, подвеску разбил', portalCategory.potholes],
  ['Вторую неделю не горят уличные фонари вдоль дороги к школе', portalCategory.lighting],
  ['В квартирах холодные батареи, отопление так и не включили', portalCategory.heating],
  ['У гаражей устроили свалку бытового мусора и старых шин', portalCategory.dump],
  ['Большое сухое дерево во дворе нависает над крышей дома, может рухнуть', portalCategory.trees],
  ['Стая бездомных собак нападает на прохожих у остановки', portalCategory.animals],
];

describe('suggestTriage with the shipped model', () => {
  it.each(examples)('suggests the portal category of «%s»', (text, category) => {
    const suggestion = suggestTriage(shippedModel(), text);
    expect(suggestion.category[0]?.value).toBe(category);
    expect(suggestion.category).toHaveLength(3);
    expect(suggestion.category[0]?.because.length).toBeGreaterThan(0);
  });

  it('suggests an urgent utilities incident for the issue’s Telegram message', () => {
    const suggestion = suggestTriage(
      shippedModel(),
      'на Ленина 5 третий день нет горячей воды, маленький ребёнок',
    );
    expect(suggestion.incident.value).toBe(true);
    expect(suggestion.urgency.urgent).toBe(true);
    expect(suggestion.category.map((ranked) => ranked.value)).toContain(portalCategory.water);
    expect(suggestion.executor).toHaveLength(3);
  });

  it('keeps a thank-you under a post out of the incidents', () => {
    const suggestion = suggestTriage(shippedModel(), 'Спасибо большое за новую площадку, дети счастливы!');
    expect(suggestion.incident.value).toBe(false);
  });

  it('gives confidences between 0 and 1, best first', () => {
    const { category, executor } = suggestTriage(
      shippedModel(),
      'Мусор не вывозят неделю, контейнеры переполнены',
    );
    for (const ranked of [category, executor]) {
      const confidences = ranked.map((r) => r.confidence);
      expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
      for (const confidence of confidences) expect(confidence).toBeGreaterThan(0);
      expect(confidences.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.001);
    }
  });

  it('never names a person, a phone or a house number in a reason', () => {
    const text = 'Иванов Пётр Сергеевич, тел. 89123456789, ул. Садовая 17 кв. 3: нет света в подъезде';
    const suggestion = suggestTriage(shippedModel(), text);
    const reasons = [
      ...suggestion.category.flatMap((r) => r.because),
      ...suggestion.executor.flatMap((r) => r.because),
      ...suggestion.incident.because,
      ...suggestion.urgency.because,
    ].join(' ');
    expect(reasons).not.toMatch(/иванов|петр|сергеевич|\d|маск/);
  });
});
