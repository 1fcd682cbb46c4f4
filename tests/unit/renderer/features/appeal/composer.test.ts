import {
  outboundMessage,
  replyRoutesFor,
  replyViaOf,
} from '../../../../../renderer/features/appeal/composer/answer';
import { templatesFor } from '../../../../../renderer/features/appeal/composer/template';
import type { AnswerTemplate } from '../../../../../shared/model/answer-template';
import { postalPrintRequired } from '../../../../../shared/model/conversation';
import { appealFixture } from '../../../shared/model/fixtures';

describe('answer templates in the composer', () => {
  const template = (
    id: string,
    title: string,
    categoryCode: string | null,
    departmentId: string | null,
  ): AnswerTemplate => ({
    id,
    orgId: 'org-1',
    title,
    body: '',
    categoryCode,
    departmentId,
    authorId: null,
    personal: false,
    updatedAt: 0,
  });

  it('offers the appeal’s department, then the organisation, each category match first, never other categories or departments', () => {
    const list = [
      template('a', 'Общий ответ', null, null),
      template('b', 'Дороги', 'roads', null),
      template('c', 'Горячая вода', 'utilities', null),
      template('d', 'Отдел: общий', null, 'dept-1'),
      template('e', 'Отдел: вода', 'utilities', 'dept-1'),
      template('f', 'Чужой отдел', null, 'dept-2'),
    ];
    expect(templatesFor(list, { departmentId: 'dept-1', category: 'utilities' }).map((t) => t.id)).toEqual([
      'e',
      'd',
      'c',
      'a',
    ]);
  });
});

describe('reply routes and the outbound message', () => {
  it('offers the original thread, and post when the applicant gave a postal address', () => {
    expect(replyRoutesFor(appealFixture())).toEqual(['original', 'post']);
  });

  it('offers only the contacts the applicant gave for an appeal without a thread', () => {
    const appeal = appealFixture({
      channel: 'reception',
      conversationId: '',
      applicant: {
        ...appealFixture().applicant,
        contacts: { phone: '+79161234567', email: 'ivanova@example.ru', postalAddress: null },
      },
    });
    expect(replyRoutesFor(appeal)).toEqual(['email']);
  });

  it('queues the answer as a pending outbound staff message of the appeal', () => {
    const appeal = appealFixture();
    const message = outboundMessage({
      id: 'msg-1',
      appeal,
      route: 'original',
      text: '  Ответ по существу.  ',
      author: { userId: 'user-op', displayName: 'Иванова А. С.' },
      now: 1_000,
    });
    expect(message).toEqual({
      id: 'msg-1',
      orgId: 'org-1',
      conversationId: 'conversation-1',
      appealId: 'appeal-1',
      direction: 'out',
      author: { kind: 'staff', userId: 'user-op', displayName: 'Иванова А. С.' },
      text: 'Ответ по существу.',
      attachments: [],
      createdAt: 1_000,
      replyVia: 'channel',
      deliveryStatus: 'pending',
      deliveryError: null,
      updatedAt: 1_000,
    });
  });

  it('maps each route to replyVia and keeps the appeal’s conversation whatever the route', () => {
    expect(replyViaOf('original')).toBe('channel');
    expect(replyViaOf('email')).toBe('email');
    expect(replyViaOf('post')).toBe('post');
    const appeal = appealFixture({
      applicant: {
        ...appealFixture().applicant,
        contacts: { phone: null, email: 'ivanova@example.ru', postalAddress: 'г. Тверь, ул. Советская, 1' },
      },
    });
    const answer = (route: 'original' | 'email' | 'post') =>
      outboundMessage({
        id: 'm',
        appeal,
        route,
        text: 'x',
        author: { userId: 'u', displayName: 'U' },
        now: 1,
      });
    for (const route of ['original', 'email', 'post'] as const) {
      expect(answer(route).conversationId).toBe('conversation-1');
    }
    expect(answer('email')).toMatchObject({
      replyVia: 'email',
      deliveryStatus: 'pending',
      deliveryError: null,
    });
    // A postal answer is never sent by the server: pending, with the reason the thread shows.
    expect(answer('post')).toMatchObject({
      replyVia: 'post',
      deliveryStatus: 'pending',
      deliveryError: postalPrintRequired,
    });
  });

  it('answers an appeal without a conversation with an empty conversationId', () => {
    const appeal = appealFixture({ channel: 'reception', conversationId: '' });
    const message = outboundMessage({
      id: 'm',
      appeal,
      route: 'post',
      text: 'x',
      author: { userId: 'u', displayName: 'U' },
      now: 1,
    });
    expect(message).toMatchObject({ conversationId: '', replyVia: 'post' });
  });
});
