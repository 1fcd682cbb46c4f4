/**
 * Organisation settings in the app (issue 10): the demo administrator makes Saturday a short working
 * day and changes two incident terms, is told what was saved, reloads and sees them; typed hours that
 * end before they start are refused at the field; «Журнал администратора» lists the change old → new;
 * a production calendar for 2027 (the shipped resources/calendar/ru/2027.xml with an edition date put
 * in) is loaded from the tab and its edition shown. With OKNO_SCREENSHOT=1 it also writes
 * docs/screenshots/admin-organisation.png (1440×900).
 *
 * The demo organisation is shared by every journey, which count deadlines with its settings: the
 * changes here are ones the deadline engine does not count with (Saturday's hours — the engine takes
 * the first working weekday's; the first reaction and the final answer terms), the calendar has the
 * shipped days, and the settings read at the start are put back at the end, pass or fail.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '../support/officials';
import { apiLogin, type Json } from '../support/okno-api';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
/** An edition of its own per run, so the file is a new one for the server. */
const edition = `2026.${month}.${day}`;
const calendar2027 = readFileSync(path.join(root, 'resources/calendar/ru/2027.xml'), 'utf8').replace(
  '<calendar year="2027" lang="ru" country="ru">',
  `<calendar year="2027" lang="ru" date="${edition}" country="ru">`,
);

let original: Json = null;

async function adminApi() {
  const session = await apiLogin('demo-admin');
  const headers = { authorization: `Bearer ${session.accessToken}` };
  return { session, headers };
}

test.beforeAll(async () => {
  const { session, headers } = await adminApi();
  const response = await session.request.get('/api/v1/admin/organisation', { headers });
  original = (await response.json()).organisation;
});

test.afterAll(async () => {
  if (!original) return;
  const { session, headers } = await adminApi();
  const { settings } = original;
  const response = await session.request.patch('/api/v1/admin/organisation', {
    headers,
    data: {
      workingHours: settings.workingHours,
      incidentSla: settings.incidentSla,
      deadlineShiftRule: settings.deadlineShiftRule,
      timeZone: settings.timeZone,
    },
  });
  if (!response.ok()) throw new Error(`restoring the demo settings: ${response.status()}`);
});

test.describe('organisation settings', () => {
  test('the administrator sets Saturday hours and incident terms, sees them after a reload and in the journal, and loads a calendar', async ({
    officials,
  }) => {
    test.setTimeout(120_000);
    const admin = await officials.signIn('demo-admin');
    await admin.setViewportSize({ width: 1440, height: 900 });
    await admin.getByTestId('nav-admin').click();
    await admin.getByRole('tab', { name: 'Организация' }).click();
    await expect(admin.getByTestId('org-name')).toHaveValue(original.name);

    // Refused as typed: the day ends before it starts; the field says so and nothing can be saved.
    await admin.getByTestId('org-hours-sat-off').uncheck();
    await admin.getByTestId('org-hours-sat-start').fill('14:00');
    await admin.getByTestId('org-hours-sat-end').fill('10:00');
    await expect(admin.getByTestId('org-hours-sat-error')).toHaveText(
      'Начало рабочего дня должно быть раньше его окончания.',
    );
    await expect(admin.getByTestId('org-settings-save')).toBeDisabled();

    await admin.getByTestId('org-hours-sat-start').fill('10:00');
    await admin.getByTestId('org-hours-sat-end').fill('14:00');
    const reaction = original.settings.incidentSla.firstReactionHours === 3 ? 1 : 3;
    await admin.getByTestId('org-sla-firstReactionHours').fill(String(reaction));
    await admin.getByTestId('org-sla-finalAnswerWorkingDays').fill('5');
    await admin.getByTestId('org-settings-save').click();
    await expect(admin.getByTestId('org-settings-saved')).toContainText('часы работы, сб');
    await expect(admin.getByTestId('org-settings-saved')).toContainText('первая реакция по инциденту, ч');

    await admin.reload();
    await admin.getByTestId('nav-admin').click();
    await admin.getByRole('tab', { name: 'Организация' }).click();
    await expect(admin.getByTestId('org-hours-sat-off')).not.toBeChecked();
    await expect(admin.getByTestId('org-hours-sat-start')).toHaveValue('10:00');
    await expect(admin.getByTestId('org-hours-sat-end')).toHaveValue('14:00');
    await expect(admin.getByTestId('org-hours-sun-off')).toBeChecked();
    await expect(admin.getByTestId('org-sla-firstReactionHours')).toHaveValue(String(reaction));
    await expect(admin.getByTestId('org-sla-finalAnswerWorkingDays')).toHaveValue('5');
    await expect(admin.getByTestId('org-pattern-example')).toContainText(
      'Следующий номер будет выглядеть так:',
    );

    // A production calendar for 2027 from a file; a file that is not a calendar is explained first.
    await admin.getByTestId('org-calendar-file').setInputFiles({
      name: 'not-a-calendar.xml',
      mimeType: 'text/xml',
      buffer: Buffer.from('<html><body>не календарь</body></html>'),
    });
    await expect(admin.getByTestId('org-calendar-notice')).toContainText('Файл не принят');
    await admin.getByTestId('org-calendar-file').setInputFiles({
      name: '2027.xml',
      mimeType: 'text/xml',
      buffer: Buffer.from(calendar2027),
    });
    await expect(admin.getByTestId('org-calendar-notice')).toContainText(
      `Календарь на 2027 год (редакция ${edition})`,
    );
    const row2027 = admin.locator('[data-testid="org-calendar-row"][data-year="2027"]');
    await expect(row2027).toHaveAttribute('data-source', 'loaded');
    await expect(row2027.getByTestId('org-calendar-edition')).toHaveText(edition);
    if (process.env.OKNO_SCREENSHOT === '1') {
      await admin.mouse.move(0, 0);
      await admin.getByTestId('org-hours').scrollIntoViewIfNeeded();
      await admin.screenshot({ path: 'docs/screenshots/admin-organisation.png' });
    }

    await admin.getByRole('tab', { name: 'Журнал администратора' }).click();
    await expect(admin.getByText('Изменены настройки организации').first()).toBeVisible();
    await expect(admin.getByText('часы работы, сб: выходной → 10:00–14:00').first()).toBeVisible();
    const reactionChange = `${original.settings.incidentSla.firstReactionHours} → ${reaction}`;
    await expect(admin.getByText(`первая реакция по инциденту, ч: ${reactionChange}`).first()).toBeVisible();
    await expect(admin.getByText('Загружен производственный календарь').first()).toBeVisible();
  });
});
