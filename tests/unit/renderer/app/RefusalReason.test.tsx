import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../../renderer/app/i18n';
import { RefusalReason } from '../../../../renderer/app/RefusalReason';
import { type Language, languages } from '../../../../shared/i18n/resources';
import type { RefusedChange } from '../../../../shared/model/refused-change';
import { refusalCodes } from '../../../../shared/sync/contract';

const render = (language: Language, reason: RefusedChange['reason']) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <RefusalReason reason={reason} />
    </I18nextProvider>,
  );

const generic = { ru: 'Сервер отклонил изменение.', en: 'The server refused the change.' } as const;
// What the server sends with each code (server/src/appeals/lifecycle.ts, writers.ts).
const paramsOf: Partial<Record<string, Record<string, string>>> = {
  [refusalCodes.statusTransition]: {
    reason: 'domain:transition.roleNotAllowed',
    from: 'answered',
    to: 'closed',
  },
  [refusalCodes.roleMayNotChange]: { role: 'operator', fields: 'assigneeId' },
  [refusalCodes.invalidDocument]: { problem: 'subject: too long' },
  // server/src/answer-templates/writer.ts: the rule's key, with the placeholder's name or the limit.
  [refusalCodes.template]: { problem: 'unknownPlaceholder', name: 'fio' },
};

describe('the text of every refusal code of the sync contract', () => {
  it('has a text in every language for each code (the code is its text key)', () => {
    for (const language of languages) {
      const i18n = createI18n(language);
      for (const code of Object.values(refusalCodes))
        expect(i18n.exists(code), `${language} ${code}`).toBe(true);
    }
  });

  for (const language of languages) {
    for (const code of Object.values(refusalCodes)) {
      it(`${language}: ${code} shows its own text, never the generic one`, () => {
        const text = render(language, { code, ...(paramsOf[code] ? { params: paramsOf[code] } : {}) });
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toBe(generic[language]);
        expect(text).not.toMatch(/sync:|\{\{|\$t\(|undefined/);
      });
    }
  }

  it('issue 9: the four replyVia refusals show their precise texts instead of «Сервер отклонил изменение»', () => {
    expect(render('ru', { code: refusalCodes.replyViaEmail })).toBe(
      'Ответ не принят: заявитель не указал адрес электронной почты. Выберите другой способ ответа.',
    );
    expect(render('ru', { code: refusalCodes.replyViaPost })).toContain('не указал почтовый адрес');
    expect(render('ru', { code: refusalCodes.replyViaChannel })).toContain('нет беседы в исходном канале');
    expect(render('ru', { code: refusalCodes.replyViaMissing })).toContain(
      'Не указан способ отправки ответа',
    );
    expect(render('en', { code: refusalCodes.replyViaPost })).toContain('no postal address');
  });

  it('names the statuses of a refused transition in the user’s language', () => {
    const reason = { code: refusalCodes.statusTransition, params: paramsOf[refusalCodes.statusTransition] };
    expect(render('ru', reason)).toMatch(/^Переход статуса «[А-Яа-яё ]+» → «[А-Яа-яё ]+» недопустим/);
    expect(render('en', reason)).toMatch(/^The status change “[A-Za-z ]+” → “[A-Za-z ]+” is not allowed/);
  });

  it('falls back to the generic text for a code this desktop does not know', () => {
    expect(render('ru', { code: 'sync:refusal.fromANewerServer' })).toBe(generic.ru);
    expect(render('en', { code: 'sync:refusal.fromANewerServer' })).toBe(generic.en);
  });
});
