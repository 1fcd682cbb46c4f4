import { messagesBesideAppealText } from '../../../../../renderer/features/appeal/appeal-text-once';
import { threadEntries } from '../../../../../renderer/features/appeal/thread-entries';
import type { Message } from '../../../../../shared/model/conversation';
import { appealFixture, postalAnswerFixture } from '../../../shared/model/fixtures';

const photo = { id: 'file-1', name: 'photo.jpg', mimeType: 'image/jpeg', size: 2048 };

/** A citizen's chat message in the appeal's thread. */
const fromCitizen = (id: string, text: string, overrides: Partial<Message> = {}): Message =>
  postalAnswerFixture({
    id,
    direction: 'in',
    author: { kind: 'applicant', userId: null, displayName: 'Иван Петров' },
    text,
    replyVia: null,
    deliveryStatus: 'delivered',
    deliveryError: null,
    ...overrides,
  });

describe('the appeal’s own text and the chat message it came from', () => {
  const text = 'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор.';
  const appeal = appealFixture({ text, attachments: [photo] });

  it('defect 2: the thread of a chat-originated appeal shows the citizen’s first message once, as the appeal’s text', () => {
    // As the intake stores an incident: its text and files are those of the message it was made from.
    const first = fromCitizen('m-1', text, { attachments: [photo] });
    const answer = postalAnswerFixture({ id: 'm-2' });
    const entries = threadEntries(appeal, 'Петров Иван', [first, answer]);
    expect(entries.map((e) => [e.author, e.text])).toEqual([
      ['Петров Иван', text],
      ['Сотрудник', answer.text],
    ]);
  });

  it('leaves out the message the appeal’s text came from, and nothing else', () => {
    const first = fromCitizen('m-1', `${text}\n`, { attachments: [photo] });
    const later = fromCitizen('m-2', 'Фото с другой стороны', { attachments: [] });
    const answer = postalAnswerFixture({ id: 'm-3' });
    expect(messagesBesideAppealText(appeal, [first, later, answer])).toEqual([later, answer]);
  });

  it('keeps every message when none carries the appeal’s text (an appeal the bot registered)', () => {
    const messages = [fromCitizen('m-1', 'Добрый день'), postalAnswerFixture({ id: 'm-2' })];
    expect(messagesBesideAppealText(appeal, messages)).toEqual(messages);
  });

  it('keeps the message once the citizen edited it in the network, beside the text as registered', () => {
    const edited = fromCitizen('m-1', `${text} Уже месяц.`, { attachments: [photo] });
    expect(messagesBesideAppealText(appeal, [edited])).toEqual([edited]);
  });

  it('keeps a message with the same words but other files, and staff or bot messages with the same text', () => {
    const otherFiles = fromCitizen('m-1', text, { attachments: [] });
    const quoted = postalAnswerFixture({ id: 'm-2', text });
    expect(messagesBesideAppealText(appeal, [otherFiles, quoted])).toEqual([otherFiles, quoted]);
  });

  it('leaves out only the earliest of two identical messages (the citizen sent it twice)', () => {
    const first = fromCitizen('m-1', text, { attachments: [photo] });
    const again = fromCitizen('m-2', text, { attachments: [photo] });
    expect(messagesBesideAppealText(appeal, [first, again])).toEqual([again]);
  });
});
