/**
 * `npm run simulate -- …`: realistic citizen traffic for demos, sent to a RUNNING server's webhooks
 * in each network's wire format (the fakes' drivers). Give the webhook of every network to use
 * (`channel_accounts.path_token` → /api/v1/channels/<network>/<path token>):
 *
 *   npm run simulate -- --telegram http://127.0.0.1:8787/api/v1/channels/telegram/<token> --telegram-secret <s> \
 *                       --vk http://127.0.0.1:8787/api/v1/channels/vk/<token> --vk-secret <s> --vk-group <id> \
 *                       --max …/max/<token> --max-secret <s>  --ok …/ok/<token>  [--count 60] [--rate 5]
 *
 * Citizens write about roads, courtyards, waste, lighting, transport, utilities, healthcare,
 * education and social support; some write twice, some press «Подать обращение». Point the
 * accounts' API base URLs at fakes (or run the server with OKNO_OUTBOX=0) so the bot's replies
 * do not go to the real networks.
 */
import {
  MaxWebhookDriver,
  maxMessageCreated,
  maxUser,
  OkWebhookDriver,
  okMessage,
  TelegramWebhookDriver,
  tgMessageUpdate,
  tgUser,
  VkCallbackDriver,
  vkMessage,
  vkMessageNew,
} from '../tests/fakes';

const texts = [
  'Здравствуйте! На улице Ленина возле дома 12 огромная яма на проезжей части, машины объезжают по встречке.',
  'Во дворе дома 5 по улице Мира третью неделю не вывозят мусор, контейнеры переполнены.',
  'Не горят фонари на улице Садовой от дома 1 до дома 15, вечером очень темно, дети ходят из школы.',
  'Автобус № 14 по утрам не приходит по расписанию, люди опаздывают на работу.',
  'В подъезде дома 8 по Заводской улице нет отопления уже два дня.',
  'Прошу отремонтировать детскую площадку во дворе дома 3 по улице Гагарина: сломаны качели.',
  'В поликлинике № 2 невозможно записаться к терапевту, телефон регистратуры не отвечает.',
  'Моему ребёнку не дают место в детском саду рядом с домом, очередь не движется полгода.',
  'Как оформить компенсацию за коммунальные услуги пенсионеру? Куда обращаться?',
  'На перекрёстке Ленина и Кирова не работает светофор, очень опасно.',
  'Из крана течёт ржавая вода, дом 21 по улице Победы.',
  'Сосед сверху затопил квартиру, управляющая компания не реагирует на заявки.',
  'Прошу убрать сухое дерево у дома 7 по Лесной улице, оно может упасть на машины.',
  'Тротуар на Школьной улице не посыпают, гололёд, пожилые люди падают.',
  'Благодарю дорожную службу за быстрый ремонт дороги на улице Чехова!',
];
const names = [
  ['Иван', 'Петров'],
  ['Мария', 'Смирнова'],
  ['Алексей', 'Кузнецов'],
  ['Ольга', 'Попова'],
  ['Дмитрий', 'Васильев'],
  ['Елена', 'Соколова'],
  ['Сергей', 'Михайлов'],
  ['Наталья', 'Новикова'],
] as const;

function arg(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

type Sender = (citizen: number, text: string) => Promise<boolean>;
const senders: Array<{ network: string; send: Sender }> = [];

const telegram = arg('telegram');
if (telegram) {
  const driver = new TelegramWebhookDriver({ url: telegram, secretToken: arg('telegram-secret') });
  senders.push({
    network: 'telegram',
    send: async (citizen, text) => {
      const [first, last] = names[citizen % names.length]!;
      const from = tgUser({
        id: 610_000_000 + citizen,
        first_name: first,
        last_name: last,
        language_code: 'ru',
      });
      return (await driver.send(tgMessageUpdate({ from, text }))).accepted;
    },
  });
}
const vk = arg('vk');
if (vk) {
  const groupId = Number(arg('vk-group') ?? 0);
  const secret = arg('vk-secret');
  const driver = new VkCallbackDriver({ url: vk, groupId, secret });
  senders.push({
    network: 'vk',
    send: async (citizen, text) =>
      (await driver.send(vkMessageNew(vkMessage({ from_id: 700_000 + citizen, text }), { groupId, secret })))
        .accepted,
  });
}
const max = arg('max');
if (max) {
  const driver = new MaxWebhookDriver({ url: max, secret: arg('max-secret') });
  senders.push({
    network: 'max',
    send: async (citizen, text) => {
      const [first, last] = names[citizen % names.length]!;
      const sender = maxUser({ user_id: 80_000_000 + citizen, first_name: first, last_name: last });
      return (await driver.send(maxMessageCreated({ sender, text, chatId: 90_000_000 + citizen }))).accepted;
    },
  });
}
const ok = arg('ok');
if (ok) {
  const driver = new OkWebhookDriver({ url: ok });
  senders.push({
    network: 'ok',
    send: async (citizen, text) =>
      (
        await driver.send(
          okMessage({
            userId: String(570_000_000_000 + citizen),
            chatId: `C${citizen.toString(16)}a0`,
            text,
          }),
        )
      ).accepted,
  });
}
if (senders.length === 0) {
  console.error(
    'Give at least one webhook: --telegram URL, --vk URL --vk-group ID, --max URL, --ok URL (see the header).',
  );
  process.exit(2);
}

const count = Number(arg('count') ?? 60);
const perSecond = Number(arg('rate') ?? 5);
const tally = new Map<string, { accepted: number; refused: number }>();
for (let n = 0; n < count; n++) {
  const { network, send } = senders[n % senders.length]!;
  const citizen = Math.floor(Math.random() * 40);
  const text = n % 11 === 5 ? 'Подать обращение' : texts[Math.floor(Math.random() * texts.length)]!;
  const accepted = await send(citizen, text).catch(() => false);
  const entry = tally.get(network) ?? { accepted: 0, refused: 0 };
  entry[accepted ? 'accepted' : 'refused']++;
  tally.set(network, entry);
  console.log(`${accepted ? '✓' : '✗'} ${network.padEnd(8)} гражданин ${citizen}: ${text.slice(0, 70)}`);
  await new Promise((resolve) => setTimeout(resolve, 1000 / perSecond));
}
console.log('\nИтого:', Object.fromEntries(tally));
