/**
 * E-mail (docs/CHANNELS.md §5): the account's apiBaseUrl is `smtp://host:port`, the peer is the
 * recipient's address. 4xx replies and broken connections are retried, 5xx replies are permanent.
 */
import { SmtpReplyError, sendMail } from '../smtp';
import type { NetworkSender } from '../types';
import { retry } from './common';

export const emailSender: NetworkSender = {
  async send(account, message) {
    const url = new URL(account.apiBaseUrl);
    const firstLine = message.text.split('\n', 1)[0] ?? '';
    try {
      const { messageId } = await sendMail(
        { host: url.hostname, port: Number(url.port || 25) },
        {
          from: account.from ?? account.accountId,
          to: message.peerId,
          subject: firstLine.slice(0, 120) || 'Okno',
          ...(message.mailThread
            ? { inReplyTo: message.mailThread.inReplyTo, references: message.mailThread.references }
            : {}),
          text: message.text,
          attachments: message.attachments.map((a) => ({
            name: a.name,
            mimeType: a.mimeType,
            content: Buffer.from(a.contentBase64, 'base64'),
          })),
        },
      );
      return { kind: 'sent', networkMessageId: messageId };
    } catch (error) {
      if (error instanceof SmtpReplyError && error.code >= 500)
        return { kind: 'failed', error: error.message, partsSent: 0 };
      return retry(error instanceof Error ? error.message : String(error), null, 0);
    }
  },
};
