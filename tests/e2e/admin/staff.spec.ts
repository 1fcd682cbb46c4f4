/**
 * Administration of staff in the app (issue 10): the demo administrator creates two departments and
 * three staff members with unique names, one of them signs in on a fresh page context and sees the
 * inbox, and «Журнал администратора» lists the changes. With OKNO_SCREENSHOT=1 it also writes
 * docs/screenshots/admin-staff.png (1440×900) — best on a fresh demo server, as the gallery.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/officials';

const tail = randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();
const departments = [
  { code: `Б${tail.slice(0, 5)}`, name: `Отдел благоустройства ${tail}` },
  { code: `О${tail.slice(0, 5)}`, name: `Отдел образования ${tail}` },
];
const password = `пароль-${tail}-дежурный`;
const staff = [
  {
    login: `petrova.${tail}`.toLowerCase(),
    name: `Петрова Ольга ${tail}`,
    role: 'Исполнитель',
    dept: 0,
    password,
  },
  { login: `sokolov.${tail}`.toLowerCase(), name: `Соколов Иван ${tail}`, role: 'Начальник отдела', dept: 1 },
  { login: `volkova.${tail}`.toLowerCase(), name: `Волкова Нина ${tail}`, role: 'Куратор ЦУР', dept: null },
];

async function addDepartment(page: Page, department: { code: string; name: string }) {
  await page.getByTestId('department-add').click();
  await page.getByTestId('department-code').fill(department.code);
  await page.getByTestId('department-name').fill(department.name);
  await page.getByTestId('department-save').click();
  await expect(page.getByText(`Отдел ${department.code} добавлен.`)).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
}

test.describe('administration of staff', () => {
  test('the administrator adds two departments and three staff members; one signs in; the journal lists it', async ({
    officials,
    browser,
  }) => {
    test.setTimeout(120_000);
    const admin = await officials.signIn('demo-admin');
    await admin.setViewportSize({ width: 1440, height: 900 });
    await admin.getByTestId('nav-admin').click();
    await expect(admin.getByRole('heading', { name: 'Администрирование' })).toBeVisible();

    await admin.getByRole('tab', { name: 'Отделы' }).click();
    for (const department of departments) await addDepartment(admin, department);
    await expect(
      admin.locator(`[data-testid="department-row"][data-code="${departments[1]!.code}"]`),
    ).toContainText(departments[1]!.name);

    await admin.getByRole('tab', { name: 'Сотрудники' }).click();
    // A refused input says why, in Russian, and keeps the dialog open with what was typed.
    await admin.getByTestId('staff-add').click();
    await admin.getByTestId('staff-field-login').fill('я');
    await admin.getByTestId('staff-field-name').fill('Неверный логин');
    await admin.getByTestId('staff-field-save').click();
    await expect(admin.getByTestId('admin-dialog-failure')).toHaveText(/Логин: от 3 до 64 латинских букв/);
    await admin.getByRole('button', { name: 'Отмена' }).click();
    await expect(admin.getByRole('dialog')).toHaveCount(0);

    /** The passwords the server made up, shown once, by login. */
    const shown = new Map<string, string>();
    for (const person of staff) {
      await admin.getByTestId('staff-add').click();
      await admin.getByTestId('staff-field-login').fill(person.login);
      await admin.getByTestId('staff-field-name').fill(person.name);
      await admin.getByTestId('staff-field-position').fill('Главный специалист');
      await admin.getByTestId('staff-field-phone').fill('+7 (3452) 12-34-56');
      await admin.getByRole('combobox', { name: 'Роль' }).click();
      await admin.getByRole('option', { name: person.role, exact: true }).click();
      if (person.dept !== null)
        await admin.getByLabel(departments[person.dept]!.code, { exact: true }).check();
      if (person.password) await admin.getByTestId('staff-field-password').fill(person.password);
      await admin.getByTestId('staff-field-save').click();
      if (person.password) {
        await expect(admin.getByText(`Сотрудник ${person.login} добавлен.`)).toBeVisible();
      } else {
        // Without a password the server makes one up and it is shown once.
        shown.set(person.login, (await admin.getByTestId('admin-password').textContent()) ?? '');
        await admin.getByRole('button', { name: 'Закрыть' }).click();
      }
      await expect(admin.getByRole('dialog')).toHaveCount(0);
      await expect(admin.locator(`[data-testid="staff-row"][data-login="${person.login}"]`)).toContainText(
        person.name,
      );
    }
    expect(shown.get(staff[1]!.login)).toMatch(/^\S{12,}$/);
    const head = admin.locator(`[data-testid="staff-row"][data-login="${staff[1]!.login}"]`);
    await expect(head).toContainText('Начальник отдела');
    await expect(head).toContainText(departments[1]!.code);
    if (process.env.OKNO_SCREENSHOT === '1') {
      await admin.mouse.move(0, 0);
      await admin.screenshot({ path: 'docs/screenshots/admin-staff.png' });
    }

    // The new operator signs in at another computer and works in the inbox.
    const context = await browser.newContext();
    try {
      const desk = await context.newPage();
      await desk.goto('/');
      await desk.getByLabel('Логин').fill(staff[0]!.login);
      await desk.getByLabel(/^Пароль/).fill(password);
      await desk.getByRole('button', { name: 'Войти', exact: true }).click();
      await expect(desk.getByRole('listbox', { name: 'Список обращений' })).toBeVisible();
      await expect(desk.getByTestId('nav-admin')).toHaveCount(0);
    } finally {
      await context.close();
    }
    // The head, with the password shown once, can sign in too.
    const second = await browser.newContext();
    try {
      const desk = await second.newPage();
      await desk.goto('/');
      await desk.getByLabel('Логин').fill(staff[1]!.login);
      await desk.getByLabel(/^Пароль/).fill(shown.get(staff[1]!.login)!);
      await desk.getByRole('button', { name: 'Войти', exact: true }).click();
      await expect(desk.getByRole('listbox', { name: 'Список обращений' })).toBeVisible();
    } finally {
      await second.close();
    }

    await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
    const entries = admin.getByTestId('journal-entry');
    for (const person of staff) {
      await expect(entries.filter({ hasText: `Добавлен сотрудник · ${person.login}` })).toHaveCount(1);
    }
    for (const department of departments) {
      await expect(
        entries.filter({ hasText: `Добавлен отдел · ${department.code} ${department.name}` }),
      ).toHaveCount(1);
    }
    const created = entries.filter({ hasText: `Добавлен сотрудник · ${staff[1]!.login}` });
    await expect(created).toContainText('Администратор Кузнецов Д. И.');
    await expect(created).toContainText(`отделы: ${departments[1]!.code}`);
    await expect(created).toContainText('роль: Начальник отдела');
    // The filter by kind keeps only the staff changes.
    await admin.getByRole('combobox', { name: 'Что менялось' }).click();
    await admin.getByRole('option', { name: 'Отделы', exact: true }).click();
    await expect(entries.filter({ hasText: `Добавлен отдел · ${departments[0]!.code}` })).toHaveCount(1);
    await expect(entries.filter({ hasText: 'Добавлен сотрудник' })).toHaveCount(0);
  });
});
