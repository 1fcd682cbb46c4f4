import { expect, test } from '@playwright/test';
import { deadlineSettingsOf } from '../../../shared/model/organisation';
import { findInInbox, signInToInbox } from '../support/inbox-page';
import { createAppeals, departmentsByCode, pullAll, signIn, uniqueSubject } from '../support/okno-api';
import { planOverdueIncident } from './overdue-incident';

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
}

declare global {
  interface Window {
    __notifications: ShownNotification[];
    __clickNotification: (tag: string) => void;
    /** How many times the deadline watcher has ticked in this page load (it saves its memory on each tick). */
    __alertTicks: number;
  }
}

test.describe('deadline notifications in the web shell', () => {
  test('an appeal that became overdue is notified once, and clicking the notification opens it', async ({
    page,
    request,
  }) => {
    // The browser's Notification API, as if the user allowed notifications; clicks are simulated.
    await page.addInitScript(() => {
      const shown: (ShownNotification & { target: EventTarget })[] = [];
      window.__notifications = shown;
      window.__clickNotification = (tag) => {
        shown.find((n) => n.tag === tag)?.target.dispatchEvent(new Event('click'));
      };
      class FakeNotification extends EventTarget {
        static permission = 'granted';
        constructor(title: string, options: { body?: string; tag?: string } = {}) {
          super();
          shown.push({ title, body: options.body ?? '', tag: options.tag ?? '', target: this });
        }
      }
      Object.defineProperty(window, 'Notification', { value: FakeNotification, configurable: true });
      // The watcher writes its memory (okno.deadline-alerts.*) on every tick, just before it notifies.
      window.__alertTicks = 0;
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key: string, value: string) {
        if (this === window.localStorage && key.startsWith('okno.deadline-alerts.')) window.__alertTicks += 1;
        return setItem.call(this, key, value);
      };
    });

    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    // An urgent incident overdue within the week the watcher looks back, on any date: the engine picks
    // its receipt with the organisation's settings, and the page's clock stands where it is overdue
    // (now, or just past its deadline when the last week was all holidays, as before 11 January).
    const [organisation] = await pullAll(supervisor, 'organisations');
    const plan = planOverdueIncident(Date.now(), deadlineSettingsOf(organisation.settings));
    await page.clock.install({ time: plan.pageNow });
    await signInToInbox(page, 'demo-operator');
    // The watcher has looked once (what was already due is told at start, a few at most).
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            Object.keys(localStorage).some((key) => key.startsWith('okno.deadline-alerts.')),
          ),
        {
          timeout: 20_000,
        },
      )
      .toBe(true);

    const subject = uniqueSubject('Не вывозят мусор со двора');
    const [created] = await createAppeals(supervisor, [
      {
        subject,
        departmentId: departments.ДТ!,
        channel: 'telegram',
        urgent: true,
        receivedAt: plan.receivedAt,
      },
    ]);
    expect(created.dueAt, 'the server’s deadline is the engine’s').toBe(plan.dueAt);
    await findInInbox(page, subject);
    const tag = `overdue:${created.id}`;
    await expect
      .poll(
        () =>
          page.evaluate(() => window.__notifications.map(({ title, body, tag }) => ({ title, body, tag }))),
        {
          timeout: 15_000,
        },
      )
      .toContainEqual(
        expect.objectContaining({ tag, title: 'Срок истёк', body: expect.stringContaining(subject) }),
      );

    await page.evaluate((tag) => window.__clickNotification(tag), tag);
    await expect(page.getByRole('heading', { name: subject })).toBeVisible();

    // Once per kind: a reload remembers what was already shown.
    await page.reload();
    await expect(page.getByRole('listbox', { name: 'Список обращений' })).toBeVisible({ timeout: 15_000 });
    // Wait for the reloaded watcher's first tick (it waits for the first sync, up to 5 s): a tick notifies
    // in the same turn as it saves its memory, so whatever the reload would show again is shown by now.
    await expect.poll(() => page.evaluate(() => window.__alertTicks), { timeout: 20_000 }).toBeGreaterThan(0);
    const again = await page.evaluate(
      (tag) => window.__notifications.filter((n) => n.tag === tag).length,
      tag,
    );
    expect(again).toBe(0);
  });
});
