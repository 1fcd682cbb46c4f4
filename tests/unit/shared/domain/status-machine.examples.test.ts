import {
  applyAction,
  availableActions,
  initialStatus,
  isClosed,
  statusesOf,
  transitionTable,
} from '../../../../shared/domain/status-machine';
import { admin, head, operator, otherHead, server, subject, supervisor } from './status-machine.subjects';

const now = Date.UTC(2025, 3, 10, 12);

describe('formal appeal lifecycle', () => {
  it('is registered only by the server, which records the number and the moment', () => {
    const received = subject('formal', 'received', { departmentId: '' });
    expect(applyAction(received, 'register', server, { registrationNumber: ' 15/2025 ' }, now)).toEqual({
      ok: true,
      value: { status: 'registered', changes: { registrationNumber: '15/2025', registeredAt: now } },
    });
    expect(applyAction(received, 'register', supervisor, { registrationNumber: '15/2025' }, now)).toEqual({
      ok: false,
      error: { code: 'domain:transition.systemOnly', params: { action: 'register' } },
    });
  });

  it('offers a received appeal to nobody but the server', () => {
    const received = subject('formal', 'received');
    for (const actor of [operator, head, supervisor, admin])
      expect(availableActions(received, actor)).toEqual([]);
    expect(availableActions(received, server)).toEqual(['register']);
  });

  it('is closed by the applicant’s withdrawal, recorded by the server only, before an answer is given', () => {
    const note = 'Заявление об отзыве получено через Telegram 06.12.2026 13:45';
    for (const status of ['registered', 'in_progress', 'documents_requested'] as const) {
      expect(applyAction(subject('formal', status), 'withdraw', server, { note }, now)).toEqual({
        ok: true,
        value: {
          status: 'closed',
          changes: { result: 'left_without_answer', art11Outcome: null, outcomeNote: note, closedAt: now },
        },
      });
    }
    expect(applyAction(subject('formal', 'in_progress'), 'withdraw', head, { note }, now)).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.systemOnly' },
    });
    expect(applyAction(subject('formal', 'answered'), 'withdraw', server, { note }, now).ok).toBe(false);
    expect(applyAction(subject('incident', 'in_progress'), 'withdraw', server, { note }, now).ok).toBe(false);
  });

  it('goes registered → in progress → documents requested → in progress → answered → closed', () => {
    let appeal = subject('formal', 'registered');
    const steps = [
      ['take', operator, undefined, 'in_progress'],
      ['request_documents', operator, undefined, 'documents_requested'],
      ['receive_documents', operator, undefined, 'in_progress'],
      ['answer', operator, undefined, 'answered'],
      [
        'close',
        operator,
        { result: 'supported_measures_taken', classifierCode: '0003.0001.0001.0001' },
        'closed',
      ],
    ] as const;
    for (const [action, actor, payload, expected] of steps) {
      const result = applyAction(appeal, action, actor, payload as never, now);
      if (!result.ok) throw new Error(`${action}: ${result.error.code}`);
      expect(result.value.status).toBe(expected);
      appeal = { ...appeal, ...result.value.changes, status: result.value.status };
    }
    expect(appeal).toMatchObject({
      assigneeId: 'user-op',
      documentsRequestedAt: now,
      answeredAt: now,
      closedAt: now,
      result: 'supported_measures_taken',
      classifierCode: '0003.0001.0001.0001',
    });
  });

  it('refuses to close a formal appeal without a question-level classifier code', () => {
    const answered = subject('formal', 'answered');
    expect(applyAction(answered, 'close', operator, { result: 'explained' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.classifierRequired' },
    });
    expect(
      applyAction(answered, 'close', operator, {
        result: 'explained',
        classifierCode: '0003.0001.0000.0000',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.classifierInvalid' },
    });
  });

  it('closes an incident with a result and no classifier code', () => {
    const answered = subject('incident', 'answered');
    expect(applyAction(answered, 'close', operator, { result: 'supported' }, now)).toEqual({
      ok: true,
      value: { status: 'closed', changes: { result: 'supported', closedAt: now } },
    });
  });

  it('does not let “forwarded” or “term extended” be chosen as a closing result', () => {
    const answered = subject('portal', 'answered');
    for (const result of ['forwarded_by_competence', 'term_extended', 'поддержано', ''] as never[]) {
      expect(applyAction(answered, 'close', operator, { result })).toMatchObject({
        ok: false,
        error: { code: 'domain:transition.resultInvalid' },
      });
    }
  });
});

