import { chooseAction } from '../support/actions';
import { cutServer, openFromInbox, restoreServer } from '../support/inbox-page';
import { expect, test } from '../support/officials';
import { appealOnServer, createAppeals, departmentsByCode, signIn, uniqueSubject } from '../support/okno-api';

test.describe('two officials edit one appeal offline', () => {
  test('different fields merge; the loser of the same field sees the notice', async ({
    officials,
    request,
  }) => {
    const supervisor = await signIn(request, 'demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const subject = uniqueSubject('Прошу отремонтировать дорогу на ул. Лесной');
    const [appeal] = await createAppeals(supervisor, [
      { subject, departmentId: departments.ДТ!, regime: 'formal', channel: 'reception' },
    ]);
    const operatorId = (await signIn(request, 'demo-operator')).user.id;

    const operatorPage = await officials.signIn('demo-operator');
    const headPage = await officials.signIn('demo-head');
    await openFromInbox(operatorPage, subject);
    await openFromInbox(headPage, subject);
    await cutServer(operatorPage);
    await cutServer(headPage);

    // The head takes the appeal and extends its term; later the operator takes it too.
    await headPage.getByRole('button', { name: 'Взять в работу' }).click();
    await chooseAction(headPage, 'Продлить срок');
    await headPage.getByLabel(/На сколько дней/).fill('10');
    await headPage.getByLabel('Основание продления').fill('Запрошены документы в другом органе');
    await headPage.getByRole('button', { name: 'Подтвердить' }).click();
    // Both edits are in the head's local database before the operator acts.
    await expect(headPage.getByRole('dialog')).toHaveCount(0);
    await expect(headPage.getByText('на 10 дней: Запрошены документы в другом органе')).toBeVisible();
    await expect(headPage.getByText('Исполнитель: Начальник отдела Петров В. Н.')).toBeVisible();
    await expect(headPage.getByTestId('sync-chip')).toHaveAttribute('data-unsynced', '1');
    // The server gives the assignee to the later edit by `updatedAt` (at most the head's clock + 1 ms,
    // see plan.ts): the operator acts only once the clock has passed that.
    const headEditedBy = (await headPage.evaluate(() => Date.now())) + 1;
    await expect
      .poll(() => operatorPage.evaluate(() => Date.now()), { intervals: [5] })
      .toBeGreaterThan(headEditedBy);
    await operatorPage.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(operatorPage.getByTestId('sync-chip')).toHaveAttribute('data-unsynced', '1');

    await restoreServer(operatorPage);
    await expect(operatorPage.getByTestId('sync-chip')).toHaveAttribute('data-unsynced', '0', {
      timeout: 15_000,
    });
    await restoreServer(headPage);
    await expect(headPage.getByTestId('sync-chip')).toHaveAttribute('data-unsynced', '0', {
      timeout: 15_000,
    });

    // Merged on the server: the operator's assignment (the later edit) and the head's extension.
    const stored = await appealOnServer(supervisor, appeal.id);
    expect(stored.assigneeId).toBe(operatorId);
    expect(stored.extension).toMatchObject({ days: 10 });
    // The head lost the assignee field and is told so; the operator lost nothing.
    await expect(headPage.getByTestId('sync-refused')).toHaveText('Не принято: 1');
    await headPage.getByTestId('sync-refused').click();
    await expect(headPage.getByTestId('refused-change')).toContainText(
      'одновременно изменил другой сотрудник',
    );
    await expect(operatorPage.getByTestId('sync-refused')).toHaveCount(0);
  });
});
