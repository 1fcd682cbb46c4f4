/**
 * The inbox's orders other than the deadline's are served by the search index (issue 11): until it is
 * built, a chosen order is not silently replaced — the list says it is by deadline for now, and why.
 * Static render (the menu's disabled items with their reason render only when it opens: e2e).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createI18n } from '../../../../../renderer/app/i18n';
import { ListOrderSelect } from '../../../../../renderer/features/inbox/ListOrderSelect';
import type { ListOrder } from '../../../../../renderer/search/search-engine';

const render = (order: ListOrder, available: boolean, language: 'ru' | 'en' = 'ru') =>
  renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <ListOrderSelect order={order} onChange={() => {}} available={available} />
    </I18nextProvider>,
  );

describe('the list order while the search index is built', () => {
  it('says a chosen order waits for the index instead of falling back silently', () => {
    const html = render({ by: 'received', descending: true }, false);
    expect(html).toContain('data-testid="inbox-order-waiting"');
    expect(html).toContain('Пока по сроку: строится индекс поиска');
    expect(html).toContain('по поступлению');
    expect(render({ by: 'applicant', descending: false }, false, 'en')).toContain(
      'By deadline for now: the search index is being built',
    );
  });

  it('says nothing once the index is built, or for the deadline order', () => {
    expect(render({ by: 'received', descending: true }, true)).not.toContain('inbox-order-waiting');
    expect(render({ by: 'deadline', descending: false }, false)).not.toContain('inbox-order-waiting');
  });

  it('says the reversed deadline order waits for the index too', () => {
    expect(render({ by: 'deadline', descending: true }, false)).toContain(
      'data-testid="inbox-order-waiting"',
    );
  });
});
