/**
 * Seeding and checking through the real server API, as a desktop would (sync push/pull), for the
 * appeal, reception and supervisor journeys. Each journey makes its own appeals (unique subjects), so
 * journeys running in parallel against the one demo organisation never see each other's data.
 */
import { randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { demoPassword } from '../../../server/src/accounts/seed-demo';
import type { Appeal } from '../../../shared/model/appeal';
import { noDueAt } from '../../../shared/model/primitives';
import { appealFixture } from '../../unit/model/fixtures';
import { openFromInbox } from '../support/inbox-page';

export const serverUrl = `http://127.0.0.1:${process.env.OKNO_E2E_SERVER_PORT ?? 18787}`;

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the server are inspected ad hoc
type Json = any;

export interface ApiSession {
  token: string;
  user: { id: string; orgId: string; displayName: string; role: string; departmentIds: string[] };
}

export async function apiLogin(login: string): Promise<ApiSession> {
  const response = await fetch(`${serverUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: demoPassword }),
  });
  expect(response.status, `login ${login}`).toBe(200);
  const body = (await response.json()) as Json;
  return { token: body.accessToken, user: body.user };
}

/** Every live document of a collection the session may see. */
export async function pullAll(session: ApiSession, collection: string): Promise<Json[]> {
  const byId = new Map<string, Json>();
  let checkpoint: unknown = null;
  for (;;) {
    const query = `checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}&limit=1000`;
    const response = await fetch(`${serverUrl}/api/v1/sync/${collection}/pull?${query}`, {
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(response.status, `pull ${collection}`).toBe(200);
    const body = (await response.json()) as Json;
    for (const doc of body.documents) byId.set(doc.id, doc);
    checkpoint = body.checkpoint;
    if (body.documents.length < 1000) break;
  }
  return [...byId.values()].filter((doc) => doc._deleted !== true);
}

/** Demo departments by code: `ДТ`, `ЖКХ`, `СЗ`. */
export async function departmentsByCode(session: ApiSession): Promise<Record<string, string>> {
  const departments = await pullAll(session, 'departments');
  return Object.fromEntries(departments.map((d) => [d.code, d.id]));
}

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
    attachments: [
      {
        id: `file-${randomUUID().slice(0, 8)}`,
        name: 'фото-подъезда.jpg',
        mimeType: 'image/jpeg',
        size: 245_760,
      },
    ],
    ...overrides,
  });
  const response = await fetch(`${serverUrl}/api/v1/sync/appeals/push?refusals=1`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' },
    body: JSON.stringify([{ newDocumentState: { ...appeal, _deleted: false }, assumedMasterState: null }]),
  });
  expect(response.status).toBe(200);
  const outcome = (await response.json()) as Json;
  expect(outcome.refusals, 'seeded appeal refused').toEqual([]);
  const stored = (await pullAll(session, 'appeals')).find((doc) => doc.id === appeal.id);
  expect(stored?.registrationNumber, 'seeded appeal registered').toBeTruthy();
  return stored;
}

export const uniqueSubject = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;

/** Signs in through the login screen (Russian UI). */
export async function signIn(page: Page, login: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Логин').fill(login);
  await page.getByLabel(/^Пароль/).fill(demoPassword);
  await page.getByRole('button', { name: 'Войти', exact: true }).click();
  await expect(page.getByTestId('user-name')).toBeVisible();
}

/** Opens an appeal from the inbox by its subject (double click on its row). */
export async function openAppealFromInbox(page: Page, subject: string): Promise<void> {
  await openFromInbox(page, subject);
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

/** Runs a command of the command palette (Ctrl+K), e.g. the reception form or the supervisor view. */
export async function runCommand(page: Page, label: string | RegExp): Promise<void> {
  await page.getByTestId('inbox-row').first().or(page.getByRole('listbox')).first().waitFor();
  await page.keyboard.press('Control+K');
  await page.getByRole('option', { name: label }).click();
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
