import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createI18n } from '../../../../../../renderer/app/i18n';
import { DatabaseProvider } from '../../../../../../renderer/db/DatabaseProvider';
import { createOknoDatabase, type OknoDatabase } from '../../../../../../renderer/db/database';
import { ScanQueueProvider } from '../../../../../../renderer/db/ScanQueueContext';
import { ScanQueue } from '../../../../../../renderer/db/scan-queue';
import { AppealScans } from '../../../../../../renderer/features/appeal/files/AppealScans';
import { offlineSyncController } from '../../../../../../renderer/sync/types';

let db: OknoDatabase;
beforeAll(async () => {
  db = await createOknoDatabase({ name: `db${randomToken(8).toLowerCase()}`, storage: getRxStorageMemory() });
});
afterAll(async () => {
  await db.remove();
});

const render = (element: ReactElement) =>
  renderToStaticMarkup(
    <DatabaseProvider database={db} sync={offlineSyncController()}>
      <I18nextProvider i18n={createI18n('ru')}>{element}</I18nextProvider>
    </DatabaseProvider>,
  );

describe('adding scans on a paper appeal', () => {
  it('offers «Добавить скан» in a signed-in session', () => {
    const queue = new ScanQueue(
      'unit',
      async () => ({ ok: false, error: { kind: 'network' } }),
      async () => {},
    );
    const html = render(
      <ScanQueueProvider value={queue}>
        <AppealScans appealId="appeal-1" />
      </ScanQueueProvider>,
    );
    expect(html).toContain('data-testid="appeal-scans"');
    expect(html).toContain('Добавить скан');
  });

  it('offers nothing where there is no session to upload through', () => {
    expect(render(<AppealScans appealId="appeal-1" />)).toBe('');
  });
});
