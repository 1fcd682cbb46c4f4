import {
  isPostalMailing,
  mailedState,
  mailingAuditFields,
} from '../../../../../server/src/appeals/postal-mailing';
import type { SyncDoc } from '../../../../../server/src/sync/docs';
import { awaitsMailing, postalPrintRequired } from '../../../../../shared/model/conversation';
import { postalAnswerFixture } from '../../../shared/model/fixtures';

const postalAnswer = (overrides: Record<string, unknown> = {}): SyncDoc => ({
  ...postalAnswerFixture({ createdAt: 1_000, updatedAt: 1_000 }),
  _deleted: false,
  ...overrides,
});

const marked = (master: SyncDoc, overrides: Record<string, unknown> = {}): SyncDoc => ({
  ...master,
  deliveryStatus: 'sent',
  deliveryError: null,
  updatedAt: 2_000,
  ...overrides,
});

describe('marking a postal answer mailed', () => {
  it('is the pending postal answer with only its delivery fields and updatedAt changed', () => {
    const master = postalAnswer();
    expect(awaitsMailing(master)).toBe(true);
    expect(isPostalMailing(master, marked(master))).toBe(true);
  });

  it('ignores RxDB bookkeeping in the pushed document', () => {
    const master = postalAnswer();
    expect(isPostalMailing(master, marked(master, { _meta: { lwt: 1 }, _rev: '2-a' }))).toBe(true);
  });

  it.each([
    ['the text changes too', { text: 'Другой текст.' }],
    ['the route changes too', { replyVia: 'email' }],
    ['the document is deleted', { _deleted: true }],
    ['the status is not sent', { deliveryStatus: 'delivered' }],
    ['the reason stays', { deliveryError: postalPrintRequired }],
    ['a field is added', { note: 'x' }],
  ])('is not a mailing when %s', (_, overrides) => {
    const master = postalAnswer();
    expect(isPostalMailing(master, marked(master, overrides))).toBe(false);
  });

  it.each([
    ['a channel answer', { replyVia: 'channel', deliveryError: null }],
    ['an e-mail answer', { replyVia: 'email', deliveryError: null }],
    ['an answer already marked', { deliveryStatus: 'sent', deliveryError: null }],
    ['an inbound message', { direction: 'in', replyVia: null }],
    ['a deleted message', { _deleted: true }],
  ])('never applies to %s', (_, overrides) => {
    const master = postalAnswer(overrides);
    expect(awaitsMailing(master)).toBe(false);
    expect(isPostalMailing(master, marked(master, { _deleted: master._deleted }))).toBe(false);
  });

  it('stores the master marked sent, its updatedAt never going back', () => {
    const master = postalAnswer({ updatedAt: 5_000 });
    expect(mailedState(master, marked(master, { updatedAt: 6_000 }))).toEqual({
      ...master,
      deliveryStatus: 'sent',
      deliveryError: null,
      updatedAt: 6_000,
    });
    expect(mailedState(master, marked(master, { updatedAt: 4_000 })).updatedAt).toBe(5_000);
  });

  it('audits the delivery fields old → new', () => {
    const master = postalAnswer();
    expect(mailingAuditFields(master, mailedState(master, marked(master)))).toEqual({
      deliveryStatus: { old: 'pending', new: 'sent' },
      deliveryError: { old: postalPrintRequired, new: null },
    });
  });
});
