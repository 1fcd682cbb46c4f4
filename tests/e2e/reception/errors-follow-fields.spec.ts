import { expect, test } from '@playwright/test';
import { runCommand } from '../appeal/support';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, pullAll, uniqueSubject } from '../support/okno-api';

test.describe('the reception card’s errors (defect 10)', () => {
  test('errors follow the fields: fixed ones go at once, the postcode rule shows on leaving the address, the series error stands under the series, a letter takes its date of receipt', async ({
    page,
  }) => {
    await signInToInbox(page, 'demo-operator');
    await runCommand(page, 'Новая карточка личного приёма');
    await expect(page.getByRole('heading', { name: 'Приём обращения' })).toBeVisible();

    // The postcode rule before any save: on leaving the field.
    const address = page.getByLabel('Почтовый адрес');
    await address.fill('г. Тверь, ул. Советская, д. 1, кв. 2');
    await address.blur();
    await expect(page.getByText('Укажите в адресе почтовый индекс — 6 цифр.')).toBeVisible();
    await address.fill('170000, г. Тверь, ул. Советская, д. 1, кв. 2');
    await expect(page.getByText('Укажите в адресе почтовый индекс — 6 цифр.')).toHaveCount(0);

    // A save with a short series: the error stands under the series field, and goes once it is fixed.
    await page.getByLabel('Фамилия, имя, отчество').fill('Петров Иван Сергеевич');
    await page.getByLabel('Серия паспорта').fill('45');
    await page.getByLabel('Номер паспорта').fill('987654');
    await page.getByRole('textbox', { name: 'Телефон' }).fill('+7 912 345-67-89');
    await page.getByRole('button', { name: 'Зарегистрировать обращение' }).click();
    const seriesError = page
      .getByLabel('Серия паспорта')
      .locator('xpath=ancestor::div[contains(@class,"MuiFormControl-root")][1]');
    await expect(seriesError).toContainText('Серия паспорта — 4 цифры, например 45 03.');
    await expect(page.getByText('Выберите категорию.')).toBeVisible();
    await page.getByLabel('Серия паспорта').fill('45 03');
    await expect(page.getByText('Серия паспорта — 4 цифры, например 45 03.')).toHaveCount(0);

    // A letter: «Почта» has no passport and takes the date it was received.
    await page.getByRole('radio', { name: 'Почта' }).check();
    const receivedOn = page.getByLabel('Дата поступления письма');
    await expect(receivedOn).toBeVisible();
    const earlier = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
    await receivedOn.fill(earlier);
    await page.getByRole('combobox', { name: 'Категория' }).click();
    await page.getByRole('option', { name: 'Освещение' }).click();
    await expect(page.getByText('Выберите категорию.')).toHaveCount(0);
    const subject = uniqueSubject('Письмо о неработающем фонаре');
    await page.getByLabel('Тема').fill(subject);
    await page.getByLabel('Содержание обращения').fill('Прошу заменить фонарь у дома 7.');
    await page.getByRole('button', { name: 'Зарегистрировать обращение' }).click();
    await expect(page.getByText('Обращение сохранено.')).toBeVisible();

    const operator = await apiLogin('demo-operator');
    await expect
      .poll(async () => (await pullAll(operator, 'appeals')).find((a) => a.subject === subject)?.channel, {
        timeout: 20_000,
      })
      .toBe('post');
    const stored = (await pullAll(operator, 'appeals')).find((a) => a.subject === subject);
    // Noon of that day in the organisation's zone (Moscow, UTC+3): 09:00 UTC.
    expect(new Date(stored.receivedAt).toISOString()).toBe(`${earlier}T09:00:00.000Z`);
  });
});
