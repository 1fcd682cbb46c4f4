import { expect, test } from '@playwright/test';
import { demoPassword } from '../../../server/src/accounts/seed-demo';
import { cutServer, openFromInbox } from '../support/inbox-page';
import { createAppeals, departmentsByCode, serverUrl, signIn, uniqueSubject } from '../support/okno-api';

// The first start of a desktop installed on an official's PC: no remembered server address and no
// default. The e2e web shell is a demo build (its default is the e2e server, OKNO_SERVER_URL), so the
// journey marks the tab as an installed build (`okno.serverDefault` = `none`, renderer/platform/web-bridge.ts)
// — then nothing but the address the official types tells the tab where its server is.
test.describe('the first start of a desktop: the server address', () => {
  test('asks for the address, refuses plain http to another host, signs in on the checked server, shows it in the profile, and «Сменить сервер» warns, wipes and asks again', async ({
    page,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Не работает уличный фонарь');
    await createAppeals(supervisor, [{ subject, departmentId: departments.ДТ!, channel: 'max' }]);

    await page.addInitScript(() => window.localStorage.setItem('okno.serverDefault', 'none'));
    await page.goto('/');
    const screen = page.getByTestId('server-address');
    await expect(page.getByRole('heading', { name: 'Адрес сервера' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Вход в систему' })).toHaveCount(0);
    const field = page.getByRole('textbox', { name: 'Адрес сервера' });
    const check = page.getByRole('button', { name: 'Проверить и продолжить' });
    const error = page.getByTestId('server-address-error');

    await field.fill('http://example.org');
    await check.click();
    await expect(error).toHaveAttribute('data-problem', 'insecure-remote');
    await expect(error).toContainText('Адрес http://example.org начинается с http://');
    await expect(error).toContainText('нужен адрес https://');

    // A loopback address where nothing listens: the check really asks the typed address.
    await field.fill('http://127.0.0.1:9');
    await check.click();
    await expect(error).toHaveAttribute('data-problem', 'unreachable');
    await expect(error).toContainText('Сервер http://127.0.0.1:9 не отвечает');

    await field.fill(`${serverUrl}/`);
    await check.click();
    await expect(screen).toHaveCount(0);
    await expect(page.getByTestId('server-address-note')).toHaveText(
      `Сервер: ${serverUrl}. Сменить его можно в профиле после входа.`,
    );
    const signInAs = async (login: string) => {
      await page.getByLabel('Логин').fill(login);
      await page.getByLabel(/^Пароль/).fill(demoPassword);
      await page.getByRole('button', { name: 'Войти', exact: true }).click();
      await expect(page.getByRole('listbox', { name: 'Список обращений' })).toBeVisible();
    };
    // Another official worked on this computer before (their local data and offline sign-in stay).
    await signInAs('demo-head');
    await page.getByRole('button', { name: 'Выйти' }).click();
    await signInAs('demo-operator');

    // Remembered: a restart goes straight back to the work.
    await page.reload();
    await expect(page.getByRole('listbox', { name: 'Список обращений' })).toBeVisible();
    await expect(screen).toHaveCount(0);

    await page.getByTestId('user-name').click();
    const profile = page.getByTestId('profile');
    await expect(profile).toContainText(serverUrl);
    await expect(profile).toContainText('Администрация г. Демо');
    await page.getByRole('button', { name: 'Закрыть профиль' }).click();

    // Work not yet sent: the server is cut off while the official takes the appeal.
    await openFromInbox(page, subject);
    await cutServer(page);
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(page.getByTestId('sync-chip')).toHaveAttribute('data-unsynced', '1');

    // What this computer keeps of the server's data: the documents in the app's IndexedDB databases
    // (RxDB's Dexie storage, one database per collection, `rxdb-dexie-okno-<user>--…`).
    const storedDocuments = () =>
      page.evaluate(async () => {
        const names = (await indexedDB.databases())
          .map((database) => database.name ?? '')
          .filter((name) => name.startsWith('rxdb-dexie-okno-'));
        let count = 0;
        for (const name of names) {
          const db = await new Promise<IDBDatabase>((resolve, reject) => {
            const request = indexedDB.open(name);
            request.onsuccess = () => resolve(request.result);
            request.onerror = () => reject(request.error);
          });
          const stores = [...db.objectStoreNames].filter((store) => store === 'docs');
          for (const store of stores) {
            count += await new Promise<number>((resolve, reject) => {
              const request = db.transaction(store).objectStore(store).count();
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error);
            });
          }
          db.close();
        }
        return count;
      });
    expect(await storedDocuments()).toBeGreaterThan(0);
    expect(
      await page.evaluate(() =>
        Object.keys(window.localStorage).filter((key) => key.startsWith('okno.offline.')),
      ),
    ).toHaveLength(2);

    await page.getByTestId('user-name').click();
    await page.getByRole('button', { name: 'Сменить сервер' }).click();
    const dialog = page.getByRole('dialog', { name: 'Сменить сервер?' });
    await expect(dialog.getByTestId('change-server-unsynced')).toHaveText(
      'Изменения, ещё не отправленные на сервер (1), будут потеряны безвозвратно.',
    );
    await dialog.getByRole('button', { name: 'Удалить данные и сменить сервер' }).click();

    await expect(page.getByRole('heading', { name: 'Адрес сервера' })).toBeVisible();
    await expect(field).toHaveValue('');
    // Nothing of the old server stays: neither official's documents, nor an offline sign-in.
    await expect.poll(storedDocuments).toBe(0);
    const signInsKept = await page.evaluate(() =>
      Object.keys(window.localStorage).filter((key) => /^okno\.(offline\.|lastUser|pending\.)/.test(key)),
    );
    expect(signInsKept).toEqual([]);
    // And it stays so after a restart: the address is asked again, no session comes back.
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Адрес сервера' })).toBeVisible();
    await expect(page.getByTestId('user-name')).toHaveCount(0);
  });
});
