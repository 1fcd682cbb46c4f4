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

  it('is left to the official when the applicant gave an e-mail address, or no postal address, or the chat is gone', () => {
    expect(noticeRoute(appealFixture({ channel: 'reception', ...contacts('a@b.ru', 'г. Тверь') }))).toBe(
      'manual',
    );
    expect(noticeRoute(appealFixture({ channel: 'reception', ...contacts(null, '  ') }))).toBe('manual');
    expect(noticeRoute(appealFixture({ channel: 'vk', conversationId: '' }))).toBe('manual');
    expect(noticeRoute(appealFixture({ channel: 'email', ...contacts(null, 'г. Тверь') }))).toBe('manual');
  });
});
