import type { RxCollection, RxDatabase } from 'rxdb';
import { mailedPatch, markMailed } from '../../../../renderer/db/postal';
import { awaitsMailing, type Message } from '../../../../shared/model/conversation';
import { oknoCollections } from '../../../../shared/schemas/collections';
import { postalAnswerFixture } from '../../shared/model/fixtures';
import { openDatabase, uniqueDatabaseName } from '../../shared/schemas/rxdb-harness';

describe('a postal answer awaiting the letter', () => {
  it('is an outbound postal answer still pending', () => {
    expect(awaitsMailing(postalAnswerFixture())).toBe(true);
  });

  it.each([
    ['a channel answer', { replyVia: 'channel', deliveryError: null }],
    ['an e-mail answer', { replyVia: 'email', deliveryError: null }],
    ['a postal answer already marked mailed', { deliveryStatus: 'sent', deliveryError: null }],
    ['an inbound message', { direction: 'in', replyVia: null, deliveryStatus: 'delivered' }],
  ] as const)('is not %s', (_, overrides) => {
    expect(awaitsMailing(postalAnswerFixture(overrides))).toBe(false);
  });

  it('is marked sent with no reason, updatedAt moving forward even when the clock is behind', () => {
    const updatedAt = Date.UTC(2025, 3, 1);
    expect(mailedPatch({ updatedAt }, updatedAt + 5_000)).toEqual({
      deliveryStatus: 'sent',
      deliveryError: null,
      updatedAt: updatedAt + 5_000,
    });
    expect(mailedPatch({ updatedAt }, updatedAt - 60_000).updatedAt).toBe(updatedAt + 1);
  });
});

describe('marking it mailed in the local database', () => {
  let db: RxDatabase;
  let messages: RxCollection<Message>;
  beforeEach(async () => {
    db = await openDatabase(uniqueDatabaseName('postal'));
    await db.addCollections({ messages: oknoCollections.messages });
    messages = db.messages as RxCollection<Message>;
  });
  afterEach(async () => {
    await db.remove();
  });

  it('writes sent, clears the print reason and moves updatedAt; nothing else changes', async () => {
    const answer = postalAnswerFixture();
    await messages.insert(answer);
    const now = Date.UTC(2025, 3, 2);
    expect(await markMailed(messages, answer.id, now)).toBe(true);
    expect((await messages.findOne(answer.id).exec())!.toJSON()).toMatchObject({
      ...answer,
      deliveryStatus: 'sent',
      deliveryError: null,
      updatedAt: now,
    });
  });

  it('leaves an answer that is not a pending postal one alone', async () => {
    const answer = postalAnswerFixture({ replyVia: 'email', deliveryError: null });
    await messages.insert(answer);
    const revision = (await messages.findOne(answer.id).exec())!.revision;
    expect(await markMailed(messages, answer.id)).toBe(false);
    expect(await markMailed(messages, 'no-such-message')).toBe(false);
    const stored = (await messages.findOne(answer.id).exec())!;
    expect(stored.revision).toBe(revision);
    expect(stored.deliveryStatus).toBe('pending');
  });

  it('marks once: a second click writes nothing', async () => {
    const answer = postalAnswerFixture();
    await messages.insert(answer);
    expect(await markMailed(messages, answer.id)).toBe(true);
    const revision = (await messages.findOne(answer.id).exec())!.revision;
    expect(await markMailed(messages, answer.id)).toBe(false);
    expect((await messages.findOne(answer.id).exec())!.revision).toBe(revision);
  });
});
