/**
 * Issue 10, acceptance journey 4: a head extends a reception appeal whose applicant has only a
 * postal address; the server queues the extension notice letter in «Печать и отправка почтой»; an
 * official downloads it on the letterhead as PDF (read back with pdftotext) and marks it mailed.
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { chooseAction } from '../support/actions';
import { openFromInbox, signInToInbox } from '../support/inbox-page';
import { apiLogin, createAppeals, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';

test('a head extends a reception appeal: the notice letter is queued for the post, printed to PDF and marked mailed; the appeal lists its letters', async ({
  page,
}, testInfo) => {
  const supervisor = await apiLogin('demo-supervisor');
  const departments = await departmentsByCode(supervisor);
  const subject = uniqueSubject('Протекает крыша');
  // Filed in person: a phone and a postal address, no e-mail, no chat.
  const [appeal] = await createAppeals(supervisor, [
    {
      subject,
      departmentId: departments.ДТ!,
      regime: 'formal',
      channel: 'reception',
      applicant: { lastName: 'Кузьмина', firstName: 'Анна', patronymic: 'Сергеевна' },
    },
  ]);
  expect(appeal.registrationNumber).toBeTruthy();

  await signInToInbox(page, 'demo-head');
  await openFromInbox(page, subject);
  await page.getByRole('button', { name: 'Взять в работу' }).click();
  await chooseAction(page, 'Продлить срок');
  await page.getByLabel(/На сколько дней/).fill('30');
  await page.getByLabel('Основание продления').fill('Запрошено заключение управляющей компании');
  await page.getByRole('button', { name: 'Подтвердить' }).click();
  // The promise the desktop makes is kept: once the change syncs, the server queues the letter.
  await expect(page.getByTestId('extension-notice')).toHaveText(
    /Уведомление заявителю поставлено в очередь/,
    {
      timeout: 20_000,
    },
  );

  await page.getByTestId('nav-mailing').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Печать и отправка почтой' })).toBeVisible();
  const row = page.locator(`[data-testid="mailing-row"][data-appeal-id="${appeal.id}"]`);
  await expect(row).toContainText('Уведомление о продлении срока рассмотрения обращения');
  await expect(row).toContainText('Кузьмина Анна Сергеевна');
  await expect(row).toContainText('г. Демо, ул. Центральная, д. 1, кв. 1');
  const outgoing = /исх\. № (\S+) от/.exec((await row.textContent()) ?? '')?.[1];
  expect(outgoing).toMatch(/^Исх-\d+\/\d{4}$/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    row.getByRole('button', { name: 'PDF' }).click(),
  ]);
  const file = testInfo.outputPath('notice.pdf');
  await download.saveAs(file);
  expect(download.suggestedFilename()).toBe(`${outgoing!.replace('/', '_')}.pdf`);
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain('Администрация города Демо Демской области');
  expect(text).toContain(`Исх. № ${outgoing}`);
  expect(text).toContain('Уважаемый(ая) Анна Сергеевна!');
  expect(text).toContain(`№ ${appeal.registrationNumber}`);
  expect(text).toContain('частью 2 статьи 12');
  expect(text).toContain('Запрошено заключение управляющей компании');

  await row.getByRole('button', { name: 'Письмо отправлено почтой' }).click();
  await expect(row).toHaveCount(0);
  await expect
    .poll(
      async () =>
        (await pullAll(supervisor, 'messages')).find((m) => m.appealId === appeal.id && m.replyVia === 'post')
          ?.deliveryStatus,
      { timeout: 15_000 },
    )
    .toBe('sent');

  // The appeal keeps its letters: the notice with its number, and the receipt prepared on request.
  await page.getByTestId('nav-inbox').click();
  await openFromInbox(page, subject);
  const letters = page.getByRole('region', { name: 'Письма' });
  await expect(letters.getByTestId('letter')).toContainText(`Исх. № ${outgoing}`);
  await letters.getByRole('button', { name: 'Оформить: Расписка в получении обращения' }).click();
  const receipt = letters.getByTestId('letter').filter({ hasText: 'Расписка в получении обращения' });
  await expect(receipt).toBeVisible();
  const [docx] = await Promise.all([
    page.waitForEvent('download'),
    receipt.getByRole('button', { name: 'DOCX' }).click(),
  ]);
  const document = testInfo.outputPath('receipt.docx');
  await docx.saveAs(document);
  const xml = execFileSync('unzip', ['-p', document, 'word/document.xml'], { encoding: 'utf8' });
  expect(xml).toContain(`зарегистрировано под № ${appeal.registrationNumber}`);
});
