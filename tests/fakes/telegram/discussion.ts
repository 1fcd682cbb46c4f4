/**
 * A channel and its linked discussion group in the Telegram fake (issue 13): Telegram copies each
 * channel post into the group as an automatic forward (`is_automatic_forward`, `sender_chat` = the
 * channel, `forward_origin` of type `channel`, sent by the service account 777000), and comments are
 * the group's messages in that copy's thread (`message_thread_id` = the copy's id) replying to the
 * copy or to another comment. The Updates built here are validated against `Update` like the others
 * (queueUpdate, the webhook driver). The fake refuses a `reply_parameters.message_id` that names no
 * message of a discussion group it knows (400 "message to be replied not found").
 */
import type { TgChat, TgMessage, TgUpdate, TgUser } from './events';

/** The service account Telegram sends automatic forwards as. */
const telegramService: TgUser = { id: 777000, is_bot: false, first_name: 'Telegram' };

const nowSeconds = () => Math.floor(Date.now() / 1000);
let nextUpdateId = 913_500_000;

export class TgDiscussion {
  /** Every message of the group, by id (copies, comments, the bot's replies). */
  readonly messages = new Map<number, TgMessage>();
  private nextPostId = 1;
  private nextGroupMessageId = 1;

  constructor(
    readonly channel: TgChat,
    readonly group: TgChat,
  ) {}

  /** The channel publishes a post; its copy in the group (the thread's root). */
  publish(text: string): TgMessage {
    const postId = this.nextPostId++;
    const date = nowSeconds();
    const copy: TgMessage = {
      message_id: this.nextGroupMessageId++,
      date,
      chat: this.group,
      from: telegramService,
      sender_chat: this.channel,
      is_automatic_forward: true,
      forward_origin: { type: 'channel', date, chat: this.channel, message_id: postId },
      text,
    };
    this.messages.set(copy.message_id, copy);
    return copy;
  }

  /** `from` comments in `replyTo`'s thread (a post's copy or another comment); the Update. */
  comment(from: TgUser, text: string, replyTo: TgMessage): TgUpdate {
    const thread = replyTo.is_automatic_forward === true ? replyTo.message_id : replyTo.message_thread_id;
    if (typeof thread !== 'number' || this.messages.get(replyTo.message_id) !== replyTo)
      throw new Error('Telegram fake: reply to a message of the discussion group');
    const { reply_to_message: _nested, ...quoted } = replyTo;
    const message: TgMessage = {
      message_id: this.nextGroupMessageId++,
      date: nowSeconds(),
      chat: this.group,
      from,
      message_thread_id: thread,
      reply_to_message: quoted,
      text,
    };
    this.messages.set(message.message_id, message);
    nextUpdateId += 1;
    return { update_id: nextUpdateId, message };
  }

  /** The author edited a comment (the group's copy of it takes the new text too). */
  edit(comment: TgMessage, text: string): TgUpdate {
    comment.text = text;
    nextUpdateId += 1;
    return { update_id: nextUpdateId, edited_message: { ...comment, edit_date: nowSeconds() } };
  }

  /**
   * The bot's message in the group (sendMessage): its id in the group, or Telegram's refusal when
   * it replies to no message of the group.
   */
  botMessage(bot: TgUser, text: string, replyTo: number | undefined): number | { refused: string } {
    const parent = replyTo === undefined ? undefined : this.messages.get(replyTo);
    if (replyTo !== undefined && !parent) return { refused: 'Bad Request: message to be replied not found' };
    const thread = parent?.is_automatic_forward === true ? parent.message_id : parent?.message_thread_id;
    const id = this.nextGroupMessageId++;
    this.messages.set(id, {
      message_id: id,
      date: nowSeconds(),
      chat: this.group,
      from: bot,
      text,
      ...(typeof thread === 'number' ? { message_thread_id: thread } : {}),
      ...(parent ? { reply_to_message: parent } : {}),
    });
    return id;
  }
}
