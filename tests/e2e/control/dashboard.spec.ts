/**
 * «Аналитика» → «Очаги» (issue 14): a supervisor of the demo organisation opens the dashboard and
 * drills down from a hot cell — a category in a settlement with more appeals than the month before —
 * to its appeals, and opens one. The journey makes its own settlement (a unique name, added by the
 * demo administrator) and its own appeals, so it never depends on what other journeys left.
 *
 * With OKNO_SCREENSHOT=1 it also writes docs/screenshots/control-dashboard.png (1440×900). For the
 * picture of the demo year, run it alone on a fresh server seeded with it:
 *   OKNO_DEMO_YEAR=1 OKNO_SCREENSHOT=1 npx playwright test tests/e2e/control/dashboard.spec.ts
 */
import { expect, test } from '../support/officials';
import { apiLogin, createAppeals, departmentsByCode, uniqueSubject } from '../support/okno-api';

const letters = 'абвгдежзиклмнопрстуфхцчшэюя';
const uniqueWord = () =>
  Array.from({ length: 5 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');

test('a supervisor drills down from a hot cell of «Очаги» to its appeals and opens one', async ({
  officials,
}) => {
  test.setTimeout(120_000);
  const admin = await apiLogin('demo-admin');
  const settlement = `Лесогорье${uniqueWord()}`;
  const created = await admin.request.post('/api/v1/admin/territories', {
    headers: { authorization: `Bearer ${admin.accessToken}` },
    data: { kind: 'settlement', parentId: null, name: settlement, variants: [], streets: [] },
  });
  expect(created.ok()).toBe(true);
  const supervisor = await apiLogin('demo-supervisor');
  const roads = (await departmentsByCode(supervisor)).ДТ!;
  const subjects = [0, 1, 2, 3].map((i) => uniqueSubject(`Яма на въезде в ${settlement} №${i + 1}`));
  await createAppeals(
    supervisor,
    subjects.map((subject, i) => ({
      subject,
      text: `${settlement}, ул. Полевая, 3: глубокая яма, пробил колесо.`,
      departmentId: roads,
      category: 'roads',
      receivedHoursAgo: 2 + i,
    })),
  );
  // The control job places the appeals within seconds; the dashboard reads its facts.
  await expect
    .poll(
      async () => {
        const response = await supervisor.request.get('/api/v1/control/dashboard?period=month', {
          headers: { authorization: `Bearer ${supervisor.accessToken}` },
        });
        const body = await response.json();
        const names = new Map(body.territories.map((t: { id: string; name: string }) => [t.id, t.name]));
        return body.cells
          .filter(
            (c: { territoryId: string; category: string }) =>
              names.get(c.territoryId) === settlement && c.category === 'roads',
          )
          .map((c: { count: number }) => c.count)[0];
      },
      { timeout: 30_000 },
    )
    .toBe(4);

  const page = await officials.signIn('demo-supervisor');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByTestId('nav-analytics').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Аналитика' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Очаги' })).toHaveAttribute('aria-selected', 'true');
  const cell = page.getByRole('button', { name: `Дороги, ${settlement}: 4 — открыть обращения` });
  await expect(cell).toBeVisible();
  // A hot cell: four more than in the month before, in the rising problems too.
  await expect(page.getByTestId('rising-row').filter({ hasText: settlement })).toContainText('4 (было 0)');

  if (process.env.OKNO_SCREENSHOT === '1') {
    await page.screenshot({ path: 'docs/screenshots/control-dashboard.png' });
  }

  await cell.click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('drill-total')).toHaveText('Найдено: 4');
  for (const subject of subjects) await expect(dialog.getByText(subject)).toBeVisible();
  await dialog.getByText(subjects[0]!).click();
  await expect(page.getByRole('heading', { name: subjects[0]! })).toBeVisible();
});
