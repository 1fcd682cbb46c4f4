import { describe, expect, it } from 'vitest';
import { featuresOf } from '../../../../shared/triage/features';
import { suggestIncident, withoutCourtesies } from '../../../../shared/triage/incident';
import { suggestTriage } from '../../../../shared/triage/suggest';
import { suggestUrgency } from '../../../../shared/triage/urgency';
import { shippedModel } from './shipped-model';
import { teamSplit } from './team-set';

describe('suggestIncident', () => {
  it('reaches precision and recall of 0.90 on the team set’s held-out half', () => {
    const { test } = teamSplit();
    let truePositives = 0;
    let said = 0;
    let incidents = 0;
    for (const message of test) {
      const value = suggestTriage(shippedModel(), message.text).incident.value;
      const truth = message.kind === 'incident';
      if (value) said++;
      if (truth) incidents++;
      if (value && truth) truePositives++;
    }
    expect(incidents).toBeGreaterThan(50);
    expect(test.length - incidents).toBeGreaterThan(100);
    expect(truePositives / said).toBeGreaterThanOrEqual(0.9);
    expect(truePositives / incidents).toBeGreaterThanOrEqual(0.9);
  });

  it('holds a message of greetings and thanks alone out by rule', () => {
    for (const text of ['Здравствуйте!', 'Добрый день', 'Спасибо большое!!!', 'Благодарю 🙏']) {
      expect(suggestIncident(shippedModel(), text, suggestUrgency(text)), text).toEqual({
        value: false,
        confidence: 0.95,
        because: [],
      });
    }
  });

  it('takes an urgent message for an incident even when the model doubts it', () => {
    const text = 'Скорая ехала два часа к пожилому человеку с давлением';
    const incident = suggestIncident(shippedModel(), text, suggestUrgency(text));
    expect(incident.value).toBe(true);
    expect(incident.because).toContain('скорая');
  });

  it('reads an appeal without its courtesies', () => {
    const rest = withoutCourtesies('Здравствуйте! Яма на дороге. Заранее спасибо, с уважением');
    expect(rest).toContain('Яма на дороге');
    expect(rest).not.toMatch(/здравств|спасибо|уважени/i);
  });

  it('defect: the incident path lower-cased the text before masking, so a name found by its capitals stayed', () => {
    const stem = (word: string) => featuresOf(word, false).stems;
    const surname = [...stem('Сидоренко')][0] as number;
    const features = featuresOf(
      withoutCourtesies('Здравствуйте! Соседка, гражданка Сидоренко, сливает воду в подъезд.'),
    );
    expect(features.stems.has(surname)).toBe(false);
  });

  it('defect: a courtesy inside a word was cut out of it («хай» in «Михайловка»)', () => {
    expect(withoutCourtesies('Нет света в Михайловке')).toBe('Нет света в Михайловке');
  });
});
