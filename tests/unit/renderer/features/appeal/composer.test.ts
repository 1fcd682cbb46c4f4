import {
  outboundMessage,
  replyRoutesFor,
  replyViaOf,
} from '../../../../../renderer/features/appeal/composer/answer';
import {
  fillTemplate,
  templatesFor,
  templateValues,
  unfilledPlaceholders,
} from '../../../../../renderer/features/appeal/composer/template';
import type { AnswerTemplate } from '../../../../../shared/model/answer-template';
import { postalPrintRequired } from '../../../../../shared/model/conversation';
import { appealFixture } from '../../../shared/model/fixtures';

const formatDate = (value: number | string) =>
  typeof value === 'string'
    ? value.split('-').reverse().join('.')
    : new Date(value).toISOString().slice(0, 10);

describe('answer templates', () => {
  const values = templateValues(appealFixture(), {
    departmentName: 'ЖКХ',
    officialName: 'Иванова А. С.',
    formatDate,
  });

  it('fills the applicant, the registration number and the legal deadline', () => {
    const body =
      'Уважаемый(ая) {{applicantName}}! Ваше обращение № {{registrationNumber}} рассмотрено до {{ legalDeadline }}.';
    expect(fillTemplate(body, values)).toBe(
      'Уважаемый(ая) Иванова Мария Петровна! Ваше обращение № 15/2025 рассмотрено до 02.05.2025.',
    );
  });

  it('leaves unknown and empty placeholders visible so the official notices them', () => {
    const unregistered = templateValues(appealFixture({ registrationNumber: null }), {
      departmentName: null,
      officialName: 'Иванова А. С.',
      formatDate,
    });
    const text = fillTemplate('№ {{registrationNumber}}, {{departmentName}}, {{unknownThing}}', unregistered);
    expect(text).toBe('№ {{registrationNumber}}, {{departmentName}}, {{unknownThing}}');
    expect(unfilledPlaceholders(text)).toEqual(['registrationNumber', 'departmentName', 'unknownThing']);
  });

  it('addresses an organisation by its name', () => {
    const appeal = appealFixture({
      kind: { ...appealFixture().kind, applicantType: 'organisation', organisationName: 'ТСЖ «Рассвет»' },
    });
    expect(
      fillTemplate(
        '{{applicantName}}',
        templateValues(appeal, { departmentName: null, officialName: '', formatDate }),
      ),
    ).toBe('ТСЖ «Рассвет»');
  });

  it('offers the templates of the appeal’s category first, then the general ones, never other categories', () => {
    const template = (id: string, title: string, categoryCode: string | null): AnswerTemplate => ({
      id,
      orgId: 'org-1',
      title,
      body: '',
      categoryCode,
      updatedAt: 0,
    });
    const list = [
      template('a', 'Общий ответ', null),
      template('b', 'Дороги', 'roads'),
      template('c', 'Горячая вода', 'utilities'),
    ];
    expect(templatesFor(list, 'utilities').map((t) => t.id)).toEqual(['c', 'a']);
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
