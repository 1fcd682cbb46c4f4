/**
 * Read receipts (VK `message_read`, server/src/channels): the citizen read the chat up to one of
 * our messages, so every answer and notice sent there up to it was delivered. The outbox rows and
 * their replicated messages (`deliveryStatus`, which the desktop shows) change in one settle
 * transaction (./settlements.ts). Networks without receipts (Telegram, MAX, OK, e-mail) leave sent
 * messages `sent`: the network accepted them, nobody confirmed more.
 */
import type pg from 'pg';
import type { ReadReceipt, ReadReceipts } from '../channels/types';
import { Settlements } from './settlements';

export class OutboxReadReceipts implements ReadReceipts {
  private readonly settlements: Settlements;

  constructor(db: pg.Pool) {
    this.settlements = new Settlements(db);
  }

  readUpTo(receipt: ReadReceipt): Promise<void> {
    const { account, chatId, upToNetworkMessageId } = receipt;
    if (!/^\d{1,18}$/.test(upToNetworkMessageId)) return Promise.resolve();
    return this.settlements.submit(async (tx) => {
      const delivered = await tx.query<{ message_id: string | null }>(
        `UPDATE outbox_messages SET status = 'delivered', updated_at = now()
          WHERE org_id = $1 AND network = $2 AND account_id = $3 AND peer_id = $4 AND status = 'sent'
            AND network_message_id ~ '^[0-9]{1,18}$' AND network_message_id::bigint <= $5::bigint
          RETURNING message_id`,
        [account.orgId, account.network, account.accountId, chatId, upToNetworkMessageId],
      );
      return delivered.rows
        .filter((row): row is { message_id: string } => row.message_id !== null)
        .map((row) => ({
          orgId: account.orgId,
          messageId: row.message_id,
          status: 'delivered',
          error: null,
        }));
    });
  }
}