describe('extension (59-FZ art. 12 part 2)', () => {
  const inProgress = subject('formal', 'in_progress');

  it('extends once by up to 30 days with a reason, keeping the status', () => {
    expect(applyAction(inProgress, 'extend', head, { days: 30, reason: 'Запрос в Росреестр' }, now)).toEqual({
      ok: true,
      value: {
        status: 'in_progress',
        changes: {
          extension: { days: 30, reason: 'Запрос в Росреестр', noticeQueuedAt: null },
          extendedAt: now,
        },
      },
    });
  });

  it('refuses a second extension', () => {
    const extended = { ...inProgress, extension: { days: 10, reason: 'x', noticeQueuedAt: null } };
    expect(applyAction(extended, 'extend', supervisor, { days: 5, reason: 'Ещё' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.alreadyExtended' },
    });
    expect(availableActions(extended, supervisor)).not.toContain('extend');
  });

  it.each([0, 31, 1.5, -3, Number.NaN, Number.POSITIVE_INFINITY])('refuses %s days', (days) => {
    expect(applyAction(inProgress, 'extend', head, { days, reason: 'Причина' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.extensionDays', params: { max: 30 } },
    });
  });

  it('requires a reason', () => {
    expect(applyAction(inProgress, 'extend', head, { days: 10, reason: '   ' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.textRequired', params: { field: 'reason' } },
    });
  });

  it('is not an operator’s decision, and not one for incidents or portal messages', () => {
    expect(applyAction(inProgress, 'extend', operator, { days: 10, reason: 'Причина' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.roleNotAllowed', params: { action: 'extend', role: 'operator' } },
    });
    expect(
      applyAction(subject('incident', 'in_progress'), 'extend', head, { days: 10, reason: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.notInRegime' },
    });
  });

  it('is decided by a head only for the head’s own department', () => {
    expect(applyAction(inProgress, 'extend', otherHead, { days: 10, reason: 'Причина' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.notOwnDepartment' },
    });
  });
});

describe('routing', () => {
  it('lets an operator take an unassigned appeal, and not one someone else has', () => {
    expect(applyAction(subject('portal', 'new'), 'take', operator, undefined, now)).toEqual({
      ok: true,
      value: { status: 'in_progress', changes: { assigneeId: 'user-op' } },
    });
    expect(
      applyAction(subject('portal', 'in_progress', { assigneeId: 'user-x' }), 'take', operator),
    ).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.alreadyAssigned' },
    });
  });

  it('lets a head route an unrouted appeal into the head’s own department only', () => {
    const unrouted = subject('incident', 'new', { departmentId: '' });
    expect(
      applyAction(unrouted, 'assign', head, { assigneeId: 'user-op', departmentId: 'dept-roads' }),
    ).toMatchObject({
      ok: true,
      value: { status: 'in_progress', changes: { assigneeId: 'user-op', departmentId: 'dept-roads' } },
    });
    expect(
      applyAction(unrouted, 'assign', head, { assigneeId: 'user-op', departmentId: 'dept-housing' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.notOwnDepartment' },
    });
    expect(applyAction(unrouted, 'assign', head, { assigneeId: 'user-op' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.departmentRequired' },
    });
  });

  it('moves an appeal to another department with reassign, clearing the assignee', () => {
    const appeal = subject('formal', 'in_progress', { assigneeId: 'user-op' });
    expect(applyAction(appeal, 'reassign', supervisor, { departmentId: 'dept-housing' })).toEqual({
      ok: true,
      value: { status: 'in_progress', changes: { departmentId: 'dept-housing', assigneeId: '' } },
    });
    expect(
      applyAction(appeal, 'assign', supervisor, { assigneeId: 'u', departmentId: 'dept-housing' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.useReassign' },
    });
    expect(applyAction(appeal, 'reassign', head, { departmentId: 'dept-housing' }).ok).toBe(true);
    expect(applyAction(appeal, 'reassign', otherHead, { departmentId: 'dept-housing' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.notOwnDepartment' },
    });
    expect(applyAction(appeal, 'reassign', operator, { departmentId: 'dept-housing' }).ok).toBe(false);
  });
});

describe('forwarding (59-FZ art. 8)', () => {
  it('forwards a formal appeal to the competent body, which closes it for us', () => {
    expect(
      applyAction(
        subject('formal', 'registered'),
        'forward',
        head,
        { bodyName: 'Прокуратура Тверской области' },
        now,
      ),
    ).toEqual({
      ok: true,
      value: {
        status: 'forwarded',
        changes: {
          forwardedTo: { bodyName: 'Прокуратура Тверской области', at: now },
          result: 'forwarded_by_competence',
          closedAt: now,
        },
      },
    });
    expect(isClosed('forwarded')).toBe(true);
  });

  it('never forwards a complaint to the body it complains about', () => {
    const complaint = subject('formal', 'in_progress', {
      kind: { form: 'complaint', complaintAgainst: 'МУП «Водоканал»' },
    });
    expect(applyAction(complaint, 'forward', head, { bodyName: 'муп водоканал' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.forwardToComplainedBody' },
    });
    expect(applyAction(complaint, 'forward', head, { bodyName: 'Департамент ЖКХ' }).ok).toBe(true);
  });
});

describe('special outcomes (59-FZ art. 11)', () => {
  const registered = subject('formal', 'registered');

  it('closes an anonymous appeal without an answer', () => {
    expect(applyAction(registered, 'apply_art11', operator, { outcome: 'no_answer' }, now)).toEqual({
      ok: true,
      value: {
        status: 'closed',
        changes: {
          art11Outcome: 'no_answer',
          result: 'left_without_answer',
          outcomeNote: null,
          closedAt: now,
        },
      },
    });
  });

  it('requires the link when the answer is already published', () => {
    expect(
      applyAction(registered, 'apply_art11', operator, { outcome: 'answer_published_link' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.textRequired', params: { field: 'note' } },
    });
    const withLink = applyAction(
      registered,
      'apply_art11',
      operator,
      { outcome: 'answer_published_link', note: 'https://tver.ru/answers/123' },
      now,
    );
    expect(withLink).toMatchObject({
      ok: true,
      value: { changes: { outcomeNote: 'https://tver.ru/answers/123' } },
    });
  });

  it('lets only heads and above terminate correspondence', () => {
    const payload = { reason: 'Ответ давался трижды, новых доводов нет' };
    expect(applyAction(registered, 'terminate_correspondence', operator, payload)).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.roleNotAllowed' },
    });
    expect(
      applyAction(registered, 'apply_art11', operator, { outcome: 'correspondence_terminated' as never }),
    ).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.useTerminate' },
    });
    expect(applyAction(registered, 'terminate_correspondence', head, payload, now)).toMatchObject({
      ok: true,
      value: {
        status: 'closed',
        changes: { art11Outcome: 'correspondence_terminated', outcomeNote: payload.reason },
      },
    });
  });
});

describe('incidents', () => {
  it('closes a new message confirmed not an incident without an answer, for any staff role (issue 13)', () => {
    for (const actor of [operator, head, supervisor, admin]) {
      expect(applyAction(subject('incident', 'new'), 'close_non_incident', actor, undefined, now)).toEqual({
        ok: true,
        value: { status: 'closed', changes: { result: 'left_without_answer', closedAt: now } },
      });
    }
    expect(
      applyAction(subject('incident', 'in_progress'), 'close_non_incident', operator, undefined, now).ok,
    ).toBe(false);
    expect(transitionTable.portal.close_non_incident).toBeUndefined();
    expect(transitionTable.formal.close_non_incident).toBeUndefined();
  });

  it('goes new → in progress → interim answer → answer → closed', () => {
    expect(transitionTable.incident.answer_interim?.moves).toEqual({ in_progress: 'interim_answered' });
    expect(transitionTable.incident.answer?.moves).toEqual({
      in_progress: 'answered',
      interim_answered: 'answered',
    });
  });

  it('records conversion into a formal appeal and closes the incident', () => {
    expect(
      applyAction(
        subject('incident', 'in_progress'),
        'convert_to_formal',
        operator,
        { formalAppealId: 'f-1' },
        now,
      ),
    ).toEqual({
      ok: true,
      value: { status: 'converted', changes: { convertedToId: 'f-1', closedAt: now } },
    });
    expect(
      applyAction(subject('portal', 'in_progress'), 'convert_to_formal', operator, { formalAppealId: 'f-1' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.notInRegime' },
    });
  });
});

describe('duplicates and reopening', () => {
  it('merges a duplicate into another appeal, never into itself', () => {
    const appeal = subject('incident', 'new');
    expect(applyAction(appeal, 'merge_duplicate', operator, { targetId: 'appeal-1' })).toMatchObject({
      ok: false,
      error: { code: 'domain:transition.sameAppeal' },
    });
    expect(applyAction(appeal, 'merge_duplicate', operator, { targetId: 'appeal-9' }, now)).toEqual({
      ok: true,
      value: { status: 'merged', changes: { duplicateOf: 'appeal-9', closedAt: now } },
    });
  });

  it('lets a supervisor reopen a closed appeal, clearing its outcome', () => {
    const closed = subject('formal', 'closed');
    expect(availableActions(closed, supervisor)).toEqual(['reopen']);
    expect(availableActions(closed, head)).toEqual([]);
    expect(applyAction(closed, 'reopen', admin, { reason: 'Жалоба заявителя на ответ' })).toMatchObject({
      ok: true,
      value: {
        status: 'in_progress',
        changes: { closedAt: null, result: null, art11Outcome: null, answeredAt: null },
      },
    });
  });

  it('never reopens a converted incident: the formal appeal carries the work on', () => {
    expect(availableActions(subject('incident', 'converted'), supervisor)).toEqual([]);
  });
});

describe('vocabulary', () => {
  it('starts formal appeals as received and the others as new', () => {
    expect([initialStatus('formal'), initialStatus('incident'), initialStatus('portal')]).toEqual([
      'received',
      'new',
      'new',
    ]);
  });

  it('lists each regime’s statuses, and every status in the table belongs to its regime', () => {
    for (const regime of ['incident', 'portal', 'formal'] as const) {
      for (const rule of Object.values(transitionTable[regime])) {
        for (const [from, to] of Object.entries(rule.moves)) {
          expect(statusesOf(regime)).toContain(from);
          expect(statusesOf(regime)).toContain(to);
        }
      }
    }
  });
});
