/**
 * Issue 10, «Notices reach every applicant»: a head extends a reception appeal whose applicant gave
 * an e-mail address. The desktop no longer tells the official to notify the applicant by hand: the
 * server issues the extension notice letter and mails it (the e-mail itself, with the letter's PDF
 * attached, is checked against a real SMTP server in tests/integration/letters/email-notices.test.ts).
 * The official sees the notice in the appeal's thread as an e-mail with its outgoing number, and in
 * the appeal's letters; nothing is queued for the post.
 */
import { expect, test } from '@playwright/test';
import { chooseAction } from '../support/actions';
import { openFromInbox, signInToInbox } from '../support/inbox-page';
import { apiLogin, createAppeals, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';

test('a head extends a reception appeal of an applicant with an e-mail address: the server e-mails the notice on the letterhead', async ({
  page,
}) => {
  const supervisor = await apiLogin('demo-supervisor');
  const departments = await departmentsByCode(supervisor);
  const subject = uniqueSubject('Не работает лифт');
  const [appeal] = await createAppeals(supervisor, [
    {
      subject,
      departmentId: departments.ДТ!,
      regime: 'formal',
      channel: 'reception',
      applicant: { lastName: 'Белова', firstName: 'Ирина', patronymic: 'Олеговна' },
      contacts: { email: 'belova@example.ru' },
    },
  ]);
  expect(appeal.registrationNumber).toBeTruthy();

  await signInToInbox(page, 'demo-head');
  await openFromInbox(page, subject);
  await page.getByRole('button', { name: 'Взять в работу' }).click();
  await chooseAction(page, 'Продлить срок');
  await page.getByLabel(/На сколько дней/).fill('20');
  await page.getByLabel('Основание продления').fill('Запрошено заключение управляющей компании');
  await page.getByRole('button', { name: 'Подтвердить' }).click();
  const notice = page.getByTestId('extension-notice');
  await expect(notice).not.toHaveText(/сообщите ему о продлении сами/);
  await expect(notice).toHaveText(/Уведомление заявителю поставлено в очередь/, { timeout: 20_000 });

  // The thread shows the notice as an e-mail to the applicant, with the letter's outgoing number.
  const mailed = page
    .getByTestId('thread-message')
    .filter({ hasText: 'Письмо заявителю по электронной почте' });
  await expect(mailed).toContainText('Уведомление о продлении срока рассмотрения обращения');
  await expect(mailed).toContainText('во вложении (PDF)');
  const outgoing = /исх\. № (\S+) от/.exec((await mailed.textContent()) ?? '')?.[1];
  expect(outgoing).toMatch(/^Исх-\d+\/\d{4}$/);
  const letters = page.getByRole('region', { name: 'Письма' });
  await expect(letters.getByTestId('letter')).toContainText(`Исх. № ${outgoing}`);

  // Nothing for the post: the notice went to the outbox as an e-mail.
  const messages = (await pullAll(supervisor, 'messages')).filter((m) => m.appealId === appeal.id);
  expect(messages.map((m) => m.replyVia)).toEqual(['email']);
});
