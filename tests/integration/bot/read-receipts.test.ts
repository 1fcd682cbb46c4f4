/**
 * Delivery confirmed by the network: VK reports `message_read` when the citizen has read the
 * dialogue up to one of our messages. Every answer and bot reply sent there up to it becomes
 * `delivered` on the server and on the desktops; a later one stays `sent`.
 */
import { vkMessageRead } from '../../fakes';
import { pullAll } from '../channels/support';
import { waitFor } from '../setup/wait';
import { type BotWorld, startBotWorld, vkCitizen, vkGroupId } from './harness';

type Doc = Record<string, unknown>;

describe('read receipts', () => {
  let world: BotWorld;
  const citizenId = 5001;

  beforeAll(async () => {
    world = await startBotWorld();
  });
  afterAll(async () => {
    await world.close();
  });

  /** The outbox rows sent to the citizen, oldest first, with their replicated message's status. */
  async function sentToCitizen() {
    const result = await world.server.pool.query<{
      message_id: string | null;
      network_message_id: string;
      status: string;
      doc: Doc | null;
    }>(
      `SELECT o.message_id, o.network_message_id, o.status, m.doc FROM outbox_messages o
         LEFT JOIN sync_messages m ON m.id = o.message_id
        WHERE o.network = 'vk' AND o.peer_id = $1 AND o.network_message_id IS NOT NULL
        ORDER BY o.seq`,
      [String(citizenId)],
    );
    return result.rows;
  }

  it('marks what the citizen read delivered, on the server and in the replicated thread, and nothing later', async () => {
    const citizen = vkCitizen(world, citizenId);
    await citizen.say('Во дворе не горят фонари.');
    await citizen.say('Мои обращения');
    const sent = await waitFor(async () => {
      const rows = await sentToCitizen();
      return rows.length >= 2 && rows.every((r) => r.status === 'sent') ? rows : undefined;
    });
    expect(sent.every((r) => r.doc?.deliveryStatus === 'sent')).toBe(true);

    // The citizen read up to our first reply.
    const report = await world.vkDriver.send(
      vkMessageRead(citizenId, Number(sent[0]!.network_message_id), {
        groupId: vkGroupId,
        secret: 'vk-callback-secret',
      }),
    );
    expect(report.accepted).toBe(true);
    await world.server.app.okno.inboundDrained();
    const after = await waitFor(async () => {
      const rows = await sentToCitizen();
      return rows[0]?.status === 'delivered' ? rows : undefined;
    });
    expect(after[0]!.doc?.deliveryStatus).toBe('delivered');
    expect(after.slice(1).map((r) => r.status)).toEqual(after.slice(1).map(() => 'sent'));

    // A supervisor's desktop pulls the thread message with its new status.
    const messageId = after[0]!.message_id;
    expect(messageId).not.toBeNull();
    const env = { server: world.server, org: world.org, dataDir: '' };
    const pulled = await pullAll(env, world.org.users.supervisor, 'messages');
    expect(pulled.find((m) => m.id === messageId)?.deliveryStatus).toBe('delivered');
  });
});
