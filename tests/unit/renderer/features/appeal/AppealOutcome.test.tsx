import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../../../renderer/app/i18n';
import { AppealOutcome } from '../../../../../renderer/features/appeal/AppealOutcome';
import type { Language } from '../../../../../shared/i18n/resources';
import { appealFixture } from '../../../shared/model/fixtures';

const render = (language: Language, element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>);

describe('the appeal card’s outcome', () => {
  it('shows a withdrawal: the result reported and the applicant’s statement (issue 12)', () => {
    const withdrawn = appealFixture({
      status: 'closed',
      result: 'left_without_answer',
      outcomeNote:
        'Отозвано заявителем: заявление об отзыве получено через Telegram 06.12.2026, 13:45. Причина, указанная заявителем: вопрос решён',
    });
    const html = render('ru', <AppealOutcome appeal={withdrawn} />);
    expect(html).toContain('Оставлено без ответа автору');
    expect(html).toContain('Отозвано заявителем: заявление об отзыве получено через Telegram');
    expect(html).not.toContain('data-testid="appeal-art11"');
  });

  it('names the art. 11 ground when there is one', () => {
    const html = render(
      'en',
      <AppealOutcome appeal={appealFixture({ result: 'left_without_answer', art11Outcome: 'unreadable' })} />,
    );
    expect(html).toContain('data-testid="appeal-art11"');
  });

  it('shows nothing while the appeal has no result', () => {
    expect(
      render(
        'ru',
        <AppealOutcome appeal={appealFixture({ result: null, art11Outcome: null, outcomeNote: null })} />,
      ),
    ).toBe('');
  });
});
