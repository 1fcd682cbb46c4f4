/**
 * «Бланк и подписи» and «Классификатор» in the app (issue 10): the demo administrator changes the
 * organisation's letterhead (a unique full name), uploads a logo, adds a second signatory and moves
 * them up to sign, sees the outgoing number's live example, saves, and gets the sample letter — a PDF
 * whose text carries the new full name and the new first signatory; then loads a classifier edition
 * from a JSON file, is told in Russian why a broken one is refused, and the desktop keeps the loaded
 * edition for offline work. «Журнал администратора» lists both changes. The demo organisation's
 * letterhead and the sample classifier edition are restored afterwards: other journeys print letters
 * and close appeals with it. With OKNO_SCREENSHOT=1 it writes docs/screenshots/admin-letterhead.png.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '../support/officials';
import { type ApiSession, apiLogin, type Json, serverUrl } from '../support/okno-api';

const tag = randomUUID().slice(0, 6);
const fullName = `Администрация города Демо (проверка ${tag})`;
const deputy = { position: 'Первый заместитель главы', name: `Е2Е ${tag} Сидорова` };
const root = path.join(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');
// Read as data: the e2e runner's loader takes no JSON module (shared/domain/classifier imports one).
const sampleText = readFileSync(
  path.join(root, 'shared', 'domain', 'classifier', 'sample-edition.json'),
  'utf8',
);
const sample = JSON.parse(sampleText) as { entries: { code: string; title: string }[] };
const logo = readFileSync(path.join(root, 'resources', 'icons', 'tray.png'));
const edition = {
  ...sample,
  edition: `Редакция округа ${tag}`,
  sample: false,
  entries: [...sample.entries, { code: '0005.0001.0001.0099', title: `Вопрос проверки ${tag}` }],
};

let admin: ApiSession;
let saved: { letterhead: Json; logo: Buffer | null };

const call = (method: string, route: string, body?: Buffer | string, type?: string) =>
  fetch(`${serverUrl}/api/v1${route}`, {
    method,
    headers: {
      authorization: `Bearer ${admin.accessToken}`,
      ...(type ? { 'content-type': type } : {}),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
  });

test.beforeAll(async () => {
  admin = await apiLogin('demo-admin');
  const letterhead = (await (await call('GET', '/admin/letterhead')).json()).letterhead;
  const storedLogo = await call('GET', '/admin/letterhead/logo');
  saved = {
    letterhead,
    logo: storedLogo.status === 200 ? Buffer.from(await storedLogo.arrayBuffer()) : null,
  };
});

test.afterAll(async () => {
  const { fullName, address, contacts, executorPhone, signatories, outgoingPattern } = saved.letterhead;
  const text = JSON.stringify({ fullName, address, contacts, executorPhone, signatories, outgoingPattern });
  expect((await call('PUT', '/admin/letterhead', text, 'application/json')).status).toBe(200);
  if (saved.logo) await call('PUT', '/admin/letterhead/logo', saved.logo, 'application/octet-stream');
  else await call('DELETE', '/admin/letterhead/logo');
  const restored = await call('PUT', '/admin/classifier', sampleText, 'application/json');
  expect(restored.status).toBe(200);
});

test.describe('letterhead and classifier', () => {
  test('the administrator sets the letterhead, logo and a second signatory, previews the letter, loads an edition', async ({
    officials,
  }) => {
    test.setTimeout(120_000);
    const page = await officials.signIn('demo-admin');
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('nav-admin').click();
    await page.getByRole('tab', { name: 'Бланк и подписи' }).click();

    await page.getByTestId('letterhead-full-name').fill(fullName);
    // The live example follows the pattern, and a pattern without a year is named at once.
    await page.getByTestId('letterhead-pattern').fill('01-{N:4}');
    await expect(page.getByTestId('outgoing-example')).toContainText('год');
    await page.getByTestId('letterhead-pattern').fill('01-{N:4}/{YY}');
    await expect(page.getByTestId('outgoing-example')).toHaveText(
      `Пример: 01-0017/${String(new Date().getFullYear()).slice(2)}`,
    );

    await page.getByTestId('signatory-add').click();
    const rows = page.getByTestId('letterhead-signatory');
    const last = (await rows.count()) - 1;
    await page.getByTestId(`signatory-position-${last}`).fill(deputy.position);
    await page.getByTestId(`signatory-name-${last}`).fill(deputy.name);
    for (let index = last; index > 0; index -= 1) await page.getByTestId(`signatory-up-${index}`).click();
    await expect(page.getByTestId('signatory-name-0')).toHaveValue(deputy.name);
    await expect(rows.first()).toContainText('Подписывает по умолчанию');
    await page.getByTestId('letterhead-save').click();
    await expect(page.getByTestId('letterhead-notice')).toHaveText('Бланк сохранён.');

    await page.getByTestId('letterhead-logo-file').setInputFiles({
      name: 'gerb.png',
      mimeType: 'image/png',
      buffer: logo,
    });
    await expect(page.getByTestId('letterhead-notice')).toHaveText('Логотип загружен.');
    await expect(page.getByTestId('letterhead-logo')).toBeVisible();
    // A file that is no image is refused in Russian, and the logo stays.
    await page.getByTestId('letterhead-logo-file').setInputFiles({
      name: 'gerb.png',
      mimeType: 'image/png',
      buffer: Buffer.from('not an image at all'),
    });
    await expect(page.getByTestId('letterhead-refusal')).toHaveText(
      'Логотип должен быть изображением PNG или JPEG.',
    );
    await expect(page.getByTestId('letterhead-logo')).toBeVisible();
    if (process.env.OKNO_SCREENSHOT === '1') {
      await page.getByTestId('letterhead-refusal').getByRole('button').click();
      await page.mouse.move(0, 0);
      // The file chooser scrolled the page: the screenshot starts at the top, tabs in sight.
      await page.evaluate(() => {
        for (const element of [document.scrollingElement, ...document.querySelectorAll('main')])
          if (element) element.scrollTop = 0;
      });
      await page.screenshot({ path: 'docs/screenshots/admin-letterhead.png' });
    }

    // «Образец письма (PDF)»: Chromium's own viewer shows it where there is one, else it is saved.
    const viewer = await page.evaluate(() => navigator.pdfViewerEnabled === true);
    let pdf: Buffer;
    if (viewer) {
      await page.getByTestId('letterhead-preview').click();
      await expect(page.getByTestId('letterhead-preview-pdf')).toBeVisible();
      pdf = Buffer.from(await (await call('GET', '/admin/letterhead/preview.pdf')).arrayBuffer());
      await page.keyboard.press('Escape');
    } else {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('letterhead-preview').click(),
      ]);
      expect(download.suggestedFilename()).toBe('Образец письма.pdf');
      pdf = readFileSync(await download.path());
    }
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const folder = mkdtempSync(path.join(tmpdir(), 'okno-e2e-letterhead-'));
    writeFileSync(path.join(folder, 'sample.pdf'), pdf);
    const text = execFileSync('pdftotext', ['-raw', path.join(folder, 'sample.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(text).toContain(`(проверка ${tag})`);
    expect(text).toContain(deputy.name);
    expect(text).toContain(deputy.position);

    await page.getByRole('tab', { name: 'Классификатор' }).click();
    await page.getByTestId('classifier-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(
        JSON.stringify({ ...edition, entries: [{ code: '0005.0005.0077.0001', title: 'Сирота' }] }),
      ),
    });
    await expect(page.getByTestId('classifier-refusal')).toContainText('нет вышестоящего уровня');
    await page.getByTestId('classifier-file').setInputFiles({
      name: 'edition.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(edition)),
    });
    await expect(page.getByTestId('classifier-notice')).toContainText(
      `Редакция «Редакция округа ${tag}» загружена`,
    );
    await expect(page.getByTestId('classifier-edition')).toHaveText(`Редакция: Редакция округа ${tag}`);

    // The desktop keeps the organisation's edition for closing appeals offline, from its next start.
    await page.reload();
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('okno.classifier.edition') ?? ''))
      .toContain(`Вопрос проверки ${tag}`);

    await page.getByTestId('nav-admin').click();
    await page.getByRole('tab', { name: 'Журнал администратора' }).click();
    await expect(page.getByText('Загружена редакция классификатора').first()).toBeVisible();
    await expect(page.getByText('Изменены бланк и подписи').first()).toBeVisible();
    await expect(page.getByText(`полное наименование:`).first()).toContainText(`(проверка ${tag})`);
  });
});
