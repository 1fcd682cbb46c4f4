/**
 * Acceptance journey 1 of issue 10: the first day of a municipality on Okno. On a FRESH organisation
 * (made as the server's operator makes one with the admin console: the organisation and its
 * administrator, tests/e2e/support/telegram-world.ts POST /organisations), the administrator signs
 * in and, in the app alone, creates two departments and three staff members in «Администрирование»,
 * adds the Telegram bot (against the project's Telegram fake) routing new appeals to the first
 * department, writes an answer template in «Шаблоны ответов» with placeholders from the palette,
 * and sets the working hours in «Организация»; «Журнал администратора» lists it all. A citizen
 * writes to that bot; the new operator signs in, answers the appeal with the template, and the
 * citizen receives the filled text in the fake.
 * With OKNO_SCREENSHOT=1 it also writes docs/screenshots/templates.png (1440×900).
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { freshOrganisation, telegramCitizen, telegramViolations } from '../support/citizen';
import { serverUrl } from '../support/okno-api';

const controlUrl = `http://127.0.0.1:${process.env.OKNO_E2E_TELEGRAM_PORT ?? 18789}`;
const tail = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
const departments = [
  { code: 'БЛАГ', name: 'Отдел благоустройства и дорог' },
  { code: 'ОБР', name: 'Отдел образования' },
];
const staff = [
  { login: `ivanova.${tail}`.toLowerCase(), name: `Иванова Анна ${tail}`, role: 'Исполнитель', dept: 0 },
  { login: `orlov.${tail}`.toLowerCase(), name: `Орлов Пётр ${tail}`, role: 'Начальник отдела', dept: 0 },
  { login: `belova.${tail}`.toLowerCase(), name: `Белова Вера ${tail}`, role: 'Исполнитель', dept: 1 },
];
const password = `пароль-${tail}-первый-день`;
const templateTitle = `Работы по обращению назначены ${tail}`;

async function signIn(page: Page, login: string, secret: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel(/^Пароль/).fill(secret);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByRole('listbox', { name: 'Список обращений' })).toBeVisible();
}

/** The webhook path of the bot the administrator added, as the administrator's API answers it. */
async function webhookPathOf(login: string, secret: string, accountId: string): Promise<string> {
  const signedIn = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: secret }),
  });
  const { accessToken } = (await signedIn.json()) as { accessToken: string };
  const listed = await fetch(`${serverUrl}/api/v1/admin/channels`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const { channels } = (await listed.json()) as { channels: { accountId: string; webhookPath: string }[] };
  return channels.find((c) => c.accountId === accountId)!.webhookPath;
}

