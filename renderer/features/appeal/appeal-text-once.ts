/**
 * Issue 11 defect 2: a chat-originated appeal was shown with the citizen's first message twice —
 * as the appeal's own text (under the applicant's name) and as the chat message it was made from
 * (under the profile name). The appeal's text is the one shown: it is what was received or
 * registered, and it stays as it was whatever happens to the message later. The message that
 * carries exactly that text and those files is left out; once the citizen edits it in the network,
 * its text differs and it is shown again, with the edit, beside the text as registered.
 */
import type { Appeal } from '../../../shared/model/appeal';
import type { AttachmentMeta } from '../../../shared/model/attachment';
import type { Message } from '../../../shared/model/conversation';

const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

const sameFiles = (a: readonly AttachmentMeta[], b: readonly AttachmentMeta[]) =>
  a.length === b.length && a.every((file) => b.some((other) => other.id === file.id));

/** The appeal's messages without the one its own text was taken from (the earliest such, if any). */
export function messagesBesideAppealText(
  appeal: Pick<Appeal, 'text' | 'attachments'>,
  messages: readonly Message[],
): readonly Message[] {
  const source = messages.find(
    (message) =>
      message.direction === 'in' &&
      message.author.kind === 'applicant' &&
      sameText(message.text, appeal.text) &&
      sameFiles(message.attachments, appeal.attachments),
  );
  return source ? messages.filter((message) => message !== source) : messages;
}
