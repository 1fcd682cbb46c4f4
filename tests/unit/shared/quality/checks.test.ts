import { describe, expect, it } from 'vitest';
import { type AnswerCheck, answerChecks, checkAnswer, keyTerms } from '../../../../shared/quality/checks';
import { labelledAnswers } from './labelled-answers';

interface Measure {
  truePositive: number;
  falsePositive: number;
  falseNegative: number;
}

function measure(): Record<AnswerCheck, Measure> {
  const result = Object.fromEntries(
    answerChecks.map((check) => [check, { truePositive: 0, falsePositive: 0, falseNegative: 0 }]),
  ) as Record<AnswerCheck, Measure>;
  for (const item of labelledAnswers) {
    const found = new Set(
      checkAnswer({ regime: item.regime, appealText: item.appeal, answer: item.answer }).map((w) => w.code),
    );
    for (const check of answerChecks) {
      const expected = item.defects.includes(check);
      if (found.has(check) && expected) result[check].truePositive++;
      else if (found.has(check)) result[check].falsePositive++;
      else if (expected) result[check].falseNegative++;
    }
  }
  return result;
}

const precision = (m: Measure) => m.truePositive / Math.max(1, m.truePositive + m.falsePositive);
const recall = (m: Measure) => m.truePositive / Math.max(1, m.truePositive + m.falseNegative);

describe('automatic checks of an answer (issue 14)', () => {
  it('the labelled set has at least 60 answers and every check has examples', () => {
    expect(labelledAnswers.length).toBeGreaterThanOrEqual(60);
    for (const check of answerChecks) {
      expect(labelledAnswers.filter((item) => item.defects.includes(check)).length).toBeGreaterThanOrEqual(4);
    }
  });

  it('each check keeps precision and recall of at least 0.8 on the labelled set', () => {
    const measured = measure();
    const table = Object.fromEntries(
      answerChecks.map((check) => [
        check,
        { precision: precision(measured[check]).toFixed(2), recall: recall(measured[check]).toFixed(2) },
      ]),
    );
    console.info('answer checks on the labelled set', labelledAnswers.length, table);
    for (const check of answerChecks) {
      expect(precision(measured[check]), `${check} precision`).toBeGreaterThanOrEqual(0.8);
      expect(recall(measured[check]), `${check} recall`).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('warns of a short answer to a formal appeal only', () => {
    const answer = 'Яма на Ленина заделана 3 мая.';
    const appealText = 'Яма на Ленина';
    expect(checkAnswer({ regime: 'formal', appealText, answer }).map((w) => w.code)).toContain('tooShort');
    expect(checkAnswer({ regime: 'portal', appealText, answer })).toEqual([]);
  });

  it("takes the organisation's own brush-off list", () => {
    const input = { regime: 'portal', appealText: 'Яма на Ленина', answer: 'Яма на Ленина: ждите ответа.' };
    expect(checkAnswer(input)).toEqual([]);
    expect(checkAnswer({ ...input, brushOffPhrases: ['ждите ответа'] })).toEqual([
      { code: 'brushOff', params: { phrase: 'ждите ответа' } },
    ]);
  });

  it('key terms are stems of content words, without greetings and requests', () => {
    expect(keyTerms('Здравствуйте! Прошу отремонтировать фонари на улице Садовой')).toEqual(
      expect.arrayContaining(['отремонтирова', 'фонар', 'садов']),
    );
    expect(keyTerms('Здравствуйте, прошу помочь')).toEqual([]);
  });
});
