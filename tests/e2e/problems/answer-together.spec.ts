import { randomInt, randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { cutServer, findInInbox, openFromInbox, restoreServer, signInToInbox } from '../support/inbox-page';
import {
  type ApiSession,
  appealDoc,
  appealOnServer,
  departmentsByCode,
  type NewAppeal,
  push,
  signIn,
} from '../support/okno-api';

/** A street no other journey names: a capitalised word of random Cyrillic letters. */
const uniqueStreet = () =>
  `Кленов${Array.from({ length: 5 }, () => 'бвгджзклмнпрстф'.charAt(randomInt(15))).join('')}ая`;
const uniquePhone = () => `+7916${String(randomInt(10_000_000)).padStart(7, '0')}`;

/** Each appeal from a citizen of their own (own phone). */
async function citizensWrite(session: ApiSession, specs: NewAppeal[]) {
  const docs = specs.map((spec) => {
    const doc = appealDoc(session.user.orgId, spec);
    const contacts = { ...doc.applicant.contacts, phone: uniquePhone() };
    return { ...doc, applicant: { ...doc.applicant, contacts } };
  });
  const answer = await push(
    session,
    'appeals',
    docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
  );
  expect(answer.refusals).toEqual([]);
  return docs;
}

test('two citizens write about one house; the operator sees the evidence, groups them and answers both at once', async ({
  page,
  request,
}) => {
  const street = uniqueStreet();
  const tag = randomUUID().slice(0, 6);
  const supervisor = await signIn(request, 'demo-supervisor');
  const departments = await departmentsByCode(supervisor);
  const firstSubject = `Яма у дома ${tag}а`;
  const secondSubject = `Опасная яма на дороге ${tag}б`;
  const [first, second] = await citizensWrite(supervisor, [
    {
      subject: firstSubject,
      text: `На ${street} 5 огромная яма на дороге, машины бьют колеса`,
      departmentId: departments.ДТ!,
      category: 'roads',
      applicant: { lastName: 'Морозова', firstName: 'Вера' },
      receivedHoursAgo: 30,
    },
    {
      subject: secondSubject,
      text: `ул. ${street}, д. 5 — большая яма на проезжей части, опасно`,
      departmentId: departments.ДТ!,
      category: 'roads',
      applicant: { lastName: 'Гусев', firstName: 'Павел' },
      receivedHoursAgo: 2,
    },
  ]);

  await signInToInbox(page, 'demo-operator');
  await page.getByRole('button', { name: 'Все открытые' }).click();
  await openFromInbox(page, secondSubject);
  await expect(page.getByRole('heading', { level: 1, name: secondSubject })).toBeVisible();

  const candidates = page.getByTestId('problem-candidates');
  await expect(candidates).toContainText('Возможно, та же проблема');
  const candidate = candidates.getByTestId('problem-candidate').filter({ hasText: firstSubject });
  await expect(candidate).toContainText(`тот же адрес: ул. ${street}, 5`);
  await expect(candidate).toContainText('та же категория');
  await expect(candidate).toContainText('разница 1 дн.');
  await candidate.getByRole('button', { name: 'Объединить' }).click();

  const group = page.getByTestId('problem-group');
  await expect(group.getByTestId('problem-count')).toHaveText('Обращений в группе: 2');
  await expect(group.getByTestId('problem-member')).toContainText(firstSubject);
  await expect(page.getByTestId('problem-candidates')).toHaveCount(0);

  // The inbox rows of the grouped appeals carry the badge with the count this desktop holds.
  await page.keyboard.press('Escape');
  await findInInbox(page, firstSubject);
  const row = page.getByTestId('inbox-row').filter({ hasText: firstSubject });
  await expect(row.getByTestId('inbox-row-problem')).toHaveText('Одна проблема · 2');
  await openFromInbox(page, secondSubject);

  await expect(group.getByTestId('problem-count')).toHaveText('Обращений в группе: 2');
  await group.getByRole('button', { name: 'Ответить всем' }).click();
  const answer = `Яму на ул. ${street}, 5 заделают до конца недели (${tag}).`;
  await page.getByTestId('problem-answer-text').fill(answer);
  await page.getByRole('button', { name: 'Отправить всем' }).click();
  await expect(page.getByTestId('problem-answered')).toContainText('Ответ отправлен заявителям: 2');

  // Both citizens' appeals are answered on the server, each with the answer of its own.
  await expect
    .poll(async () => (await appealOnServer(supervisor, first!.id))?.status, { timeout: 10_000 })
    .toBe('answered');
  expect((await appealOnServer(supervisor, second!.id))?.status).toBe('answered');

  // Without the server the card still shows the group, from the appeals this desktop holds.
  await cutServer(page);
  // A sync attempt finds the server gone.
  await page.getByTestId('sync-chip').press('Space');
  await page.getByRole('button', { name: 'Повторить синхронизацию' }).press('Space');
  await page.keyboard.press('Escape');
  const offline = page.getByTestId('problem-offline');
  await expect(offline).toContainText('Обращений в группе: 2', { timeout: 30_000 });
  await expect(offline).toContainText(firstSubject);
  await restoreServer(page);
});
