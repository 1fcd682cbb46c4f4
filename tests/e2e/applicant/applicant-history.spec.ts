import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { openFromInbox, signInToInbox } from '../support/inbox-page';
import {
  type ApiSession,
  appealDoc,
  appealHistory,
  departmentsByCode,
  type NewAppeal,
  push,
  signIn,
} from '../support/okno-api';

/** A phone no other journey uses: the demo appeals of every journey share one. */
const uniquePhone = () => `+7916${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;

async function appealsOf(session: ApiSession, phone: string, specs: NewAppeal[]) {
  const docs = specs.map((spec) => {
    const doc = appealDoc(session.user.orgId, spec);
    return { ...doc, applicant: { ...doc.applicant, contacts: { ...doc.applicant.contacts, phone } } };
  });
  const answer = await push(
    session,
    'appeals',
    docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
  );
  expect(answer.refusals).toEqual([]);
  return docs;
}

test.describe('all appeals of an applicant and the repeat warning', () => {
  test('a new appeal warns of the same applicant’s open appeal on the subject, names the evidence, and is marked as a repeat', async ({
    page,
    request,
  }) => {
    const tag = `повтор${randomUUID().slice(0, 6)}`;
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const phone = uniquePhone();
    const earlier = `Не убирают снег во дворе ${tag}а`;
    const other = `Запись в детский сад ${tag}б`;
    const latest = `Снег во дворе так и не убран ${tag}в`;
    const [first, , third] = await appealsOf(supervisor, phone, [
      { subject: earlier, departmentId: departments.ДТ!, category: 'roads', receivedHoursAgo: 72 },
      { subject: other, departmentId: departments.ДТ!, category: 'education', receivedHoursAgo: 48 },
      { subject: latest, departmentId: departments.ДТ!, category: 'roads', receivedHoursAgo: 1 },
    ]);

    await signInToInbox(page, 'demo-operator');
    await page.getByRole('button', { name: 'Все открытые' }).click();
    await openFromInbox(page, latest);
    await expect(page.getByRole('heading', { level: 1, name: latest })).toBeVisible();

    const warning = page.getByTestId('repeat-warning');
    await expect(warning).toContainText('Возможно, повторное обращение.');
    await expect(warning).toContainText('телефон');
    await expect(warning).toContainText('та же категория');
    await expect(warning).toContainText(earlier);

    const history = page.getByRole('region', { name: 'Все обращения заявителя' });
    await expect(history.getByTestId('applicant-appeal')).toHaveCount(2);
    await expect(history.getByTestId('applicant-appeal').first()).toContainText(other);
    await expect(history).toContainText('Совпадение: телефон');

    await warning.getByRole('button', { name: 'Отметить как повторное' }).click();
    await expect(page.getByTestId('repeat-mark')).toContainText('Отмечено как повторное');
    await expect(page.getByTestId('repeat-warning')).toHaveCount(0);

    // The mark is in the appeal's history on the server, and links the earlier appeal back.
    const operator = await signIn(request, 'demo-operator');
    const entries = await appealHistory(operator, third!.id);
    expect(entries.map((entry: { action: string }) => entry.action)).toContain('appeal.repeat_mark');
    const back = await request.get(`/api/v1/appeals/${first!.id}/applicant-appeals`, {
      headers: { authorization: `Bearer ${operator.accessToken}` },
    });
    expect((await back.json()).repeatedBy).toEqual([third!.id]);

    // The mark replicates with the appeal (repeatOf): the inbox row says «Повторное», and its pill opens
    // the earlier appeal, whose card is not marked.
    await page.keyboard.press('Escape');
    const row = page.getByTestId('inbox-row').filter({ hasText: latest });
    const pill = row.getByTestId('inbox-row-repeat');
    await expect(pill).toHaveText('Повторное');
    await pill.click();
    await expect(page.getByRole('heading', { level: 1, name: earlier })).toBeVisible();
    await expect(page.getByTestId('repeat-mark')).toHaveCount(0);
  });

  test('a reception clerk typing the phone of an applicant with an open appeal on the subject is warned before saving', async ({
    page,
    request,
  }) => {
    const tag = `приём${randomUUID().slice(0, 6)}`;
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const phone = uniquePhone();
    const earlier = `Не вывозят мусор с площадки ${tag}`;
    await appealsOf(supervisor, phone, [
      { subject: earlier, departmentId: departments.ДТ!, category: 'waste', receivedHoursAgo: 48 },
    ]);

    await signInToInbox(page, 'demo-operator');
    await page.getByTestId('nav-reception').click();
    await page.getByLabel('Тема', { exact: true }).fill('Мусор не вывозят вторую неделю');
    await page.getByRole('textbox', { name: 'Телефон', exact: true }).fill(`8${phone.slice(2)}`);
    const warning = page.getByTestId('reception-repeat-warning');
    await expect(warning).toContainText('Возможно, повторное обращение.');
    await expect(warning).toContainText('телефон');
    await expect(warning).toContainText(earlier);
  });
});
