import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../../../renderer/app/i18n';
import { DatabaseContext, type DatabaseContextValue } from '../../../../../renderer/db/context';
import { Thread } from '../../../../../renderer/features/appeal/Thread';
import type { Language } from '../../../../../shared/i18n/resources';
import type { Message } from '../../../../../shared/model/conversation';
import { appealFixture } from '../../../shared/model/fixtures';

/** A static render runs no effects, so no query ever reaches this stand-in database. */
const noDatabase = { database: {}, sync: {} } as unknown as DatabaseContextValue;

const render = (language: Language, element: ReactElement) =>
  renderToStaticMarkup(
    <DatabaseContext.Provider value={noDatabase}>
      <I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>
    </DatabaseContext.Provider>,
  );

const at = Date.UTC(2026, 5, 1, 9);
const appeal = appealFixture({ channel: 'vk', text: 'Не горит фонарь у дома 5' });

function message(overrides: Partial<Message>): Message {
  return {
    id: 'message-1',
    orgId: 'org-1',
    conversationId: 'conversation-1',
    appealId: appeal.id,
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

const edited = message({
  editedAt: at + 60_000,
  earlierVersions: [{ text: 'Не горит фонарь у дома 5', until: at + 60_000 }],
});
const fromVk = message({
  id: 'message-2',
  direction: 'out',
  author: { kind: 'staff', userId: null, displayName: 'Елена Админова' },
  text: 'Фонарь заменят завтра.',
  replyVia: 'channel',
  postedInNetwork: true,
});

describe('the thread shows edits and answers given in the network (issue 12)', () => {
  it('marks an edited message «изменено», a button that opens its earlier versions', () => {
    const html = render('ru', <Thread appeal={appeal} messages={[edited]} onPrintAnswer={() => {}} />);
    expect(html).toContain('data-testid="message-edited"');
    expect(html).toContain('aria-expanded="false"');
    expect(html).toContain('>изменено<');
    expect(html).toContain('Изменено заявителем');
  });

  it('names the network an administrator answered from, without Okno’s delivery badge', () => {
    const html = render('ru', <Thread appeal={appeal} messages={[fromVk]} onPrintAnswer={() => {}} />);
    expect(html).toContain('отправлено из интерфейса ВКонтакте, не через Окно');
    expect(html).not.toContain('data-testid="delivery-status"');
  });

  it('says the same in English, and nothing of the kind for a message never edited', () => {
    expect(
      render('en', <Thread appeal={appeal} messages={[edited, fromVk]} onPrintAnswer={() => {}} />),
    ).toMatch(/>edited<[\s\S]*sent from the VK interface, not through Okno/);
    const plain = render('ru', <Thread appeal={appeal} messages={[message({})]} onPrintAnswer={() => {}} />);
    expect(plain).not.toContain('message-edited');
  });
});
