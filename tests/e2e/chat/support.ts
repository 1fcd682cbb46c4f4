/**
 * Steps of the chat journeys: a citizen's message in the demo organisation's Telegram chat becomes an
 * incident on the server (routed to «Дороги и транспорт», the demo operator’s department), and the
 * operator opens it from the inbox.
 */
import { expect, type Page } from '@playwright/test';
import type { Citizen } from '../support/citizen';
import { openFromInbox } from '../support/inbox-page';
import { type ApiSession, type Json, pullAll } from '../support/okno-api';

/**
 * The citizen writes `text` (with a JPEG `photo`, its caption); waits for the bot's menu hint and the
 * incident the message made. Returns the incident and the Telegram id of the message (for an edit).
 */
export async function incidentFromChat(
  session: ApiSession,
  citizen: Citizen,
  text: string,
  photo?: Buffer,
): Promise<{ incident: Json; messageId: number }> {
  const before = (await citizen.received()).length;
  const messageId = await citizen.write(text, photo);
  await expect
    .poll(async () => (await citizen.received())[before]?.text ?? '', {
      timeout: 20_000,
      message: 'the bot answers a first message with its menu hint',
    })
    .toContain('Подать обращение');
  let incident: Json;
  await expect
    .poll(
      async () => {
        incident = (await pullAll(session, 'appeals')).find(
          (a) => a.regime === 'incident' && a.channel === 'telegram' && a.subject === text,
        );
        return incident !== undefined;
      },
      { timeout: 20_000, message: 'the incident made of the citizen’s message' },
    )
    .toBe(true);
  return { incident, messageId };
}

/** Signed in already: shows every open appeal, finds this one by its subject and opens it. */
export async function openChatAppeal(page: Page, subject: string): Promise<void> {
  await page.getByRole('button', { name: 'Все открытые' }).click();
  await openFromInbox(page, subject);
  await expect(page.getByRole('heading', { level: 1, name: subject })).toBeVisible();
}

/** The citizen's messages (direction in) on the server for this appeal. */
export async function inboundMessages(session: ApiSession, appealId: string): Promise<Json[]> {
  return (await pullAll(session, 'messages')).filter((m) => m.appealId === appealId && m.direction === 'in');
}
