import {
  emptyActionForm,
  offeredActions,
  payloadFromForm,
  planAction,
} from '../../../../renderer/appeal-actions/plan';
import type { Actor } from '../../../../shared/domain/status-machine';
import { appealFixture } from '../../shared/model/fixtures';

const now = Date.UTC(2025, 3, 10, 12, 0);
const operator: Actor = { role: 'operator', userId: 'user-op', departmentIds: ['dept-housing'] };
const head: Actor = { role: 'head', userId: 'user-head', departmentIds: ['dept-housing'] };
const supervisor: Actor = { role: 'supervisor', userId: 'user-sup', departmentIds: [] };

describe('action → patch', () => {
  it('taking a registered appeal makes the operator its assignee and moves it into work', () => {
    const planned = planAction(appealFixture(), 'take', operator, undefined, now);
    expect(planned).toEqual({
      ok: true,
      value: { assigneeId: 'user-op', status: 'in_progress', updatedAt: now },
    });
  });

  it('never moves updatedAt back when the desktop clock is behind the last edit', () => {
    const appeal = appealFixture({ updatedAt: now + 5_000 });
    const planned = planAction(appeal, 'take', operator, undefined, now);
    expect(planned.ok && planned.value.updatedAt).toBe(now + 5_001);
  });

  it('extends by the given days with the reason and leaves the notice to the server', () => {
    const appeal = appealFixture({ status: 'in_progress', assigneeId: 'user-op' });
    const form = { ...emptyActionForm, days: '20', reason: 'Запрошены документы в МВД' };
    const planned = planAction(appeal, 'extend', head, payloadFromForm('extend', form, appeal) as never, now);
    expect(planned).toEqual({
      ok: true,
      value: {
        extension: { days: 20, reason: 'Запрошены документы в МВД', noticeQueuedAt: null },
        extendedAt: now,
        status: 'in_progress',
        updatedAt: now,
      },
    });
  });

  it('refuses an extension of more than 30 days with the machine’s reason', () => {
    const appeal = appealFixture({ status: 'in_progress' });
    const form = { ...emptyActionForm, days: '31', reason: 'долго' };
    const planned = planAction(appeal, 'extend', head, payloadFromForm('extend', form, appeal) as never, now);
    expect(planned).toEqual({
      ok: false,
      error: { code: 'domain:transition.extensionDays', params: { max: 30 } },
    });
  });

  it('refuses an extension without a reason', () => {
    const appeal = appealFixture({ status: 'in_progress' });
    const form = { ...emptyActionForm, days: '10', reason: '  ' };
    const planned = planAction(appeal, 'extend', head, payloadFromForm('extend', form, appeal) as never, now);
    expect(!planned.ok && planned.error.code).toBe('domain:transition.textRequired');
  });

  it('closing a formal appeal needs a classifier question code', () => {
    const appeal = appealFixture({ status: 'answered' });
    const withoutCode = { ...emptyActionForm, result: 'explained' as const };
    const refused = planAction(
      appeal,
      'close',
      operator,
      payloadFromForm('close', withoutCode, appeal) as never,
      now,
    );
    expect(!refused.ok && refused.error.code).toBe('domain:transition.classifierRequired');

    const withCode = { ...withoutCode, classifierCode: '0005.0005.0056.1151' };
    const closed = planAction(
      appeal,
      'close',
      operator,
      payloadFromForm('close', withCode, appeal) as never,
      now,
    );
    expect(closed).toEqual({
      ok: true,
      value: {
        result: 'explained',
        classifierCode: '0005.0005.0056.1151',
        closedAt: now,
        status: 'closed',
        updatedAt: now,
      },
    });
  });

  it('moves an appeal to another department and clears its assignee', () => {
    const appeal = appealFixture({ status: 'in_progress', assigneeId: 'user-op' });
    const form = { ...emptyActionForm, departmentId: 'dept-roads' };
    const planned = planAction(
      appeal,
      'reassign',
      supervisor,
      payloadFromForm('reassign', form, appeal) as never,
      now,
    );
    expect(planned).toEqual({
      ok: true,
      value: { departmentId: 'dept-roads', assigneeId: '', status: 'in_progress', updatedAt: now },
    });
  });

  it('an art. 11 "answer published" outcome records the link and the result reported to ССТУ', () => {
    const appeal = appealFixture({ status: 'in_progress' });
    const form = {
      ...emptyActionForm,
      outcome: 'answer_published_link' as const,
      note: 'https://adm.example/answers/1',
    };
    const planned = planAction(
      appeal,
      'apply_art11',
      operator,
      payloadFromForm('apply_art11', form, appeal) as never,
      now,
    );
    expect(planned.ok && planned.value).toMatchObject({
      art11Outcome: 'answer_published_link',
      result: 'answered_to_author',
      outcomeNote: 'https://adm.example/answers/1',
      status: 'closed',
    });
  });

  it('routes an unrouted appeal with the department given in the assign form', () => {
    const appeal = appealFixture({ departmentId: '' });
    const form = { ...emptyActionForm, assigneeId: 'user-op', departmentId: 'dept-housing' };
    expect(payloadFromForm('assign', form, appeal)).toEqual({
      assigneeId: 'user-op',
      departmentId: 'dept-housing',
    });
    expect(payloadFromForm('assign', form, appealFixture())).toEqual({ assigneeId: 'user-op' });
  });
});

describe('offered actions', () => {
  it('offers an operator only what the status machine allows, without register, answer and conversion', () => {
    expect(offeredActions(appealFixture(), operator)).toEqual(['take', 'apply_art11']);
    expect(offeredActions(appealFixture({ status: 'in_progress', assigneeId: 'user-op' }), operator)).toEqual(
      ['request_documents', 'apply_art11'],
    );
  });

  it('offers reopening of a closed appeal only to supervisors', () => {
    const closed = appealFixture({ status: 'closed', closedAt: now });
    expect(offeredActions(closed, operator)).toEqual([]);
    expect(offeredActions(closed, supervisor)).toEqual(['reopen']);
  });

  it('offers a head management actions only in the head’s own departments', () => {
    expect(offeredActions(appealFixture(), head)).toContain('extend');
    expect(offeredActions(appealFixture({ departmentId: 'dept-roads' }), head)).not.toContain('extend');
  });
});