test.describe('the first day of a municipality', () => {
  test('an administrator sets up a fresh organisation; its operator answers a bot appeal with the new template', async ({
    browser,
  }) => {
    test.setTimeout(180_000);
    const organisation = await freshOrganisation(`Администрация сельского поселения Первое ${tail}`);
    const context = await browser.newContext();
    const admin = await context.newPage();
    await admin.setViewportSize({ width: 1440, height: 900 });
    await signIn(admin, organisation.login, organisation.password);

    // Two departments.
    await admin.getByTestId('nav-admin').click();
    await admin.getByRole('tab', { name: 'Отделы' }).click();
    for (const department of departments) {
      await admin.getByTestId('department-add').click();
      await admin.getByTestId('department-code').fill(department.code);
      await admin.getByTestId('department-name').fill(department.name);
      await admin.getByTestId('department-save').click();
      await expect(admin.getByText(`Отдел ${department.code} добавлен.`)).toBeVisible();
      await expect(admin.getByRole('dialog')).toHaveCount(0);
    }

    // Three staff members, each with the password the administrator hands over.
    await admin.getByRole('tab', { name: 'Сотрудники' }).click();
    for (const person of staff) {
      await admin.getByTestId('staff-add').click();
      await admin.getByTestId('staff-field-login').fill(person.login);
      await admin.getByTestId('staff-field-name').fill(person.name);
      await admin.getByRole('combobox', { name: 'Роль' }).click();
      await admin.getByRole('option', { name: person.role, exact: true }).click();
      await admin.getByLabel(departments[person.dept]!.code, { exact: true }).check();
      await admin.getByTestId('staff-field-password').fill(password);
      await admin.getByTestId('staff-field-save').click();
      await expect(admin.getByText(`Сотрудник ${person.login} добавлен.`)).toBeVisible();
      await expect(admin.getByRole('dialog')).toHaveCount(0);
    }

    // The Telegram bot, its new appeals routed to the first department; the connection works.
    const bot = (await (await fetch(`${controlUrl}/bot`)).json()) as { apiRoot: string; token: string };
    const accountId = `first-day-${tail.toLowerCase()}`;
    await admin.getByRole('tab', { name: 'Каналы' }).click();
    await admin.getByTestId('channel-add').click();
    await admin.getByTestId('channel-account').fill(accountId);
    await admin.getByTestId('channel-title').fill('Telegram-бот поселения');
    await admin.getByTestId('channel-department').click();
    await admin.getByRole('option', { name: `${departments[0]!.code} — ${departments[0]!.name}` }).click();
    await admin.getByTestId('channel-api-url').fill(bot.apiRoot);
    await admin.getByTestId('channel-token').fill(bot.token);
    await admin.getByTestId('channel-save').click();
    await expect(admin.getByText(`Канал ${accountId} добавлен`)).toBeVisible();
    const row = admin.locator(`[data-testid="channel-row"][data-account="${accountId}"]`);
    await row.getByTestId('channel-check').click();
    await expect(row.getByTestId('channel-check-result')).toHaveAttribute('data-code', 'ok');

    // The answer template of the first department, written with the placeholder palette.
    await admin.getByTestId('nav-templates').click();
    await expect(admin.getByRole('heading', { name: 'Шаблоны ответов' })).toBeVisible();
    await admin.getByTestId('templates-new').click();
    await admin.getByTestId('template-title').fill(templateTitle);
    await admin.getByTestId('template-department').click();
    await admin.getByRole('option', { name: departments[0]!.name }).click();
    const body = admin.getByTestId('template-body');
    await body.fill('Уважаемый(ая) ');
    await admin.getByTestId('template-placeholder-applicantName').click();
    await body.press('End');
    await body.pressSequentially('! По вашему сообщению «');
    await admin.getByTestId('template-placeholder-subject').click();
    await body.press('End');
    await body.pressSequentially('» работы назначены. Исполнитель: ');
    await admin.getByTestId('template-placeholder-officialName').click();
    await expect(body).toHaveValue(
      'Уважаемый(ая) {{applicantName}}! По вашему сообщению «{{subject}}» работы назначены. Исполнитель: {{officialName}}',
    );
    // The preview fills the sample; nothing is left in braces.
    await expect(admin.getByTestId('template-preview')).toContainText(
      'Уважаемый(ая) Иванова Мария Петровна!',
    );
    await expect(admin.getByTestId('template-preview')).not.toContainText('{{');
    if (process.env.OKNO_SCREENSHOT === '1') {
      await admin.mouse.move(0, 0);
      await admin.screenshot({ path: 'docs/screenshots/templates.png' });
    }
    await admin.getByTestId('template-save').click();
    await expect(admin.getByTestId('template-editor')).toHaveCount(0);
    await expect(admin.getByRole('cell', { name: templateTitle, exact: true })).toBeVisible();
    await expect(admin.getByText(`Отдел «${departments[0]!.name}»`).first()).toBeVisible();

    // Working hours: 08:30–17:30 on weekdays, Saturday and Sunday off.
    await admin.getByTestId('nav-admin').click();
    await admin.getByRole('tab', { name: 'Организация' }).click();
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) {
      await admin.getByTestId(`org-hours-${day}-start`).fill('08:30');
      await admin.getByTestId(`org-hours-${day}-end`).fill('17:30');
    }
    for (const day of ['sat', 'sun']) {
      const off = admin.getByTestId(`org-hours-${day}-off`);
      if (!(await off.isChecked())) await off.check();
    }
    await admin.getByTestId('org-settings-save').click();
    await expect(admin.getByTestId('org-settings-saved')).toBeVisible();

    // «Журнал администратора» has the day's work, the template (pushed on sync) among it.
    await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
    await expect(admin.getByText(`telegram ${accountId}`).first()).toBeVisible();
    await expect(admin.getByText('Добавлен шаблон ответа')).toBeVisible();
    await expect(admin.getByText(`название: ${templateTitle}`)).toBeVisible();

    // A citizen writes to the organisation's bot: an incident of the first department.
    const citizen = telegramCitizen('Галина', 'Морозова', {
      webhookPath: await webhookPathOf(organisation.login, organisation.password, accountId),
    });
    const subject = `Не горит фонарь у школы на улице Лесной ${tail}`;
    await citizen.write(subject);

    // The operator of that department signs in at their own computer and answers with the template.
    const operator = await (await browser.newContext()).newPage();
    await signIn(operator, staff[0]!.login, password);
    await operator.getByRole('button', { name: 'Все открытые' }).click();
    await operator.getByRole('searchbox', { name: 'Поиск по обращениям' }).fill(tail);
    await expect(operator.getByTestId('inbox-count')).toHaveText('Найдено: 1', { timeout: 30_000 });
    await operator.getByTestId('inbox-row').first().dblclick();
    await expect(operator.getByRole('heading', { level: 1, name: subject })).toBeVisible();
    await operator.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(operator.getByTestId('appeal-status')).toHaveText('В работе');
    const composer = operator.getByRole('region', { name: 'Ответ заявителю' });
    await composer.getByLabel('Шаблон ответа').click();
    await operator.getByRole('option', { name: templateTitle }).click();
    const answer = composer.getByLabel('Текст ответа');
    await expect(answer).toHaveValue(
      `Уважаемый(ая) Морозова Галина! По вашему сообщению «${subject}» работы назначены. Исполнитель: ${staff[0]!.name}`,
    );
    const text = await answer.inputValue();
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();

    await expect
      .poll(async () => (await citizen.received()).map((m) => m.text), { timeout: 30_000 })
      .toContain(text);
    expect(await telegramViolations()).toEqual([]);
    await Promise.all([context.close(), operator.context().close()]);
  });
});
