/**
 * The outbox's in-process spacing (server/src/outbox/rate-limit.ts, SendPacer): taken right before
 * a request starts, so a send that started late pushes the next ones back instead of letting them
 * bunch up against it.
 */
import { SendPacer } from '../../../../../server/src/outbox/rate-limit';

function pacerAt(start = 1_000) {
  const clock = { now: start };
  return { clock, pacer: new SendPacer(() => clock.now) };
}

const vk = { perSecond: 20, burst: 1 };
const chat = { perSecond: 1, burst: 1 };
const account = { perSecond: 28, burst: 1 };
/** A Telegram message's keys: its chat and its bot. */
const telegram = (chatId: number) =>
  [
    [`tg:bot:${chatId}`, chat],
    ['tg:bot', account],
  ] as const;

describe('SendPacer', () => {
  it('spaces the starts on one key by 1/rate, counting from the previous start', () => {
    const { clock, pacer } = pacerAt();
    expect(pacer.take([['vk:1', vk]])).toBe(0);
    // The next request is ready 10 ms later: it waits the 40 ms left of the interval.
    clock.now += 10;
    expect(pacer.take([['vk:1', vk]])).toBe(40);
    // Twenty requests ready at once start 50 ms apart: never more than 20 within a second.
    const waits = Array.from({ length: 20 }, () => pacer.take([['vk:1', vk]]));
    expect(waits[0]).toBe(90);
    expect(waits.at(-1)).toBe(90 + 19 * 50);
  });

  it('pushes the next message of a chat back when the previous one started late', () => {
    const { clock, pacer } = pacerAt();
    // The first message's request starts 300 ms after its shared slot (a slow query).
    clock.now += 300;
    expect(pacer.take(telegram(7))).toBe(0);
    // The second one's shared slot came a second after the first's; it is ready 1,000 ms after that
    // slot, only 700 ms after the first actually started: it waits the other 300 ms.
    clock.now += 700;
    expect(pacer.take(telegram(7))).toBe(300);
  });

  it('waits for the latest of the keys and reserves that start on each', () => {
    const { clock, pacer } = pacerAt();
    pacer.take(telegram(7));
    clock.now += 10;
    // Another chat of the same bot waits only for the bot's interval (1000/28 ≈ 35.7 ms).
    expect(pacer.take(telegram(8))).toBeCloseTo(1000 / 28 - 10, 5);
  });

  it('lets a burst go back to back, then spaces the rest', () => {
    const { pacer } = pacerAt();
    const mail = { perSecond: 10, burst: 3 };
    const waits = Array.from({ length: 5 }, () => pacer.take([['email:box', mail]]));
    expect(waits).toEqual([0, 0, 0, 100, 200]);
  });

  it('forgets keys whose interval has passed once many are held', () => {
    const { clock, pacer } = pacerAt();
    for (let i = 0; i <= 10_000; i++) pacer.take([[`tg:bot:${i}`, chat]]);
    clock.now += 2_000;
    pacer.take([['tg:bot:new', chat]]);
    // Key 0's interval passed long ago: it starts at once.
    expect(pacer.take([['tg:bot:0', chat]])).toBe(0);
    expect((pacer as unknown as { next: Map<string, number> }).next.size).toBeLessThan(10);
  });
});
