import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../../../renderer/app/i18n';
import { DeliveryProblem } from '../../../../../renderer/features/appeal/Thread';

const render = (element: ReactElement) =>
  renderToStaticMarkup(<I18nextProvider i18n={createI18n('ru')}>{element}</I18nextProvider>);

describe('an answer that did not reach the applicant', () => {
  it('says why under the message when no channel account is configured', () => {
    const html = render(<DeliveryProblem status="failed" error="work:delivery.noAccount" />);
    expect(html).toContain('data-testid="delivery-problem"');
    expect(html).toContain('Не отправлено: в Окне не настроена учётная запись этого канала');
  });

  it('says nothing for an answer sent or still waiting', () => {
    expect(render(<DeliveryProblem status="sent" error={null} />)).toBe('');
    expect(render(<DeliveryProblem status="pending" error={null} />)).toBe('');
  });
});
