/**
 * Issue 10, scans of paper appeals: (a) online — an official registers a reception appeal with the
 * applicant's scanned written appeal (PDF), which is uploaded once the appeal reached the server and
 * opens from the appeal in the app's preview; (b) offline — a scan added to a postal appeal is kept on
 * this computer «ожидает отправки», and uploads and opens once the connection returns.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openAppealFromInbox, registerAtReception, runCommand } from '../appeal/support';
import { signInToInbox } from '../support/inbox-page';
import {
  apiLogin,
  appealHistory,
  createAppeals,
  departmentsByCode,
  pullAll,
  uniqueSubject,
} from '../support/okno-api';

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'attachments');
const scannedLetter = readFileSync(path.join(fixtures, 'repair-plan.pdf'));
const envelopePhoto = readFileSync(path.join(fixtures, 'pothole.jpg'));

test('(a) online: a reception appeal registered with a scanned PDF; the scan opens from the appeal', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInToInbox(page, 'demo-operator');
  await runCommand(page, 'Новая карточка личного приёма');
  await expect(page.getByRole('heading', { name: 'Приём обращения' })).toBeVisible();

  // A TIFF, many scanners' default, is refused with the reason before anything is kept.
  await page.getByTestId('scan-input').setInputFiles({
    name: 'scan0001.tif',
    mimeType: 'image/tiff',
    buffer: Buffer.from('II*\0'),
  });
  await expect(page.getByRole('alert').filter({ hasText: 'scan0001.tif' })).toContainText('TIFF');
  await page.getByTestId('scan-input').setInputFiles({
    name: 'Заявление Петрова.pdf',
    mimeType: 'application/pdf',
    buffer: scannedLetter,
  });
  await expect(page.getByTestId('chosen-scans')).toContainText('Заявление Петрова.pdf');

  const subject = uniqueSubject('Не работает фонарь, заявление на бумаге');
  await registerAtReception(page, subject);
  await expect(page.getByTestId('reception-number')).toHaveText(/^Регистрационный номер: /, {
    timeout: 30_000,
  });
  await page.getByRole('button', { name: 'Открыть', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();

  const thread = page.getByRole('region', { name: 'Переписка' });
  const scan = thread.getByTestId('appeal-file').filter({ hasText: 'Заявление Петрова.pdf' });
  await expect(scan).toBeVisible({ timeout: 30_000 });
  await expect(thread.getByTestId('pending-scan')).toHaveCount(0);
  await scan.click();
  const dialog = page.getByRole('dialog', { name: 'Заявление Петрова.pdf' });
  await expect(
    dialog.getByTestId('file-preview-pdf').or(dialog.getByText('В этом окне PDF не показывается')),
  ).toBeVisible();
  await dialog.getByRole('button', { name: 'Закрыть' }).click();

  const operator = await apiLogin('demo-operator');
  const storedWith = async () => (await pullAll(operator, 'appeals')).find((a) => a.subject === subject);
  // The appeal names the scan once the desktop's push after the upload arrived.
  await expect
    .poll(async () => (await storedWith())?.attachments, { timeout: 30_000 })
    .toEqual([
      expect.objectContaining({
        name: 'Заявление Петрова.pdf',
        mimeType: 'application/pdf',
        size: scannedLetter.length,
      }),
    ]);
  const stored = await storedWith();
  const history = await appealHistory(operator, stored.id);
  expect(history.filter((e) => e.action === 'appeal.scan.upload')).toHaveLength(1);
  await expect
    .poll(async () =>
      (await appealHistory(operator, stored.id)).some((e) => e.action === 'appeal.file.download'),
    )
    .toBe(true);
});

test('(b) offline: a scan added to a postal appeal waits «ожидает отправки», then uploads and opens', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  const supervisor = await apiLogin('demo-supervisor');
  const departments = await departmentsByCode(supervisor);
  const subject = uniqueSubject('Письмо о ремонте крыльца');
  const [postal] = await createAppeals(supervisor, [
    { subject, departmentId: departments.ДТ!, regime: 'formal', channel: 'post' },
  ]);

  await signInToInbox(page, 'demo-operator');
  await openAppealFromInbox(page, subject);
  const thread = page.getByRole('region', { name: 'Переписка' });
  await expect(thread.getByTestId('appeal-scans')).toBeVisible();

  await context.setOffline(true);
  await thread.getByTestId('scan-input').setInputFiles({
    name: 'Конверт письма.jpg',
    mimeType: 'image/jpeg',
    buffer: envelopePhoto,
  });
  const pending = thread.getByTestId('pending-scan');
  await expect(pending).toContainText('Конверт письма.jpg');
  await expect(pending).toContainText('ожидает отправки');
  // Still waiting a while later: the queue retries, the scan stays on this computer.
  await page.waitForTimeout(4_000);
  await expect(pending).toContainText('ожидает отправки');
  expect((await pullAll(supervisor, 'appeals')).find((a) => a.id === postal.id)?.attachments).toEqual([]);

  await context.setOffline(false);
  await expect(pending).toHaveCount(0, { timeout: 30_000 });
  const scan = thread.getByTestId('appeal-file').filter({ hasText: 'Конверт письма.jpg' });
  await expect(scan).toBeVisible();
  await scan.click();
  const image = page.getByRole('dialog', { name: 'Конверт письма.jpg' }).getByTestId('file-preview-image');
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);

  await expect
    .poll(async () => (await pullAll(supervisor, 'appeals')).find((a) => a.id === postal.id)?.attachments, {
      timeout: 30_000,
    })
    .toEqual([
      expect.objectContaining({
        name: 'Конверт письма.jpg',
        mimeType: 'image/jpeg',
        size: envelopePhoto.length,
      }),
    ]);
});
