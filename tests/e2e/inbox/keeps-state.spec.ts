import { expect, type Page, test } from '@playwright/test';
import { inboxRow, search, signInToInbox } from '../support/inbox-page';
import { createAppeals, departmentsByCode, signIn } from '../support/okno-api';

// Thirty appeals of one run, findable together by the run's tag: enough to scroll.
const tag = `ходсостояния${Date.now().toString(36)}`;
const subjects = Array.from({ length: 30 }, (_, i) => `Заявка ${String(i + 1).padStart(2, '0')} ${tag}`);

const list = (page: Page) => page.getByRole('listbox', { name: 'Список обращений' });
const selectedRow = (page: Page) => page.locator('[data-testid="inbox-row"][aria-selected="true"]');

async function expectSameInbox(page: Page, selectedSubject: string, scrollTop: number) {
  await expect(page.getByRole('heading', { level: 1, name: 'Все открытые' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Поиск по обращениям' })).toHaveValue(tag);
  await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 30');
  await expect(selectedRow(page)).toContainText(selectedSubject);
  await expect(list(page)).toBeFocused();
  expect(Math.abs((await list(page).evaluate((e) => e.scrollTop)) - scrollTop)).toBeLessThan(2);
}

test.describe('the inbox keeps its state across opening an appeal and coming back', () => {
  test('view, search, scroll and selection survive Esc, Alt+← and the Back button', async ({
    page,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    await createAppeals(
      supervisor,
      subjects.map((subject) => ({
        subject,
        text: `${subject}: прошу разобраться`,
        departmentId: departments.ДТ!,
      })),
    );
    await page.setViewportSize({ width: 1280, height: 720 });
    await signInToInbox(page, 'demo-operator');
    // Focus lands in the list after sign-in: j moves at once.
    await expect(list(page)).toBeFocused();

    await page.getByRole('button', { name: 'Все открытые' }).click();
    await search(page, tag);
    await expect(page.getByTestId('inbox-count')).toHaveText('Найдено: 30');
    await list(page).focus();
    for (let i = 0; i < 14; i++) await page.keyboard.press('j');
    const chosen = (await selectedRow(page).getByTestId('inbox-row-subject').textContent()) ?? '';
    expect(chosen).toContain(tag);
    const scrollTop = await list(page).evaluate((e) => e.scrollTop);
    expect(scrollTop).toBeGreaterThan(0);

    for (const back of [
      () => page.keyboard.press('Escape'),
      () => page.keyboard.press('Alt+ArrowLeft'),
      () => page.goBack(),
    ]) {
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { level: 1, name: chosen })).toBeVisible();
      await expect(list(page)).toBeHidden();
      await back();
      await expectSameInbox(page, chosen, scrollTop);
    }
    await expect(inboxRow(page, chosen)).toBeVisible();
  });

  test('counts beside every view; an empty result names the query and filters and clears them', async ({
    page,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const mark = `счётчик${Date.now().toString(36)}`;
    await createAppeals(supervisor, [
      {
        subject: `Счётчик ${mark}`,
        text: 'Проверка счётчиков',
        departmentId: departments.ДТ!,
        channel: 'vk',
      },
      {
        subject: `Давнее ${mark}`,
        text: 'Проверка сортировки',
        departmentId: departments.ДТ!,
        channel: 'vk',
        receivedHoursAgo: 50,
      },
    ]);
    await signInToInbox(page, 'demo-operator');
    for (const view of ['mine', 'department', 'unassigned', 'dueSoon', 'overdue', 'all', 'answered'])
      await expect(page.getByTestId(`view-count-${view}`)).toHaveText(/^\d+$/);
    // Recounted as the seeded appeals arrive by sync.
    await expect(page.getByTestId('view-count-all')).not.toHaveText('0');

    await page.getByTestId('inbox-filter-channel').click();
    await page.getByRole('option', { name: 'Почта', exact: true }).click();
    // Several values may be chosen: the menu stays open until Escape.
    await page.keyboard.press('Escape');
    await search(page, `нет такого ${mark}`);
    await expect(page.getByTestId('inbox-empty-what')).toHaveText(
      `По запросу «нет такого ${mark}» в представлении «Отдел» ничего не найдено.`,
    );
    await expect(page.getByTestId('inbox-empty')).toContainText('Фильтры: Канал: Почта.');
    await page.getByRole('button', { name: 'Сбросить поиск и фильтры' }).click();
    await expect(page.getByRole('searchbox', { name: 'Поиск по обращениям' })).toHaveValue('');
    await search(page, mark);
    await expect(inboxRow(page, `Счётчик ${mark}`)).toBeVisible();

    // Not counted while an appeal is open over the inbox; counted again on coming back, with what changed.
    const mine = Number(await page.getByTestId('view-count-mine').textContent());
    await inboxRow(page, `Счётчик ${mark}`).dblclick();
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('В работе');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('view-count-mine')).toHaveText(String(mine + 1));

    // Sorted by received, newest first; reversed, oldest first.
    await page.getByTestId('inbox-order').click();
    await page.getByRole('option', { name: 'по поступлению' }).click();
    const subjects = page.getByTestId('inbox-row-subject');
    await expect(subjects.first()).toHaveText(`Счётчик ${mark}`);
    await page.getByTestId('inbox-order-direction').click();
    await expect(subjects.first()).toHaveText(`Давнее ${mark}`);

    // Saved filters of one's own: saved under a name, applied again after a reset.
    await page.getByTestId('inbox-filter-channel').click();
    await page.getByRole('option', { name: 'ВКонтакте', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Сохранить текущие' }).click();
    await page.getByLabel('Название').fill('Соцсети');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Сбросить фильтры' }).click();
    await expect(page.getByTestId('inbox-filter-channel')).toHaveText(/^Все/);
    await page.getByRole('button', { name: 'Мои фильтры (1)' }).click();
    await page.getByRole('menuitem', { name: /Соцсети/ }).click();
    await expect(page.getByTestId('inbox-filter-channel')).toHaveText(/^ВКонтакте/);
  });
});
