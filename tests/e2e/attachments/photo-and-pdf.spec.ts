/**
 * Issue 10, acceptance journey 3: a citizen sends a photo of a pothole to the demo organisation's
 * Telegram bot (the project's Telegram fake); the operator opens the photo inside the app — the
 * download is audited on the appeal — and answers with a PDF attached; the citizen receives the same
 * PDF in the chat, as the fake's sendDocument shows.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { incidentFromChat, openChatAppeal } from '../chat/support';
import { telegramCitizen, telegramViolations } from '../support/citizen';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, appealHistory, uniqueSubject } from '../support/okno-api';

const here = path.dirname(new URL(import.meta.url).pathname);
const photo = readFileSync(path.join(here, 'pothole.jpg'));
const plan = readFileSync(path.join(here, 'repair-plan.pdf'));

test('issue 10: the operator opens a citizen’s photo in the app and answers with a PDF the citizen receives in Telegram', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const refusedByPolicy: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusedByPolicy.push(message.text());
  });
  const supervisor = await apiLogin('demo-supervisor');
  const citizen = telegramCitizen('Мария', 'Соколова');
  const text = uniqueSubject('Яма у подъезда дома 12 по улице Мира, фото приложила');
  const { incident } = await incidentFromChat(supervisor, citizen, text, photo);
  expect(incident.attachments).toEqual([
    expect.objectContaining({ mimeType: 'image/jpeg', size: photo.length }),
  ]);

  await signInToInbox(page, 'demo-operator');
  await openChatAppeal(page, text);
  const thread = page.getByRole('region', { name: 'Переписка' });
  const photoName = incident.attachments[0].name as string;
  // The appeal's own text and its first message show the photo once (appeal-text-once.ts).
  await thread.getByTestId('appeal-file').filter({ hasText: photoName }).first().click();
  const dialog = page.getByRole('dialog', { name: photoName });
  const image = dialog.getByTestId('file-preview-image');
  await expect(image).toBeVisible();
  // The browser decoded the citizen's JPEG (a broken image has no natural width).
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
  await dialog.getByRole('button', { name: 'Закрыть' }).click();
  await expect(dialog).toBeHidden();
  await expect
    .poll(
      async () =>
        (await appealHistory(supervisor, incident.id)).filter((e) => e.action === 'appeal.file.download')
          .length,
    )
    .toBe(1);

  await page.getByRole('button', { name: 'Взять в работу' }).click();
  await expect(page.getByTestId('appeal-status')).toHaveText('В работе');
  const composer = page.getByRole('region', { name: 'Ответ заявителю' });
  const answer = `Мария, яму у подъезда заделают в июне, план работ во вложении. ${text.slice(-6)}`;
  await composer.getByLabel('Текст ответа').fill(answer);
  // A program named as a PDF is refused here, before any upload.
  await composer.getByTestId('answer-file-input').setInputFiles({
    name: 'план.exe',
    mimeType: 'application/x-msdownload',
    buffer: Buffer.from('MZ'),
  });
  await expect(composer.getByRole('alert')).toContainText('Файл «план.exe» нельзя приложить');
  await composer.getByTestId('answer-file-input').setInputFiles({
    name: 'План ремонта двора.pdf',
    mimeType: 'application/pdf',
    buffer: plan,
  });
  await expect(composer.getByTestId('answer-file')).toContainText('План ремонта двора.pdf');
  await composer.getByRole('button', { name: 'Отправить ответ' }).click();

  await expect
    .poll(async () => (await citizen.received()).some((m) => m.method === 'sendDocument'), {
      timeout: 30_000,
      message: 'the answer’s PDF in the chat',
    })
    .toBe(true);
  const documents = (await citizen.received()).filter((m) => m.method === 'sendDocument');
  // An incident has no answer letter: the one document is the operator's, captioned with the answer.
  expect(documents).toHaveLength(1);
  expect(documents[0]).toMatchObject({
    caption: answer,
    document: {
      filename: 'План ремонта двора.pdf',
      contentType: 'application/pdf',
      size: plan.length,
      sha256: createHash('sha256').update(plan).digest('hex'),
    },
  });
  expect(await telegramViolations()).toEqual([]);

  // The answer in the thread lists its file, which opens from the appeal too and saves as itself.
  await thread.getByTestId('appeal-file').filter({ hasText: 'План ремонта двора.pdf' }).click();
  const pdfDialog = page.getByRole('dialog', { name: 'План ремонта двора.pdf' });
  // The browser's PDF viewer where it has one, else a word that the PDF is to be saved.
  await expect(
    pdfDialog.getByTestId('file-preview-pdf').or(pdfDialog.getByText('В этом окне PDF не показывается')),
  ).toBeVisible();
  // The viewer's frame was let in (frame-src blob:), nothing else was.
  expect(refusedByPolicy).toEqual([]);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    pdfDialog.getByRole('button', { name: 'Сохранить' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('План ремонта двора.pdf');
  const saved = await download.path();
  expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(
    createHash('sha256').update(plan).digest('hex'),
  );
});
