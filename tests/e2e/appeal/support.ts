/**
 * Steps of the appeal, reception and supervisor journeys: a registered appeal seeded through the
 * server API (../support/okno-api.ts), opening it, the command palette, the reception card.
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import type { Appeal } from '../../../shared/model/appeal';
import { noDueAt } from '../../../shared/model/primitives';
import { appealFixture } from '../../unit/shared/model/fixtures';
import { openFromInbox } from '../support/inbox-page';
import { type ApiSession, type Json, pullAll, push } from '../support/okno-api';

/**
 * A formal appeal pushed by a supervisor, as a desktop creates one; the server registers it (number,
 * deadlines) on the push. Returns the stored state.
 */
export async function seedAppeal(
  session: ApiSession,
  overrides: Partial<Appeal> & Pick<Appeal, 'departmentId' | 'subject'>,
): Promise<Json> {
  const now = Date.now();
  const appeal = appealFixture({
    id: randomUUID(),
    orgId: session.user.orgId,
    channel: 'portal',
    status: 'received',
    registrationNumber: null,
    registeredAt: null,
    legalDeadline: null,
    controlDate: null,
    dueAt: noDueAt,
    receivedAt: now - 60_000,
    updatedAt: now - 60_000,
    conversationId: '',
    applicant: {
      ...appealFixture().applicant,
      applicantId: null,
      contacts: {
        phone: '+79161234567',
        email: 'ivanova@example.ru',
        postalAddress: '170000, г. Тверь, ул. Советская, д. 1, кв. 2',
      },
    },
    // A desktop names no file it did not upload (server/src/appeals/scans.ts): files come from the
    // channels, or as scans uploaded to a reception or postal appeal.
    attachments: [],
    ...overrides,
  });
  const outcome = await push(session, 'appeals', [
    { newDocumentState: { ...appeal, _deleted: false }, assumedMasterState: null },
  ]);
  expect(outcome.refusals, 'seeded appeal refused').toEqual([]);
  const stored = (await pullAll(session, 'appeals')).find((doc) => doc.id === appeal.id);
  expect(stored?.registrationNumber, 'seeded appeal registered').toBeTruthy();
  return stored;
}

/** Opens an appeal from the inbox by its subject (double click on its row). */
export async function openAppealFromInbox(page: Page, subject: string): Promise<void> {
  await openFromInbox(page, subject);
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

/**
 * Runs a command of the command palette (Ctrl+K), e.g. the reception form or the supervisor view.
 * The palette's list changes while the inbox loads (the commands for the selected appeal appear above
 * the others once its first row is read), and a click on an option that moves between the mouse going
 * down and up is lost: the palette stays open. So the command is typed first, leaving it alone in the list.
 */
export async function runCommand(page: Page, label: string): Promise<void> {
  await page.getByTestId('inbox-row').first().or(page.getByRole('listbox')).first().waitFor();
  await page.keyboard.press('Control+K');
  const palette = page.getByRole('dialog').filter({ has: page.locator('#palette-list') });
  await palette.getByRole('combobox').fill(label);
  await expect(palette.getByRole('option')).toHaveCount(1);
  await palette.getByRole('option', { name: label, exact: true }).click();
  await expect(palette).toHaveCount(0);
}

/**
 * Fills the reception card (already open) for a citizen who came in person with passport 45 03
 * 987654, and registers the appeal.
 */
export async function registerAtReception(page: Page, subject: string): Promise<void> {
  await page.getByLabel('Фамилия, имя, отчество').fill('Петров Иван Сергеевич');
  await page.getByLabel('Серия паспорта').fill('45 03');
  await page.getByLabel('Номер паспорта').fill('987654');
  await page.getByRole('textbox', { name: 'Телефон' }).fill('+7 912 345-67-89');
  await page.getByLabel('Почтовый адрес').fill('170000, г. Тверь, ул. Советская, д. 1, кв. 2');
  await page.getByRole('combobox', { name: 'Категория' }).click();
  await page.getByRole('option', { name: 'Освещение' }).click();
  await page.getByLabel('Тема').fill(subject);
  await page.getByLabel('Содержание обращения').fill('Третий день не горит фонарь у дома 7.');
  await page.getByRole('button', { name: 'Зарегистрировать обращение' }).click();
}
