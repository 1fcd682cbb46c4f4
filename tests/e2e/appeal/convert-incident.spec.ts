import { expect, test } from '@playwright/test';
import { openFromInbox, signInToInbox } from '../support/inbox-page';
import {
  appealHistory,
  appealOnServer,
  createAppeals,
  departmentsByCode,
  signIn,
  uniqueSubject,
} from '../support/okno-api';

test.describe('an incident edited and turned into a formal appeal', () => {
  test('the operator corrects subject, category and urgency, then makes a formal appeal at the citizen’s request', async ({
    page,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Яма во дворе');
    const [incident] = await createAppeals(supervisor, [
      { subject, departmentId: departments.ДТ!, regime: 'incident', channel: 'vk' },
    ]);

    await signInToInbox(page, 'demo-operator');
    await page.getByRole('button', { name: 'Все открытые' }).click();
    await openFromInbox(page, subject);

    const corrected = `${subject} у школы`;
    await page.getByRole('button', { name: 'Изменить тему, категорию, срочность' }).click();
    const edit = page.getByRole('dialog', { name: 'Тема, категория и срочность' });
    await edit.getByLabel('Тема').fill(corrected);
    // The menu opens on a click that lands after the dialog's opening transition: retry until it shows.
    const roads = page.getByRole('option', { name: 'Дороги', exact: true });
    await expect(async () => {
      if (!(await roads.isVisible())) await edit.getByRole('combobox', { name: 'Категория' }).click();
      await expect(roads).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await roads.click();
    await edit.getByLabel(/Срочное/).check();
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await expect(page.getByRole('heading', { level: 1, name: corrected })).toBeVisible();
    await expect
      .poll(async () => {
        const stored = await appealOnServer(supervisor, incident.id);
        return stored && [stored.subject, stored.category, stored.urgent];
      })
      .toEqual([corrected, 'roads', true]);
    const edited = (await appealHistory(supervisor, incident.id)).at(-1);
    expect(Object.keys(edited.fields)).toEqual(expect.arrayContaining(['subject', 'category', 'urgent']));

    await page.getByRole('button', { name: 'Оформить как обращение (59-ФЗ)' }).click();
    const convert = page.getByRole('dialog', { name: 'Оформление обращения по просьбе заявителя' });
    await convert.getByRole('button', { name: 'Оформить обращение' }).click();
    await expect(convert.getByLabel('Фамилия, имя, отчество заявителя')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await convert.getByLabel('Фамилия, имя, отчество заявителя').fill('Петрова Анна Сергеевна');
    await convert.getByLabel('Электронная почта').fill('anna.petrova@example.ru');
    await convert.getByLabel('Почтовый адрес').fill('');
    await convert.getByRole('button', { name: 'Оформить обращение' }).click();

    // The formal appeal opens; the server registers it and links it to the incident both ways.
    await expect(page.getByRole('heading', { level: 1, name: corrected })).toBeVisible();
    await expect(page.getByTestId('appeal-status')).toHaveText('Зарегистрировано', { timeout: 20_000 });
    await expect.poll(async () => (await appealOnServer(supervisor, incident.id))?.status).toBe('converted');
    const converted = await appealOnServer(supervisor, incident.id);
    const formal = await appealOnServer(supervisor, converted.convertedToId);
    expect(formal).toMatchObject({ regime: 'formal', convertedFromId: incident.id, status: 'registered' });
    expect(formal.registrationNumber).toEqual(expect.any(String));
    expect(formal.applicant.name).toEqual({
      lastName: 'Петрова',
      firstName: 'Анна',
      patronymic: 'Сергеевна',
    });
  });
});
