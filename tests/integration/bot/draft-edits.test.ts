/**
 * Issue 12: a citizen edits, in the network, the message that holds the appeal's text BEFORE the
 * appeal is registered — at the attachments step or at the summary. The wizard's draft takes the
 * edit, the bot says so, the summary shows the new text and the appeal is registered with it. An
 * edit of other wizard input (the passport line) changes nothing and is not answered. Over the
 * Telegram, VK and MAX webhooks, the real PostgreSQL and the fakes. (After registration the registered
 * text stays: ./edits.test.ts.)
 */
import {
  maxMessageCreated,
  maxMessageEdited,
  maxUser,
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
import { type NetworksWorld, startNetworksWorld } from './citizens';
import { appealOfNumber, vkGroupId, wizardAnswersToText } from './harness';

const appealText = 'Во дворе дома 5 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.';
const editedText = 'Во дворе дома 7 по улице Ленина третью неделю не вывозят мусор. Прошу принять меры.';
const secondEdit = 'Во дворе дома 7 по улице Ленина месяц не вывозят мусор. Прошу принять меры.';
const addedLine = 'Контейнерная площадка у третьего подъезда.';
const numberPattern = /ОГ-\d{4}-\d{6}/;

const beforeText = wizardAnswersToText;

describe('issue 12: an edit of the appeal’s text before registration reaches the draft', () => {
  let world: NetworksWorld;

  beforeAll(async () => {
    world = await startNetworksWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  const appealByNumber = (number: string) => appealOfNumber(world, number);

  it('Telegram: edited at the attachments step and again at the summary, the appeal is registered with the latest text', {
    timeout: 120_000,
  }, async () => {
    const citizen = tgUser({ id: 95_013_001, first_name: 'Иван', last_name: 'Петров' });
    const mine = () => world.tg.sent.filter((m) => String(m.chatId) === String(citizen.id));
    const next = async (deliver: () => Promise<{ accepted: boolean }>) => {
      const before = mine().length;
      expect((await deliver()).accepted).toBe(true);
      return (await waitFor(() => mine()[before], 20_000)).text ?? '';
    };
    const say = (update: TgUpdate) => next(() => world.tgDriver.send(update));
    const sent: TgUpdate[] = [];
    for (const text of beforeText) {
      const update = tgMessageUpdate({ from: citizen, text });
      sent.push(update);
      await say(update);
    }
    const textMessage = tgMessageUpdate({ from: citizen, text: appealText });
    expect(await say(textMessage)).toContain('Приложите файлы');
    expect(await say(tgMessageUpdate({ from: citizen, text: addedLine }))).toContain('Приложите файлы');

    // At the attachments step: the draft takes the edit, the step is asked again.
    const atAttachments = await next(() =>
      world.tgDriver.send(tgEditedMessageUpdate(textMessage, editedText)),
    );
    expect(atAttachments).toContain('Текст обращения изменён по вашей правке.');
    expect(atAttachments).toContain('Приложите файлы');

    const summary = await say(tgMessageUpdate({ from: citizen, text: 'готово' }));
    expect(summary).toContain('Всё верно?');
    expect(summary).toContain(`${editedText}\n${addedLine}`);
    expect(summary).not.toContain(appealText);

    // At the summary: the summary again, with the new text.
    const atSummary = await next(() => world.tgDriver.send(tgEditedMessageUpdate(textMessage, secondEdit)));
    expect(atSummary).toContain('Текст обращения изменён по вашей правке.');
    expect(atSummary).toContain(`${secondEdit}\n${addedLine}`);
    expect(atSummary).toContain('Всё верно?');

    // The passport line edited before registration: not the text, nothing is answered or changed.
    const before = mine().length;
    const passportEdit = tgEditedMessageUpdate(sent[3]!, '46 07 111111');
    expect((await world.tgDriver.send(passportEdit)).accepted).toBe(true);
    await waitFor(async () => {
      const raw = await world.server.pool.query(
        'SELECT 1 FROM inbound_events WHERE external_id = $1 AND processed_at IS NOT NULL',
        [String(passportEdit.update_id)],
      );
      return (raw.rowCount ?? 0) > 0 ? true : undefined;
    }, 20_000);
    await world.server.app.okno.inboundDrained();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(mine()).toHaveLength(before);

    const registered = await say(tgMessageUpdate({ from: citizen, text: 'да' }));
    const number = numberPattern.exec(registered)?.[0];
    expect(number).toBeDefined();
    expect((await appealByNumber(number!)).text).toBe(`${secondEdit}\n${addedLine}`);
    expect(world.tg.violations).toEqual([]);
  });

  it('VK: a message_edit at the summary shows the summary with the new text', {
    timeout: 120_000,
  }, async () => {
    const userId = 6_013_001;
    world.vk.users.set(userId, { first_name: 'Иван', last_name: 'Петров' });
    const mine = () => world.vk.sent.filter((m) => m.peerId === userId);
    const next = async (deliver: () => Promise<{ accepted: boolean }>) => {
      const before = mine().length;
      expect((await deliver()).accepted).toBe(true);
      return (await waitFor(() => mine()[before], 20_000)).message ?? '';
    };
    const say = (message: VkMessage) =>
      next(() =>
        world.vkDriver.send(vkMessageNew(message, { groupId: vkGroupId, secret: 'vk-callback-secret' })),
      );
    for (const text of beforeText) await say(vkMessage({ from_id: userId, text }));
    const textMessage = vkMessage({ from_id: userId, text: appealText });
    await say(textMessage);
    expect(await say(vkMessage({ from_id: userId, text: 'готово' }))).toContain(appealText);
    const edited = await next(() =>
      world.vkDriver.send(
        vkMessageEdit(textMessage, editedText, { groupId: vkGroupId, secret: 'vk-callback-secret' }),
      ),
    );
    expect(edited).toContain('Текст обращения изменён по вашей правке.');
    expect(edited).toContain(editedText);
    expect(edited).toContain('Всё верно?');
    expect(world.vk.violations).toEqual([]);
  });

  it('MAX: an edit at the attachments step shows in the summary', { timeout: 120_000 }, async () => {
    const sender = maxUser({ user_id: 71_013_001, first_name: 'Иван', last_name: 'Петров' });
    const chatId = 81_013_001;
    const mine = () => world.max.sent.filter((m) => m.chatId === chatId);
    const next = async (deliver: () => Promise<{ accepted: boolean }>) => {
      const before = mine().length;
      expect((await deliver()).accepted).toBe(true);
      return (await waitFor(() => mine()[before], 20_000)).text ?? '';
    };
    const say = (text: string) =>
      next(() => world.maxDriver.send(maxMessageCreated({ sender, text, chatId })));
    for (const text of beforeText) await say(text);
    const textMessage = maxMessageCreated({ sender, text: appealText, chatId });
    expect(await next(() => world.maxDriver.send(textMessage))).toContain('Приложите файлы');
    const edited = await next(() => world.maxDriver.send(maxMessageEdited(textMessage, editedText)));
    expect(edited).toContain('Текст обращения изменён по вашей правке.');
    const summary = await say('готово');
    expect(summary).toContain(editedText);
    expect(summary).not.toContain(appealText);
    expect(world.max.violations).toEqual([]);
  });
});
