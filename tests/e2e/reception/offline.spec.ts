import { expect, test } from '@playwright/test';
import { registerAtReception, runCommand } from '../appeal/support';
import { signInToInbox } from '../support/inbox-page';
import { apiLogin, pullAll, uniqueSubject } from '../support/okno-api';

test.describe('reception entry offline', () => {
  test('an appeal registered offline gets its registration number, and the server the passport, once the app is back online', async ({
    page,
    context,
  }) => {
    await signInToInbox(page, 'demo-operator');
    await runCommand(page, 'Новая карточка личного приёма');
    await expect(page.getByRole('heading', { name: 'Приём обращения' })).toBeVisible();

    await context.setOffline(true);
    const subject = uniqueSubject('Не работает фонарь');
    await registerAtReception(page, subject);

    const number = page.getByTestId('reception-number');
    await expect(number).toHaveText('Номер присваивается при синхронизации');

    const passport = page.getByTestId('reception-passport');
    await expect(passport).toContainText('Паспорт будет передан на сервер');

    await context.setOffline(false);
    await expect(number).toHaveText(/^Регистрационный номер: ОГ-\d{4}-\d{6}$/, { timeout: 30_000 });
    // The clear passport reached the server (encrypted there) once the appeal had.
    await expect(passport).toHaveText('Паспорт записан на сервере в зашифрованном виде.', {
      timeout: 15_000,
    });

    const operator = await apiLogin('demo-operator');
    const stored = (await pullAll(operator, 'appeals')).filter((a) => a.subject === subject);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ regime: 'formal', channel: 'reception', status: 'registered' });
    expect(stored[0].applicant.passportMasked).toBe('45 ** ***654');
    expect(stored[0].applicant.applicantId).toEqual(expect.any(String));
    expect(JSON.stringify(stored[0])).not.toContain('987654');
  });
});
