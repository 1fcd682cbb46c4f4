import { createI18n } from '../../../../../../renderer/app/i18n';
import {
  answerLetterDocument,
  appealCardDocument,
  escapeHtml,
} from '../../../../../../renderer/features/appeal/print/documents';
import { appealFixture } from '../../../../shared/model/fixtures';

const t = (key: string, params?: Record<string, unknown>) =>
  params ? `${key} ${JSON.stringify(params)}` : key;
const context = { t, language: 'ru', formatDate: (v: number | string) => String(v), departmentName: 'ЖКХ' };

describe('printable documents', () => {
  it('escapes the citizen’s text so it never becomes markup', () => {
    const appeal = appealFixture({ text: '<script>alert(1)</script> & <img src=x onerror=y>' });
    const { html } = appealCardDocument(appeal, context);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x onerror=y&gt;');
  });

  it('prints the masked passport only, and is a self-contained document without scripts', () => {
    const { html, title } = appealCardDocument(appealFixture(), context);
    expect(html).toContain('45 ** ***456');
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(title).toBe('app:appeal.print.cardTitle {"number":"15/2025"}');
  });

  it('addresses the answer letter to the applicant at the postal address, with the answer and the official', () => {
    const { html } = answerLetterDocument(
      appealFixture(),
      {
        text: 'Первый абзац.\n\nВторой абзац.',
        createdAt: 5,
        author: { kind: 'staff', userId: 'u', displayName: 'Иванова А. С.' },
      },
      context,
    );
    expect(html).toContain('Иванова Мария Петровна<br>г. Тверь, ул. Советская, д. 1, кв. 2');
    expect(html).toContain('<p>Первый абзац.</p><p>Второй абзац.</p>');
    expect(html).toContain('Иванова А. С.');
  });

  it('defect 5: an incident’s letter and card refer to its date, never to a number being assigned', () => {
    const ru = createI18n('ru').t as unknown as typeof t;
    const incident = appealFixture({ regime: 'incident', registrationNumber: null, receivedAt: 7 });
    const answer = {
      text: 'Ответ.',
      createdAt: 9,
      author: { kind: 'staff', userId: 'u', displayName: 'И. И.' },
    } as const;
    const letter = answerLetterDocument(incident, answer, { ...context, t: ru });
    const card = appealCardDocument(incident, { ...context, t: ru });
    for (const { html, title } of [letter, card]) {
      expect(html).not.toContain('присваивается');
      expect(title).not.toContain('присваивается');
    }
    expect(letter.title).toBe('Ответ на обращение от 7');
    expect(letter.html).toContain('На Ваше обращение от 7 сообщаем следующее.');
    expect(card.title).toBe('Карточка обращения: Инцидент от 7');
  });

  it('defect 13: the letter says «Ваше» with a capital letter', () => {
    const ru = createI18n('ru').t as unknown as typeof t;
    const answer = {
      text: 'Ответ.',
      createdAt: 9,
      author: { kind: 'staff', userId: 'u', displayName: 'И. И.' },
    } as const;
    const { html } = answerLetterDocument(appealFixture(), answer, { ...context, t: ru });
    expect(html).toContain('На Ваше обращение № 15/2025 от');
  });

  it('escapes every HTML-significant character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
