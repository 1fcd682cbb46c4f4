/**
 * Automatic routing and its undo (issue 13): the demo supervisor turns automatic routing on for
 * «Коммунальные услуги» above 50 % in «Подсказки»; a citizen's Telegram message about hot water arrives
 * and goes straight to the suggested ЖКХ department (not the bot's default «Дороги и транспорт»), with
 * the automatic decision in the appeal's audit; the supervisor undoes it in «Подсказки» and the appeal
 * is back in the default department's queue, new and unassigned, the undo audited. Own citizen and
 * unique text; automatic routing is turned off again in `finally` (the demo organisation is shared;
 * e2e journeys run one at a time, playwright.config.ts).
 */

import { runCommand } from '../appeal/support';
import { incidentFromChat } from '../chat/support';
import { telegramCitizen } from '../support/citizen';
import { expect, test } from '../support/officials';
import {
  type ApiSession,
  apiLogin,
  appealHistory,
  appealOnServer,
  createAppeals,
  departmentsByCode,
  uniqueSubject,
} from '../support/okno-api';

const command = 'Подсказки: точность, автоматическое распределение, соответствие категорий';

async function routingOff(session: ApiSession): Promise<void> {
  await session.request.put('/api/v1/triage/auto-routing/utilities', {
    headers: { authorization: `Bearer ${session.accessToken}` },
    data: { threshold: null },
  });
}

test.describe('automatic routing with undo', () => {
  test('issue 13: a message routed automatically above the threshold is audited, and the supervisor’s undo puts it back in the queue', async ({
    officials,
  }) => {
    test.setTimeout(120_000);
    const supervisor = await apiLogin('demo-supervisor');
    const departments = await departmentsByCode(supervisor);
    try {
      const page = await officials.signIn('demo-supervisor');
      await runCommand(page, command);
      const utilities = page.getByTestId('triage-threshold-utilities');
      await utilities.getByLabel('Включено: Коммунальные услуги').check();
      await utilities.getByLabel('Порог, %: Коммунальные услуги').fill('50');
      await utilities.getByRole('button', { name: 'Сохранить' }).click();
      await expect(page.getByTestId('triage-control-notice')).toHaveText('Сохранено: Коммунальные услуги');
      await expect(page.getByTestId('triage-threshold-utilities')).toContainText('порог 50 %');

      // The organisation's own decisions: officials filed hot-water appeals into ЖКХ (each one decision of
      // its department learner), so the learner suggests ЖКХ whatever other journeys taught it.
      await createAppeals(
        supervisor,
        [
          'Нет горячей воды в доме третий день',
          'Горячая вода не идёт, в кране холодная',
          'Отключили горячую воду без предупреждения',
          'Который день нет горячей воды в квартире',
        ].map((taught) => ({
          subject: uniqueSubject(taught),
          text: `${taught}, просим восстановить горячее водоснабжение`,
          departmentId: departments.ЖКХ!,
        })),
      );

      // The acceptance line, from a citizen of this run.
      const text = uniqueSubject('на Ленина 5 третий день нет горячей воды, маленький ребёнок');
      const { incident } = await incidentFromChat(supervisor, telegramCitizen('Марина', 'Сорокина'), text);
      expect(
        incident.triage?.department?.[0]?.value,
        `triage suggests ЖКХ: ${JSON.stringify(incident.triage?.department)}`,
      ).toBe(departments.ЖКХ);
      expect(incident.departmentId, 'routed automatically, not left in the bot’s default').toBe(
        departments.ЖКХ,
      );
      const created = (await appealHistory(supervisor, incident.id)).find(
        (e) => e.action === 'appeal.create',
      );
      expect(created?.details?.autoRouted).toMatchObject({
        from: departments.ДТ,
        to: departments.ЖКХ,
        threshold: 0.5,
      });

      // «Подсказки» lists the decision as standing; «Отменить» puts the appeal back.
      await page.getByRole('button', { name: 'Обновить' }).click();
      const row = page.getByTestId(`triage-decision-${incident.id}`);
      await expect(row).toContainText(text);
      await expect(row.getByTestId('triage-decision-outcome')).toHaveText('Действует');
      await row.getByRole('button', { name: 'Отменить' }).click();
      await expect(page.getByTestId('triage-control-notice')).toContainText('Отменено: вернулось в отдел');
      await expect(row.getByTestId('triage-decision-outcome')).toContainText('Отменено');

      await expect
        .poll(async () => (await appealOnServer(supervisor, incident.id))?.departmentId, { timeout: 20_000 })
        .toBe(departments.ДТ);
      const back = await appealOnServer(supervisor, incident.id);
      expect(back?.status).toBe('new');
      expect(back?.assigneeId ?? '').toBe('');
      const undone = (await appealHistory(supervisor, incident.id)).find(
        (e) => e.action === 'triage.autoRoute.undo',
      );
      expect(undone, 'the undo is audited').toBeDefined();
    } finally {
      await routingOff(supervisor);
    }
  });
});
