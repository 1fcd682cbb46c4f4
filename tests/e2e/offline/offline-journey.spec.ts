import { expect, test } from '@playwright/test';
import { openAppealFromInbox, registerAtReception, runCommand, seedAppeal } from '../appeal/support';
import { cutServer, restoreServer, signInToInbox } from '../support/inbox-page';
import { apiLogin, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';

test.describe('a day without the server', () => {
  test('the operator registers a reception appeal and answers another offline, restarts the app, reconnects: the server gets both once and the reception appeal its number', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const answered = await seedAppeal(supervisor, {
      departmentId: departments.ДТ!,
      subject: uniqueSubject('Не убран снег во дворе'),
    });
    const receptionSubject = uniqueSubject('Не работает фонарь');
    const answerText = 'Уважаемая Мария Петровна! Двор расчистят до пятницы.';

    await signInToInbox(page, 'demo-operator');
    await openAppealFromInbox(page, answered.subject);
    await cutServer(page);

    // Answer one appeal…
    await page.getByRole('button', { name: 'Взять в работу' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('В работе');
    const composer = page.getByRole('region', { name: 'Ответ заявителю' });
    await composer.getByLabel('Текст ответа').fill(answerText);
    await composer.getByRole('button', { name: 'Отправить ответ' }).click();
    await expect(page.getByTestId('appeal-status')).toHaveText('Дан ответ');

    // …and register a citizen who came to the reception.
    await page.getByRole('button', { name: 'Назад к списку' }).click();
    await runCommand(page, 'Новая карточка личного приёма');
    await registerAtReception(page, receptionSubject);
    await expect(page.getByTestId('reception-number')).toHaveText('Номер присваивается при синхронизации');

    // The answered appeal, its answer and the reception appeal wait for the server.
    const chip = page.getByTestId('sync-chip');
    await expect(chip).toHaveAttribute('data-unsynced', '3');
    await expect(chip).toHaveAttribute('data-online', 'false');

    // The app is restarted while the server is still unreachable: the work survives.
    await page.reload();
    await expect(page.getByRole('listbox', { name: 'Список обращений' })).toBeVisible();
    await expect(chip).toHaveAttribute('data-unsynced', '3');
    const before = await pullAll(supervisor, 'messages');
    expect(before.filter((m) => m.appealId === answered.id && m.direction === 'out')).toHaveLength(0);

    await restoreServer(page);
    await expect(chip).toHaveAttribute('data-unsynced', '0', { timeout: 20_000 });

    // The server has each exactly once; the reception appeal got its registration number.
    const messages = (await pullAll(supervisor, 'messages')).filter(
      (m) => m.appealId === answered.id && m.direction === 'out',
    );
    expect(messages.map((m) => m.text)).toEqual([answerText]);
    const appeals = await pullAll(supervisor, 'appeals');
    expect(appeals.find((a) => a.id === answered.id)?.status).toBe('answered');
    const reception = appeals.filter((a) => a.subject === receptionSubject);
    expect(reception).toHaveLength(1);
    expect(reception[0]).toMatchObject({ regime: 'formal', channel: 'reception', status: 'registered' });
    expect(reception[0].registrationNumber).toMatch(/^ОГ-\d{4}-\d{6}$/);
    await openAppealFromInbox(page, receptionSubject);
    await expect(page.getByTestId('registration-number')).toHaveText(reception[0].registrationNumber);

    // The restart forgot the clear passport (it is never stored locally): it is entered again from the
    // document, and the server links the applicant.
    expect(reception[0].applicant.applicantId).toBeNull();
    await page.getByRole('button', { name: 'Внести паспорт' }).click();
    const dialog = page.getByRole('dialog', { name: 'Паспорт заявителя' });
    await dialog.getByLabel('Номер паспорта').fill('111111');
    await dialog.getByLabel('Серия паспорта').fill('45 03');
    await dialog.getByRole('button', { name: 'Записать' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'Паспорт не совпадает с указанным при регистрации обращения.',
    );
    await dialog.getByLabel('Номер паспорта').fill('987654');
    await dialog.getByRole('button', { name: 'Записать' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Внести паспорт' })).toHaveCount(0, { timeout: 15_000 });
    const linked = (await pullAll(supervisor, 'appeals')).find((a) => a.id === reception[0].id);
    expect(linked.applicant.applicantId).toEqual(expect.any(String));
    expect(JSON.stringify(linked)).not.toContain('987654');
  });
});
