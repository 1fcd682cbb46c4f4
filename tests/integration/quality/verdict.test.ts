/**
 * «Помог ли ответ?» (issue 14) over the real Telegram webhook, outbox and PostgreSQL: once an appeal
 * is answered and its staff answer reached the chat, the bot asks once, with an inline keyboard; the press is stored once on
 * the appeal (through the appeals' server writer, so desktops pull it); the citizen's next message
 * is the comment; «Нет» puts the appeal in the supervisors' «Ответ не помог», who decide.
 */
import { tgCallbackQueryUpdate, tgUser } from '../../fakes';
import { type BotWorld, startBotWorld, telegramCitizen } from '../bot/harness';
import type { TestSession } from '../setup/db';
import { waitFor } from '../setup/wait';
import { callApi, pullAll, pushRows, type SyncTarget } from '../sync/client';
import { loginAll, masterOf, type RoleKey, staffMessage } from '../sync/fixtures';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the stored documents
type Doc = Record<string, any>;

describe('the citizen’s verdict on the answer', () => {
  let world: BotWorld;
  let as: Record<RoleKey, SyncTarget & { session: TestSession }>;
  const ivan = tgUser({ id: 96001, first_name: 'Иван', last_name: 'Петров', language_code: 'ru' });
  const maria = tgUser({ id: 96002, first_name: 'Мария', last_name: 'Лебедева', language_code: 'ru' });

  const call = (who: RoleKey, method: string, path: string, body?: unknown) =>
    callApi(as[who], method, path, body);

  /** The citizen writes, an incident appears, an operator answers it; the answered appeal. */
  async function answeredIncident(user: typeof ivan, text: string, answer: string): Promise<Doc> {
    await telegramCitizen(world, user).say(text);
    const appeal = await waitFor(async () => {
      const found = await world.server.pool.query<{ doc: Doc }>(
        `SELECT doc FROM sync_appeals WHERE org_id = $1 AND doc->>'text' = $2`,
        [world.org.organisation.id, text],
      );
      return found.rows[0]?.doc;
    });
    const message = {
      ...staffMessage(world.org.organisation.id, appeal as never, world.org.users.operator1.id),
      text: answer,
    };
    expect((await pushRows(as.operator1, 'messages', [{ newDocumentState: message }])).status).toBe(200);
    // The executor marks it answered (a status change of the desktop; here as the server stores it).
    await world.server.pool.query(
      `UPDATE sync_appeals SET seq = nextval('okno_sync_seq'),
              doc = doc || jsonb_build_object('status', 'answered', 'answeredAt', $2::bigint)
        WHERE id = $1`,
      [appeal.id, Date.now()],
    );
    return appeal;
  }

  const question = (user: typeof ivan) =>
    waitFor(() =>
      world.tg.sent.find(
        (m) => String(m.chatId) === String(user.id) && m.text === 'Помог ли вам ответ на обращение?',
      ),
    );

  /** The callback data of the question's button labelled `label`. */
  const buttonData = (sent: Doc, label: string): string =>
    sent.replyMarkup.inline_keyboard.flat().find((button: Doc) => button.text === label).callback_data;

  const press = async (user: typeof ivan, data: string) => {
    const before = world.tg.sent.filter((m) => String(m.chatId) === String(user.id)).length;
    const report = await world.tgDriver.send(tgCallbackQueryUpdate(user, data));
    expect(report.accepted).toBe(true);
    return waitFor(() => world.tg.sent.filter((m) => String(m.chatId) === String(user.id))[before]);
  };

  beforeAll(async () => {
    world = await startBotWorld({ defaultDepartment: 'd1' });
    // Asked at the next round after the answer (the server waits OKNO_VERDICT_DELAY_SECONDS).
    world.server.app.citizenBot.verdicts.setDelay(0);
    as = await loginAll(world.server, world.org);
  });
  afterAll(async () => {
    await world.close();
  });

  it('asks once after the answer reached the chat, with Да / Частично / Нет under the message', async () => {
    const appeal = await answeredIncident(
      ivan,
      'Во дворе дома 9 на Лесной яма.',
      'Яму во дворе дома 9 заделали.',
    );
    const asked = await question(ivan);
    expect((asked as Doc).replyMarkup.inline_keyboard.flat().map((b: Doc) => b.text)).toEqual([
      'Да',
      'Частично',
      'Нет',
    ]);
    const second = {
      ...staffMessage(world.org.organisation.id, appeal as never, world.org.users.operator1.id),
      text: 'Ещё одно сообщение.',
    };
    await pushRows(as.operator1, 'messages', [{ newDocumentState: second }]);
    await waitFor(() => world.tg.sent.find((m) => m.text === 'Ещё одно сообщение.'));
    await new Promise((resolve) => setTimeout(resolve, 400));
    const questions = world.tg.sent.filter((m) => m.text === 'Помог ли вам ответ на обращение?');
    expect(questions).toHaveLength(1);
    // Officials see the question in the appeal's thread.
    const thread = await world.server.pool.query(
      `SELECT 1 FROM sync_messages WHERE appeal_id = $1 AND doc->>'text' = 'Помог ли вам ответ на обращение?'`,
      [appeal.id],
    );
    expect(thread.rowCount).toBe(1);
  });

  it('«Нет» from the Telegram fake’s callback is stored once on the appeal, and the next message is its comment', async () => {
    const asked = await question(ivan);
    const thanks = await press(ivan, buttonData(asked, 'Нет'));
    expect(thanks.text).toContain('Руководитель рассмотрит');
    const again = await press(ivan, buttonData(asked, 'Да'));
    expect(again.text).toBe('Вы уже оценили этот ответ. Спасибо!');
    const appealId = (
      await world.server.pool.query(`SELECT appeal_id FROM quality_verdicts WHERE chat_peer = $1`, [
        String(ivan.id),
      ])
    ).rows[0].appeal_id;
    expect((await masterOf(world.server.pool, 'sync_appeals', appealId)).verdict).toMatchObject({
      value: 'no',
      comment: null,
      decision: null,
    });
    const reply = await telegramCitizen(world, ivan).say('Яму засыпали песком, её снова размыло.');
    expect(reply).toBe('Спасибо, ваш комментарий передан.');
    const stored = await masterOf(world.server.pool, 'sync_appeals', appealId);
    expect(stored.verdict).toMatchObject({ value: 'no', comment: 'Яму засыпали песком, её снова размыло.' });
    // The comment is the citizen's word in the appeal's thread, not a new incident.
    const incidents = await world.server.pool.query(
      `SELECT 1 FROM sync_appeals WHERE org_id = $1 AND doc->>'text' LIKE 'Яму засыпали%'`,
      [world.org.organisation.id],
    );
    expect(incidents.rowCount).toBe(0);
    // Desktops pull the verdict.
    const pulled = (await pullAll(as.operator1, 'appeals')).find((doc) => doc.id === appealId);
    expect(pulled.verdict.value).toBe('no');
  });

  it('«Нет» waits in the supervisors’ «Ответ не помог»; rework puts the appeal back into work', async () => {
    expect((await call('head1', 'GET', '/api/v1/quality/verdicts')).status).toBe(403);
    const list = await call('supervisor', 'GET', '/api/v1/quality/verdicts');
    expect(list.body.verdicts).toHaveLength(1);
    const [unhelpful] = list.body.verdicts;
    expect(unhelpful).toMatchObject({
      status: 'answered',
      comment: 'Яму засыпали песком, её снова размыло.',
    });
    const path = `/api/v1/quality/verdicts/${unhelpful.appealId}/decision`;
    expect((await call('supervisor', 'POST', path, { decision: 'later' })).status).toBe(400);
    expect((await call('supervisor', 'POST', path, { decision: 'rework' })).status).toBe(200);
    const stored = await masterOf(world.server.pool, 'sync_appeals', unhelpful.appealId);
    expect(stored).toMatchObject({ status: 'in_progress', answeredAt: null });
    expect(stored.verdict).toMatchObject({
      value: 'no',
      decision: 'rework',
      decidedById: world.org.users.supervisor.id,
    });
    expect((await call('supervisor', 'POST', path, { decision: 'accepted' })).status).toBe(409);
    expect((await call('supervisor', 'GET', '/api/v1/quality/verdicts')).body.verdicts).toEqual([]);
  });

  it('a new appeal is registered from «Нет» when the supervisor decides so, and the summary counts both verdicts', async () => {
    const appeal = await answeredIncident(
      maria,
      'Не убран снег у подъезда на Мира, 3.',
      'Снег у подъезда убрали.',
    );
    const asked = await question(maria);
    await press(maria, buttonData(asked, 'Нет'));
    const decided = await call('supervisor', 'POST', `/api/v1/quality/verdicts/${appeal.id}/decision`, {
      decision: 'new_appeal',
    });
    expect(decided.status).toBe(200);
    const created = await masterOf(world.server.pool, 'sync_appeals', decided.body.newAppealId);
    expect(created).toMatchObject({
      regime: 'incident',
      departmentId: appeal.departmentId,
      conversationId: appeal.conversationId,
    });
    const summary = await call('supervisor', 'GET', '/api/v1/quality/summary');
    expect(summary.body.total).toMatchObject({ asked: 2, no: 2, yes: 0 });
    expect(summary.body.byDepartment).toEqual([
      expect.objectContaining({ key: world.org.departments.d1.id, asked: 2, no: 2 }),
    ]);
  });
});
