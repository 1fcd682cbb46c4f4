import { threadEntries } from '../../../../../renderer/features/appeal/thread-entries';
import type { Message } from '../../../../../shared/model/conversation';
import { appealFixture } from '../../../shared/model/fixtures';

const at = Date.UTC(2026, 5, 1, 9);

function inbound(overrides: Partial<Message> = {}): Message {
  return {
    id: 'message-in',
    orgId: 'org-1',
    conversationId: 'conversation-1',
    appealId: 'appeal-1',
    direction: 'in',
    author: { kind: 'applicant', userId: null, displayName: 'Иван Петров' },
    text: 'Не горит фонарь у дома 7',
    attachments: [],
    createdAt: at,
    replyVia: null,
    deliveryStatus: 'delivered',
    deliveryError: null,
    updatedAt: at,
    ...overrides,
  };
}

describe('the thread as the official reads it (issue 12)', () => {
  const appeal = appealFixture({ channel: 'vk', text: 'Не горит фонарь у дома 5' });

  it('an edited message shows its current text, marked edited, with the earlier versions oldest first', () => {
    const edited = inbound({
      text: 'Не горит фонарь у дома 7, подъезд 2',
      editedAt: at + 120_000,
      earlierVersions: [
        { text: 'Не горит фонарь у дома 5', until: at + 60_000 },
        { text: 'Не горит фонарь у дома 7', until: at + 120_000 },
      ],
    });
    const [, entry] = threadEntries(appeal, 'Иван Петров', [edited]);
    expect(entry).toMatchObject({
      text: 'Не горит фонарь у дома 7, подъезд 2',
      edited: {
        at: at + 120_000,
        earlier: [{ text: 'Не горит фонарь у дома 5' }, { text: 'Не горит фонарь у дома 7' }],
      },
    });
  });

  it('the appeal’s own text stays as received, whatever the edits', () => {
    const [first] = threadEntries(appeal, 'Иван Петров', [inbound({ text: 'другое', editedAt: at + 1 })]);
    expect(first).toMatchObject({ text: 'Не горит фонарь у дома 5', edited: null });
  });

  it('a message never edited has no mark', () => {
    expect(threadEntries(appeal, 'Иван Петров', [inbound()])[1]?.edited).toBeNull();
  });

  it('an answer posted in the network names that network and has no delivery badge of Okno’s', () => {
    const answer = inbound({
      direction: 'out',
      author: { kind: 'staff', userId: null, displayName: 'Елена Админова' },
      text: 'Лифт починят в четверг.',
      replyVia: 'channel',
      postedInNetwork: true,
    });
    expect(threadEntries(appeal, 'Иван Петров', [answer])[1]).toMatchObject({
      author: 'Елена Админова',
      postedIn: 'vk',
      delivery: null,
    });
  });
});
