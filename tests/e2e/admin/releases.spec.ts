/**
 * Releases of the desktop app on the organisation's server (issue 16): the demo administrator uploads
 * a release through «Администрирование» → «Обновления» — first one whose installer does not match
 * latest.yml (refused, said in Russian), then the right one for a tenth of the desktops — widens it to
 * everyone, withdraws it, and finds all three steps in «Журнал администратора». A desktop that names
 * the version (X-Okno-Version, as the app:// forwarder does) appears in the supervisor's «Рабочие места».
 * The version is unique per run: the e2e server's demo organisation is shared by every journey.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { expect, test } from '../support/officials';
import { apiLogin } from '../support/okno-api';

const version = `9.${randomInt(1, 1_000_000)}.${randomInt(0, 1000)}`;
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

function releaseFiles(damaged: boolean) {
  const exe = `Okno-Setup-${version}.exe`;
  const appImage = `Okno-${version}.AppImage`;
  const exeBytes = randomBytes(20_000);
  const appImageBytes = randomBytes(15_000);
  const yml = (name: string, bytes: Buffer) =>
    [
      `version: ${version}`,
      'files:',
      `  - url: ${name}`,
      `    sha512: ${sha512(bytes)}`,
      `    size: ${bytes.length}`,
      `path: ${name}`,
      `sha512: ${sha512(bytes)}`,
      "releaseDate: '2026-12-01T10:00:00.000Z'",
      '',
    ].join('\n');
  const shipped = damaged
    ? Buffer.concat([exeBytes.subarray(1), Buffer.from([exeBytes[0]! ^ 0xff])])
    : exeBytes;
  return [
    { name: exe, mimeType: 'application/octet-stream', buffer: shipped },
    { name: appImage, mimeType: 'application/octet-stream', buffer: appImageBytes },
    { name: 'latest.yml', mimeType: 'text/yaml', buffer: Buffer.from(yml(exe, exeBytes)) },
    { name: 'latest-linux.yml', mimeType: 'text/yaml', buffer: Buffer.from(yml(appImage, appImageBytes)) },
  ];
}

test.describe('desktop releases', () => {
  test('the administrator uploads, rolls out and withdraws a release; a damaged one is refused', async ({
    officials,
  }) => {
    test.setTimeout(90_000);
    const admin = await officials.signIn('demo-admin');
    await admin.getByTestId('nav-admin').click();
    await admin.getByRole('tab', { name: 'Обновления' }).click();

    await admin.getByTestId('release-files').setInputFiles(releaseFiles(true));
    await expect(admin.getByText('Выбрано 4 файла')).toBeVisible();
    await admin.getByRole('button', { name: 'Загрузить выпуск' }).click();
    await expect(
      admin.getByText('Файл не совпадает с latest.yml по контрольной сумме или размеру'),
    ).toBeVisible();
    await expect(admin.locator(`[data-testid="release-row"][data-version="${version}"]`)).toHaveCount(0);

    await admin.getByTestId('release-files').setInputFiles(releaseFiles(false));
    await admin.getByLabel('Доля рабочих мест, %').fill('10');
    await admin.getByRole('button', { name: 'Загрузить выпуск' }).click();
    await expect(admin.getByText(`Выпуск ${version} загружен и проверен.`)).toBeVisible();
    const row = admin.locator(`[data-testid="release-row"][data-version="${version}"]`);
    await expect(row.getByTestId('release-rollout')).toHaveText('10 % рабочих мест');
    await expect(row).toContainText('Linux, Windows');

    // A desktop of the organisation names its version on its calls; the feed serves the metadata.
    const desktop = await apiLogin('demo-operator');
    const headers = { authorization: `Bearer ${desktop.accessToken}`, 'x-okno-version': version };
    expect((await desktop.request.get('/api/v1/updates/status?platform=win', { headers })).status()).toBe(
      200,
    );

    await row.getByRole('button', { name: 'Изменить охват' }).click();
    await admin.getByRole('dialog').getByLabel('Доля рабочих мест, %').fill('100');
    await admin.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
    await expect(row.getByTestId('release-rollout')).toHaveText('всем рабочим местам');
    const feed = await desktop.request.get('/api/v1/updates/win/latest.yml', { headers });
    expect(await feed.text()).toContain(`version: ${version}`);

    await row.getByRole('button', { name: 'Отозвать' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Отозвать' }).click();
    await expect(row.getByTestId('release-rollout')).toHaveText('отозван');
    await expect(admin.getByText(`Выпуск ${version} отозван`)).toBeVisible();

    await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
    await expect(admin.getByText(`latest ${version}`).first()).toBeVisible();
    await expect(admin.getByText('Отозван выпуск программы').first()).toBeVisible();
    await expect(admin.getByText('Изменён охват выпуска').first()).toBeVisible();
    await expect(admin.getByText('доля рабочих мест, %: 10 → 100').first()).toBeVisible();

    const supervisor = await officials.signIn('demo-supervisor');
    await supervisor.getByTestId('nav-supervisor').click();
    const desktops = supervisor.getByTestId('desktops');
    await expect(desktops.getByText('Рабочие места')).toBeVisible();
    await expect(desktops.getByTestId('desktop-row').filter({ hasText: version }).first()).toBeVisible();
  });
});
