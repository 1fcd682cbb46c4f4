import { mailingQueue } from '../../../../../renderer/features/mailing/mailing-queue';
import { appealFixture, postalAnswerFixture } from '../../../shared/model/fixtures';

describe('the «Печать и отправка почтой» queue', () => {
  const appeal = appealFixture({ id: 'appeal-1' });
  const answer = postalAnswerFixture({ id: 'answer', createdAt: 2_000 });
  const notice = postalAnswerFixture({
    id: 'notice',
    createdAt: 1_000,
    author: { kind: 'bot', userId: null, displayName: 'Письмо заявителю почтой' },
    text: 'Уведомление о продлении срока рассмотрения обращения (исх. № Исх-3/2026 от 06.12.2026)\n\nСообщаем…',
  });

  it('lists postal answers and notices still to be mailed, oldest first, with their appeal', () => {
    const queue = mailingQueue([answer, notice], [appeal]);
    expect(queue.map((entry) => [entry.message.id, entry.kind, entry.appeal?.id])).toEqual([
      ['notice', 'notice', 'appeal-1'],
      ['answer', 'answer', 'appeal-1'],
    ]);
    expect(queue[0]!.heading).toBe(
      'Уведомление о продлении срока рассмотрения обращения (исх. № Исх-3/2026 от 06.12.2026)',
    );
    expect(queue[1]!.heading).toBe('');
  });

  it('drops a letter once it is marked mailed, and one sent electronically', () => {
    const mailed = { ...answer, deliveryStatus: 'sent' as const, deliveryError: null };
    const chat = postalAnswerFixture({ id: 'chat', replyVia: 'channel' });
    expect(mailingQueue([mailed, chat, notice], [])).toEqual([
      expect.objectContaining({ message: notice, appeal: null }),
    ]);
  });
});
