import type { Appeal } from './appeal';
import type { Channel } from './vocabulary';

/**
 * How the applicant learns of an extension (59-FZ art. 12 p. 2), forwarding (art. 8 p. 3) or an art. 11
 * outcome without an official writing to them:
 * - `chat`: the bot's notice in the chat the appeal came from (server/src/bot/notices.ts);
 * - `email`: an appeal that came by e-mail, or whose applicant gave an e-mail address (and no chat) —
 *   the server issues the notice letter and mails it with the letter's PDF attached, in the e-mail
 *   conversation's thread when there is one (server/src/letters/postal-notices.ts);
 * - `post`: an appeal filed in person, by post or by phone whose applicant gave a postal address and
 *   no e-mail — the server issues a notice letter into «Печать и отправка почтой»
 *   (server/src/letters/postal-notices.ts);
 * - `manual`: nothing automatic; the official tells the applicant.
 */
export type NoticeRoute = 'chat' | 'email' | 'post' | 'manual';

const chatChannels: readonly Channel[] = ['vk', 'ok', 'telegram', 'max'];
const paperChannels: readonly Channel[] = ['reception', 'post', 'phone'];

const given = (value: string | null | undefined) => typeof value === 'string' && value.trim() !== '';

export function noticeRoute(
  appeal: Pick<Appeal, 'channel' | 'conversationId'> & {
    applicant: { contacts: Pick<Appeal['applicant']['contacts'], 'email' | 'postalAddress'> };
  },
): NoticeRoute {
  if (chatChannels.includes(appeal.channel) && appeal.conversationId !== '') return 'chat';
  const { email, postalAddress } = appeal.applicant.contacts;
  if (given(email) || (appeal.channel === 'email' && appeal.conversationId !== '')) return 'email';
  if (paperChannels.includes(appeal.channel) && !given(email) && given(postalAddress)) return 'post';
  return 'manual';
}
