/**
 * Issue 14: a rise alert («Всплеск») reaches a supervisor's notifications bell and opens its cell of
 * «Аналитика». The journey makes its own settlement (a unique name) and six road appeals in it this
 * week — six against nothing before is a surge — so it never depends on what other journeys left.
 */
import { expect, test } from '../support/officials';
import { apiLogin, createAppeals, departmentsByCode, uniqueSubject } from '../support/okno-api';

const letters = 'абвгдежзиклмнопрстуфхцчшэюя';
const uniqueWord = () =>
  Array.from({ length: 6 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');

test('issue 14: a supervisor sees a rise alert in the notifications bell and opens its appeals in «Аналитика»', async ({
  officials,
}) => {
  test.setTimeout(120_000);
  const admin = await apiLogin('demo-admin');
  const settlement = `Приречье${uniqueWord()}`;
  const created = await admin.request.post('/api/v1/admin/territories', {
    headers: { authorization: `Bearer ${admin.accessToken}` },
    data: { kind: 'settlement', parentId: null, name: settlement, variants: [], streets: [] },
  });
  expect(created.ok()).toBe(true);
  const supervisor = await apiLogin('demo-supervisor');
  const roads = (await departmentsByCode(supervisor)).ДТ!;
  await createAppeals(
    supervisor,
    [0, 1, 2, 3, 4, 5].map((i) => ({
      subject: uniqueSubject(`Провал асфальта в ${settlement} №${i + 1}`),
      text: `${settlement}, ул. Береговая, ${i + 1}: провал асфальта на проезжей части.`,
      departmentId: roads,
      category: 'roads',
      receivedHoursAgo: 2 + i,
    })),
  );
  // The control job places the appeals and finds the surge within seconds.
  await expect
    .poll(
      async () => {
        const response = await supervisor.request.get('/api/v1/control/alerts', {
          headers: { authorization: `Bearer ${supervisor.accessToken}` },
        });
        const body = await response.json();
        return body.alerts.some((a: { territoryName: string }) => a.territoryName === settlement);
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  // Asked at sign-in: the surge is in the bell, dated, in Russian.
  const page = await officials.signIn('demo-supervisor');
  await page.getByRole('button', { name: /^Уведомления/ }).click();
  const notice = page.getByTestId('notification-rise-alert').filter({ hasText: settlement });
  await expect(notice).toContainText(`Всплеск: Дороги — ${settlement}`);
  await expect(notice).toContainText(/6 за 7 дней · \d\d\.\d\d\.\d{4}/);
  await notice.click();

  // It opens «Аналитика» on that cell: the six appeals of these 7 days.
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Всплеск: Дороги — ${settlement}`);
  await expect(dialog.getByTestId('drill-total')).toHaveText('Найдено: 6');
  await expect(
    dialog.getByRole('button', { name: new RegExp(`Провал асфальта в ${settlement}`) }),
  ).toHaveCount(6);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { level: 1, name: 'Аналитика' })).toBeVisible();

  // Noted once: the bell no longer lists it.
  await page.getByRole('button', { name: /^Уведомления/ }).click();
  await expect(page.getByTestId('notification-rise-alert').filter({ hasText: settlement })).toHaveCount(0);
});
