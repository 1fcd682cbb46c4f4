/**
 * Issue 12: a citizen edits, in the network, a message the bot's wizard took as a formal appeal's
 * text. What was registered stays as registered; the new wording reaches the appeal's thread as a
 * later version the official sees beside it. An edit of other wizard input (the passport line)
 * reaches nobody. Over the Telegram and VK webhooks, the real PostgreSQL and the fakes.
 */
import {
  type TgUpdate,
  tgEditedMessageUpdate,
  tgMessageUpdate,
  tgUser,
  type VkMessage,
  vkMessage,
  vkMessageEdit,
  vkMessageNew,
} from '../../fakes';
import { waitFor } from '../setup/wait';
import { appealOfNumber, type BotWorld, startBotWorld, vkGroupId, wizardAnswersToText } from './harness';

const appealText = 'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.';
const editedText = 'Во дворе дома 7 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.';
const numberPattern = /ОГ-\d{4}-\d{6}/;

const beforeText = wizardAnswersToText;

describe('issue 12: an edit of a formal appeal’s text keeps the registered text', () => {
  let world: BotWorld;

  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const appealByNumber = (number: string) => appealOfNumber(world, number);

  async function threadOf(appealId: string) {
    await world.server.app.okno.inboundDrained();
    const found = await world.server.pool.query<{ doc: Record<string, unknown> }>(
      `SELECT doc FROM sync_messages WHERE org_id = $1 AND appeal_id = $2 ORDER BY (doc->>'createdAt')::bigint`,
      [world.org.organisation.id, appealId],
    );
    return found.rows.map((r) => r.doc);
  }

  it('Telegram: the registered text stays; the edit joins the thread with the registered text as its earlier version', {
    timeout: 120_000,
  }, async () => {
    const citizen = tgUser({ id: 95_012_001, first_name: 'Иван', last_name: 'Петров' });
    const mine = () => world.tg.sent.filter((m) => String(m.chatId) === String(citizen.id));
    const say = async (update: TgUpdate) => {
      const before = mine().length;
      expect((await world.tgDriver.send(update)).accepted).toBe(true);
      return (await waitFor(() => mine()[before], 20_000)).text ?? '';
    };
    const sent: TgUpdate[] = [];
    for (const text of beforeText) {
      const update = tgMessageUpdate({ from: citizen, text });
      sent.push(update);
      await say(update);
    }
    const textMessage = tgMessageUpdate({ from: citizen, text: appealText });
    expect(await say(textMessage)).toContain('Приложите файлы');
    expect(await say(tgMessageUpdate({ from: citizen, text: 'готово' }))).toContain('Всё верно?');
    const number = numberPattern.exec(await say(tgMessageUpdate({ from: citizen, text: 'да' })))?.[0];
    expect(number).toBeDefined();
    const appeal = await appealByNumber(number!);

    await world.tgDriver.send(tgEditedMessageUpdate(textMessage, editedText));
    const edit = await waitFor(
      async () => (await threadOf(appeal.id)).find((m) => m.text === editedText),
      20_000,
    );
    expect(edit).toMatchObject({
      direction: 'in',
      author: { kind: 'applicant', displayName: 'Петров Иван Сергеевич' },
      earlierVersions: [{ text: appealText }],
    });
    expect(edit.editedAt).toBeGreaterThan(0);
    expect((await appealByNumber(number!)).text).toBe(appealText);

    // A second edit is one more version of the same thread message.
    await world.tgDriver.send(tgEditedMessageUpdate(textMessage, `${editedText} Срочно.`));
    const again = await waitFor(async () =>
      (await threadOf(appeal.id)).find((m) => m.text === `${editedText} Срочно.`),
    );
    expect(again.id).toBe(edit.id);
    expect((again.earlierVersions as { text: string }[]).map((v) => v.text)).toEqual([
      appealText,
      editedText,
    ]);

    // The passport line edited: nothing reaches the inbox, and the raw event keeps no number.
    const passport = sent[3]!;
    const passportEdit = tgEditedMessageUpdate(passport, '46 07 111111');
    await world.tgDriver.send(passportEdit);
    await waitFor(async () => {
      const raw = await world.server.pool.query(
        'SELECT 1 FROM inbound_events WHERE external_id = $1 AND processed_at IS NOT NULL',
        [String(passportEdit.update_id)],
      );
      return (raw.rowCount ?? 0) > 0 ? true : undefined;
    }, 20_000);
    const leaked = await world.server.pool.query(
      `SELECT 1 FROM sync_messages WHERE doc->>'text' LIKE '%111111%'
       UNION ALL SELECT 1 FROM inbound_events WHERE external_id = $1 AND payload::text LIKE '%111111%'`,
      [String(passportEdit.update_id)],
    );
    expect(leaked.rowCount).toBe(0);
    expect(world.tg.violations).toEqual([]);
  });

  it('VK: the same under message_edit', { timeout: 120_000 }, async () => {
    const userId = 6_012_001;
    world.vk.users.set(userId, { first_name: 'Иван', last_name: 'Петров' });
    const mine = () => world.vk.sent.filter((m) => m.peerId === userId);
    const say = async (message: VkMessage) => {
      const before = mine().length;
      expect((await world.vkDriver.send(vkMessageNew(message, { groupId: vkGroupId }))).accepted).toBe(true);
      return (await waitFor(() => mine()[before], 20_000)).message ?? '';
    };
    for (const text of beforeText) await say(vkMessage({ from_id: userId, text }));
    const textMessage = vkMessage({ from_id: userId, text: appealText });
    await say(textMessage);
    await say(vkMessage({ from_id: userId, text: 'готово' }));
    const number = numberPattern.exec(await say(vkMessage({ from_id: userId, text: 'да' })))?.[0];
    const appeal = await appealByNumber(number!);
    await world.vkDriver.send(vkMessageEdit(textMessage, editedText, { groupId: vkGroupId }));
    const edit = await waitFor(
      async () => (await threadOf(appeal.id)).find((m) => m.text === editedText),
      20_000,
    );
    expect(edit).toMatchObject({ direction: 'in', earlierVersions: [{ text: appealText }] });
    expect((await appealByNumber(number!)).text).toBe(appealText);
    expect(world.vk.violations).toEqual([]);
  });
});
