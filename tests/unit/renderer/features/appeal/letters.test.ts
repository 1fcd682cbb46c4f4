import { lettersToIssue } from '../../../../../renderer/features/appeal/letters';
import type { LetterRecord } from '../../../../../shared/model/letter';
import { appealFixture, postalAnswerFixture } from '../../../shared/model/fixtures';

const issued = (kind: LetterRecord['kind'], messageId = ''): LetterRecord => ({
  id: `${kind}-${messageId}`,
  appealId: 'appeal-1',
  kind,
  messageId,
  outgoingNumber: 'Исх-1/2026',
  issuedAt: 0,
});

describe('the letters an appeal calls for', () => {
  const answer = postalAnswerFixture({ id: 'answer-1' });
  const incoming = postalAnswerFixture({
    id: 'in-1',
    direction: 'in',
    author: { kind: 'applicant', userId: null, displayName: 'Мария' },
  });

  it('offers a receipt for a registered appeal filed in person and an answer letter for each staff answer', () => {
    const wanted = lettersToIssue(appealFixture({ channel: 'reception' }), [answer, incoming], []);
    expect(wanted.map((w) => [w.kind, w.message?.id ?? null])).toEqual([
      ['answer', 'answer-1'],
      ['receipt', null],
    ]);
  });

  it('offers the extension, forwarding and art. 11 notices once they happened, and nothing issued before', () => {
    const appeal = appealFixture({
      channel: 'reception',
      extension: { days: 30, reason: 'Запрос в другой орган', noticeQueuedAt: null },
      forwardedTo: { bodyName: 'Прокуратура', at: 0 },
      art11Outcome: 'unreadable',
    });
    const wanted = lettersToIssue(
      appeal,
      [answer],
      [issued('answer', 'answer-1'), issued('extension', 'm-9')],
    );
    expect(wanted.map((w) => w.kind)).toEqual(['receipt', 'forwarding', 'art11']);
  });

  it('offers no receipt before registration, nor for an appeal that did not come in person', () => {
    expect(lettersToIssue(appealFixture({ channel: 'reception', registrationNumber: null }), [], [])).toEqual(
      [],
    );
    expect(lettersToIssue(appealFixture({ channel: 'vk' }), [], [])).toEqual([]);
  });
});
