import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createI18n } from '../../../../../renderer/app/i18n';
import { DatabaseProvider } from '../../../../../renderer/db/DatabaseProvider';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import { ScansSection } from '../../../../../renderer/features/reception/ScansSection';
import { offlineSyncController } from '../../../../../renderer/sync/types';

let db: OknoDatabase;
beforeAll(async () => {
  db = await createOknoDatabase({ name: `db${randomToken(8).toLowerCase()}`, storage: getRxStorageMemory() });
});
afterAll(async () => {
  await db.remove();
});

const render = (element: ReactElement, language: 'ru' | 'en' = 'ru') =>
  renderToStaticMarkup(
    <DatabaseProvider database={db} sync={offlineSyncController()}>
      <I18nextProvider i18n={createI18n(language)}>{element}</I18nextProvider>
    </DatabaseProvider>,
  );

describe('the scans of a reception card', () => {
  it('lists the chosen scans with their size, says what is accepted and offers to add one', () => {
    const scans = [new File(['%PDF-1.7'], 'Заявление Петрова.pdf', { type: 'application/pdf' })];
    const html = render(<ScansSection scans={scans} onChange={() => {}} />);
    expect(html).toContain('Сканы к обращению');
    expect(html).toContain('Заявление Петрова.pdf');
    expect(html).toContain('PDF, JPEG или PNG до 20 МБ');
    expect(html).toContain('Добавить скан');
    expect(html).toContain('accept=".pdf,.jpg,.jpeg,.png"');
  });

  it('speaks English too', () => {
    const html = render(<ScansSection scans={[]} onChange={() => {}} />, 'en');
    expect(html).toContain('Scans for the appeal');
    expect(html).toContain('Add a scan');
    expect(html).not.toMatch(/[а-яё]/i);
  });
});
