import { ruCalendars } from '../../../shared/domain/calendar';
import { calendarWarningsOf } from '../../../shared/model/appeal-deadlines';
import { deadlineSettingsOf } from '../../../shared/model/organisation';
import { findInInbox } from '../support/inbox-page';
import { expect, test } from '../support/officials';
import { apiLogin, createAppeals, departmentsByCode, pullAll, uniqueSubject } from '../support/okno-api';
import { openAppealFromInbox, runCommand } from './support';

test.describe('a deadline counted without a production calendar', () => {
  test('the official sees the warning on the appeal card, the supervisor in the list', async ({
    officials,
  }) => {
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    const [organisation] = await pullAll(supervisor, 'organisations');
    const settings = deadlineSettingsOf(organisation.settings);
    // The first year from now on with no calendar, shipped or loaded: a portal message received on
    // 28 December of the year before it is due in that year, on any date the journey runs.
    const known = new Set([...ruCalendars, ...(settings.calendarYears ?? [])].map((c) => c.year));
    let year = new Date().getUTCFullYear();
    while (known.has(year)) year += 1;
    const subject = uniqueSubject('Яма на дороге у школы');
    const [created] = await createAppeals(supervisor, [
      {
        subject,
        regime: 'portal',
        channel: 'portal',
        category: 'roads',
        departmentId: departments.ДТ!,
        receivedAt: Date.UTC(year - 1, 11, 28, 7),
      },
    ]);
    expect(calendarWarningsOf(created, settings), 'the engine warns about that year').toEqual([
      { code: 'deadlines:warnings.calendarMissing', params: { year } },
    ]);

    const operatorPage = await officials.signIn('demo-operator');
    await openAppealFromInbox(operatorPage, subject);
    await expect(operatorPage.getByTestId('deadline-calendar-warning')).toContainText(
      `Нет производственного календаря на ${year} год`,
    );
    await operatorPage.context().close();

    const page = await officials.signIn('demo-supervisor');
    await findInInbox(page, subject);
    await runCommand(page, 'Панель руководителя');
    const row = page.getByTestId('queue-row').filter({ hasText: subject });
    await expect(row.getByTestId('queue-calendar-warning')).toBeVisible();
    await expect(page.getByTestId('supervisor-calendar-warning')).toContainText(
      `без производственного календаря на ${year} год`,
    );
  });
});
