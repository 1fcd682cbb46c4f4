import type { SyncDoc } from '../../../../../server/src/sync/docs';
import { isReplay, type ReplayRule } from '../../../../../server/src/sync/replay';

const rule: ReplayRule = { filledOnCreation: ['number', 'delivery'] };
const doc = (fields: Record<string, unknown>): SyncDoc => ({
  id: 'd1',
  subject: 'Тема',
  note: '',
  number: null,
  delivery: 'pending',
  updatedAt: 1_000,
  _deleted: false,
  ...fields,
});

describe('isReplay: the master already holds every change the client pushed', () => {
  it('a re-sent creation, whatever the server filled in and whenever it dated it', () => {
    const pushed = doc({ _meta: { lwt: 1 } });
    const master = doc({ number: 'К-1', delivery: 'sent', updatedAt: 900 });
    expect(isReplay(pushed, null, master, rule)).toBe(true);
  });

  it('a re-sent creation whose content differs from the master is not one', () => {
    expect(isReplay(doc({ subject: 'Другая' }), null, doc({ number: 'К-1' }), rule)).toBe(false);
  });

  it('a re-sent edit: fields the client left alone may have changed since, its own may not', () => {
    const assumed = doc({});
    const pushed = doc({ subject: 'Новая', updatedAt: 2_000 });
    expect(isReplay(pushed, assumed, doc({ subject: 'Новая', note: 'чужое' }), rule)).toBe(true);
    expect(isReplay(pushed, assumed, doc({ subject: 'Чужая' }), rule)).toBe(false);
  });

  it('server-filled fields count as the client’s change when it edits them', () => {
    const assumed = doc({});
    expect(isReplay(doc({ number: 'К-9' }), assumed, doc({ number: 'К-1' }), rule)).toBe(false);
  });

  it('a push that changes nothing but the instant is left to the writer', () => {
    expect(isReplay(doc({ updatedAt: 5_000 }), doc({}), doc({}), rule)).toBe(false);
  });

  it('normalise takes the server’s nested values before comparing', () => {
    const withLink: ReplayRule = {
      filledOnCreation: [],
      normalise: (proposed, _assumed, master) => ({ ...proposed, number: master.number }),
    };
    expect(isReplay(doc({ number: null }), null, doc({ number: 'К-1' }), withLink)).toBe(true);
  });
});
