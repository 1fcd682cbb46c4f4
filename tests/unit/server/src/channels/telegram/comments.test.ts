import { normaliseTelegramUpdate } from '../../../../../../server/src/channels/telegram/normalise';
import type { ChannelAccount } from '../../../../../../server/src/channels/types';

const channelId = -1001111111111;
const groupId = -1002222222222;
const account = {
  id: 'acc-tg',
  accountId: '7000000777',
  network: 'telegram',
  administrators: [String(channelId)],
} as unknown as ChannelAccount;
const group = { id: groupId, type: 'supergroup', title: 'Чат района' };
const channel = { id: channelId, type: 'channel', title: 'Район', username: 'okno_rayon' };
const copy = {
  message_id: 40,
  date: 1_780_000_000,
  chat: group,
  from: { id: 777000, is_bot: false, first_name: 'Telegram' },
  sender_chat: channel,
  is_automatic_forward: true,
  forward_origin: { type: 'channel', date: 1_780_000_000, chat: channel, message_id: 7 },
  text: 'Пост',
};
const citizen = { id: 60101, is_bot: false, first_name: 'Ирина', last_name: 'Волкова' };
const comment = (fields: Record<string, unknown> = {}) => ({
  message_id: 41,
  date: 1_780_000_100,
  chat: group,
  from: citizen,
  message_thread_id: 40,
  reply_to_message: copy,
  text: 'Нет воды',
  ...fields,
});
const update = (message: Record<string, unknown>, key = 'message') => ({ update_id: 1, [key]: message });

describe('Telegram comments in a discussion group', () => {
  it('a comment under the channel’s post is the citizen’s message in the comment’s conversation', () => {
    expect(normaliseTelegramUpdate(account, update(comment()))).toMatchObject({
      kind: 'message',
      message: {
        peer: { accountId: '60101', chatId: `comment:${groupId}:40:41`, displayName: 'Ирина Волкова' },
        externalMessageId: `comment:${groupId}:41`,
        sourcePost: {
          network: 'telegram',
          postId: '40',
          commentId: '41',
          url: 'https://t.me/okno_rayon/7?comment=41',
        },
      },
    });
  });

  it('a reply to a comment in the same thread is a comment without a post link', () => {
    const reply = comment({ message_id: 42, reply_to_message: comment() });
    expect(normaliseTelegramUpdate(account, update(reply))).toMatchObject({
      kind: 'message',
      message: { peer: { chatId: `comment:${groupId}:40:42` }, sourcePost: { postId: '40', url: null } },
    });
  });

  it('an edited comment is an edit of the comment’s message', () => {
    expect(
      normaliseTelegramUpdate(
        account,
        update(comment({ text: 'Нет воды третий день', edit_date: 1_780_000_200 }), 'edited_message'),
      ),
    ).toEqual({
      kind: 'edit',
      externalId: '1',
      chatId: `comment:${groupId}:40:41`,
      externalMessageId: `comment:${groupId}:41`,
      text: 'Нет воды третий день',
      editedAt: 1_780_000_200_000,
    });
  });

  it('the post’s copy is ignored; another channel’s thread and forum topics are ordinary group messages', () => {
    expect(normaliseTelegramUpdate(account, update(copy))).toMatchObject({
      kind: 'ignored',
      reason: 'channel-post-copy',
    });
    const foreign = comment({ reply_to_message: { ...copy, sender_chat: { ...channel, id: -1009 } } });
    expect(normaliseTelegramUpdate(account, update(foreign))).toMatchObject({
      kind: 'message',
      message: { peer: { chatId: String(groupId), groupChat: true } },
    });
    const topic = comment({ is_topic_message: true });
    const event = normaliseTelegramUpdate(account, update(topic));
    expect(event.kind === 'message' && event.message.sourcePost).toBeUndefined();
  });

  it('the channel’s answer to a comment belongs to the comment’s conversation', () => {
    const answer = comment({
      message_id: 43,
      from: { id: 136817688, is_bot: true, first_name: 'Channel' },
      sender_chat: channel,
      reply_to_message: comment(),
    });
    expect(normaliseTelegramUpdate(account, update(answer))).toMatchObject({
      kind: 'network-answer',
      chatId: `comment:${groupId}:40:41`,
    });
  });
});
