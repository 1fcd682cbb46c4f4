import { noticeRoute } from '../../../../shared/model/notice-route';
import { appealFixture } from './fixtures';

const contacts = (email: string | null, postalAddress: string | null) => ({
  applicant: { ...appealFixture().applicant, contacts: { phone: '+79161234567', email, postalAddress } },
});

describe('how an extension reaches the applicant', () => {
  it('goes to the chat of an appeal filed through a bot', () => {
    expect(noticeRoute(appealFixture({ channel: 'telegram', conversationId: 'c-1' }))).toBe('chat');
  });

  it.each(['reception', 'post', 'phone'] as const)(
    'goes by post for a %s appeal whose applicant gave only a postal address',
    (channel) => {
      expect(
        noticeRoute(appealFixture({ channel, ...contacts(null, 'г. Тверь, ул. Советская, д. 1') })),
      ).toBe('post');
    },
  );

  it('goes by e-mail when the applicant gave an e-mail address or the appeal came by e-mail', () => {
    expect(noticeRoute(appealFixture({ channel: 'reception', ...contacts('a@b.ru', 'г. Тверь') }))).toBe(
      'email',
    );
    expect(noticeRoute(appealFixture({ channel: 'portal', ...contacts('a@b.ru', null) }))).toBe('email');
    expect(
      noticeRoute(appealFixture({ channel: 'email', conversationId: 'c-2', ...contacts(null, null) })),
    ).toBe('email');
    // A chat stays the route of a chat appeal, whatever else the applicant gave.
    expect(
      noticeRoute(appealFixture({ channel: 'vk', conversationId: 'c-3', ...contacts('a@b.ru', null) })),
    ).toBe('chat');
  });

  it('is left to the official when there is no chat, no e-mail and no postal address to use', () => {
    expect(noticeRoute(appealFixture({ channel: 'reception', ...contacts(null, '  ') }))).toBe('manual');
    expect(noticeRoute(appealFixture({ channel: 'vk', conversationId: '', ...contacts(null, null) }))).toBe(
      'manual',
    );
    expect(
      noticeRoute(appealFixture({ channel: 'email', conversationId: '', ...contacts(null, 'г. Тверь') })),
    ).toBe('manual');
  });
});
