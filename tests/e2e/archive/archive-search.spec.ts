import { expect, test } from '@playwright/test';
import { localArchiveCutoff } from '../../../shared/model/archive';
import { signInToInbox } from '../support/inbox-page';
import { type ApiSession, createAppeals, departmentsByCode, editAppeal, signIn } from '../support/okno-api';

const day = 86_400_000;

/** A formal reception appeal of the ДТ department closed with an art. 11 outcome at `closedAt`. */
async function closedAppeal(supervisor: ApiSession, departmentId: string, subject: string, closedAt: number) {
  const [appeal] = await createAppeals(supervisor, [
    { subject, departmentId, regime: 'formal', channel: 'reception', receivedAt: closedAt - day },
  ]);
  const answer = await editAppeal(supervisor, appeal.id, {
    status: 'closed',
    art11Outcome: 'unreadable',
    result: 'left_without_answer',
    classifierCode: '0001.0001.0001.0001',
    closedAt,
  });
  expect(answer.refusals).toEqual([]);
  return appeal;
}

test.describe('the archive', () => {
  test('finds a closed appeal by a word of its subject, opens it, and asks the server for older ones', async ({
    page,
    request,
  }) => {
    const tag = `архивпоиск${Date.now().toString(36)}`;
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const recent = `Разбитые фонари во дворе ${tag}`;
    const older = `Старая жалоба на свалку ${tag}`;
    await closedAppeal(supervisor, departments.ДТ!, recent, Date.now() - 2 * day);
    await closedAppeal(supervisor, departments.ДТ!, older, localArchiveCutoff(Date.now()) - 10 * day);

    await signInToInbox(page, 'demo-operator');
    await page.getByTestId('nav-archive').click();
    await expect(page.getByRole('heading', { level: 1, name: 'Архив' })).toBeVisible();
    // The word in another form than in the subject: «фонарь» finds «фонари».
    await page.getByTestId('archive-search').fill(`фонарь ${tag}`);
    const localList = page.getByRole('list', { name: 'Архив на этом компьютере' });
    await expect(localList.getByTestId('archive-row')).toHaveCount(1);
    await expect(localList.getByTestId('archive-row')).toContainText(recent);
    await expect(localList.getByTestId('archive-row')).toContainText('Закрыто');

    // The older appeal is not kept on this computer; the server finds it on request.
    await page.getByTestId('archive-search').fill(tag);
    await expect(localList.getByTestId('archive-row')).toHaveCount(1);
    await page.getByRole('button', { name: /Искать на сервере среди закрытых до/ }).click();
    const serverList = page.getByRole('list', { name: 'Более ранние обращения с сервера' });
    await expect(serverList.getByTestId('archive-row')).toHaveCount(1);
    await serverList.getByTestId('archive-row').click();
    await expect(page.getByRole('dialog', { name: older })).toContainText('только для просмотра');
    await page.getByRole('button', { name: 'Закрыть', exact: true }).click();

    // A closed appeal this computer keeps opens as any appeal does.
    await page.getByTestId('archive-search').fill(`фонарь ${tag}`);
    await localList.getByTestId('archive-row').click();
    await expect(page.getByRole('heading', { level: 1, name: recent })).toBeVisible();
    await expect(page.getByTestId('appeal-status')).toHaveText('Закрыто');
  });

  test('defect: a search in the archive did not follow appeals closed after its words were typed (it ran once per words)', async ({
    page,
    request,
  }) => {
    const tag = `архивследит${Date.now().toString(36)}`;
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    await signInToInbox(page, 'demo-operator');
    await page.getByTestId('nav-archive').click();
    await page.getByTestId('archive-search').fill(tag);
    const localList = page.getByRole('list', { name: 'Архив на этом компьютере' });
    await expect(localList.getByTestId('archive-row')).toHaveCount(0);

    // Closed on another desktop while the words stay typed here: the sync brings it, the search shows it.
    const subject = `Не вывозят мусор ${tag}`;
    await closedAppeal(supervisor, departments.ДТ!, subject, Date.now() - day);
    await expect(localList.getByTestId('archive-row')).toHaveCount(1, { timeout: 30_000 });
    await expect(localList.getByTestId('archive-row')).toContainText(subject);
  });
});
