import fc from 'fast-check';
import {
  type Actor,
  type AppealAction,
  appealActions,
  applyAction,
  availableActions,
  closedStatuses,
  initialStatus,
  isClosed,
  statusesOf,
  type TransitionSubject,
} from '../../../../shared/domain/status-machine';
import { type AppealStatus, type Regime, regimes, roles } from '../../../../shared/model';
import { admin, head, operator, server, subject, supervisor, validPayload } from './status-machine.subjects';

const regimeArb = fc.constantFrom(...regimes);
const actionArb = fc.constantFrom(...appealActions);
const departmentArb = fc.constantFrom('', 'dept-roads', 'dept-housing');
const actorArb: fc.Arbitrary<Actor> = fc.record(
  {
    role: fc.constantFrom(...roles),
    system: fc.boolean(),
    userId: fc.constantFrom('user-op', 'user-head', 'user-x'),
    departmentIds: fc.subarray(['dept-roads', 'dept-housing']),
  },
  { requiredKeys: ['role'] },
);
const extensionArb = fc.option(
  fc.record({
    days: fc.integer({ min: 1, max: 30 }),
    reason: fc.string(),
    noticeQueuedAt: fc.constant(null),
  }),
  {
    nil: null,
  },
);

/** Any well-formed appeal state of any regime. */
const appealArb: fc.Arbitrary<TransitionSubject> = regimeArb.chain((regime) =>
  fc.record({
    id: fc.constant('appeal-1'),
    regime: fc.constant(regime),
    status: fc.constantFrom(...statusesOf(regime)),
    departmentId: departmentArb,
    assigneeId: fc.constantFrom('', 'user-op', 'user-x'),
    extension: extensionArb,
    kind: fc.record({
      form: fc.constantFrom('proposal', 'application', 'complaint', null),
      complaintAgainst: fc.constantFrom(null, 'МУП «Водоканал»'),
    }),
  }),
);

const hugeString = fc.integer({ min: 2_001, max: 20_000 }).map((n) => 'я'.repeat(n));
/** Values a hostile or broken client could put anywhere in a payload. */
const hostileValue = fc.oneof(
  fc.constantFrom(
    '',
    '   ',
    '\u0000',
    'abc\u0007',
    '\uD800',
    '😀🔥',
    "'; DROP TABLE appeals; --",
    '1 OR 1=1',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    null,
    undefined,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    -1,
    0,
    true,
    [],
    {},
    ['0003.0001.0001.0001'],
    { toString: 'x' },
  ),
  hugeString,
  // Anything that is neither a string nor a number: a structured field never accepts it.
  fc.anything().filter((value) => typeof value !== 'string' && typeof value !== 'number'),
);

const run = <T>(property: fc.IProperty<T> | fc.IAsyncProperty<T>) =>
  fc.assert(property as fc.IProperty<T>, { numRuns: 500 });

describe('the status machine never throws', () => {
  it('for any appeal, action, actor and payload — including junk — it answers with a Result', () => {
    run(
      fc.property(
        fc.oneof(appealArb, fc.anything()),
        fc.oneof(actionArb, fc.string()),
        fc.oneof(actorArb, fc.anything()),
        fc.anything(),
        (appeal, action, actor, payload) => {
          const result = applyAction(
            appeal as never,
            action as AppealAction,
            actor as never,
            payload as never,
            0,
          );
          if (!result.ok) expect(result.error.code).toMatch(/^domain:transition\.\w+$/);
          expect(() => availableActions(appeal as never, actor as never)).not.toThrow();
        },
      ),
    );
  });

  it('rejects every illegal transition with a reason', () => {
    run(
      fc.property(appealArb, actionArb, actorArb, (appeal, action, actor) => {
        if (availableActions(appeal, actor).includes(action)) return;
        const result = applyAction(appeal, action, actor, validPayload(action, appeal, actor) as never);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.error.code).toMatch(/^domain:transition\./);
      }),
    );
  });

  it('accepts every action it offers, given a valid payload', () => {
    run(
      fc.property(appealArb, actorArb, (appeal, actor) => {
        for (const action of availableActions(appeal, actor)) {
          const result = applyAction(appeal, action, actor, validPayload(action, appeal, actor) as never);
          expect(result, action).toMatchObject({ ok: true });
          if (result.ok) expect(statusesOf(appeal.regime)).toContain(result.value.status);
        }
      }),
    );
  });
});

// ── reachability: explore every state the machine can produce from a new appeal ──

const explorers: Actor[] = [server, operator, head, supervisor, admin];
type Step = { state: TransitionSubject; next: TransitionSubject[] };

function successors(state: TransitionSubject): TransitionSubject[] {
  const next: TransitionSubject[] = [];
  for (const actor of explorers) {
    for (const action of availableActions(state, actor)) {
      const result = applyAction(state, action, actor, validPayload(action, state, actor) as never, 0);
      if (result.ok) next.push({ ...state, ...result.value.changes, status: result.value.status });
    }
  }
  return next;
}

const keyOf = (s: TransitionSubject) =>
  JSON.stringify([s.status, s.departmentId, s.assigneeId, s.extension !== null]);

function explore(start: TransitionSubject): Map<string, Step> {
  const seen = new Map<string, Step>();
  const queue = [start];
  while (queue.length > 0) {
    const state = queue.shift()!;
    if (seen.has(keyOf(state))) continue;
    const next = successors(state);
    seen.set(keyOf(state), { state, next });
    queue.push(...next);
  }
  return seen;
}

describe.each(regimes)('reachability in the %s regime', (regime: Regime) => {
  const start = subject(regime, initialStatus(regime), { departmentId: '' });
  const graph = explore(start);
  const reached = new Set([...graph.values()].map(({ state }) => state.status));

  it('reaches every status of the regime from the initial one', () => {
    expect([...reached].sort()).toEqual([...statusesOf(regime)].sort());
  });

  it('can finish: from every reachable open state some sequence of legal actions reaches a closed status', () => {
    const canClose = new Set<string>();
    let changed = true;
    while (changed) {
      changed = false;
      for (const [key, { state, next }] of graph) {
        if (canClose.has(key)) continue;
        if (isClosed(state.status) || next.some((n) => canClose.has(keyOf(n)))) {
          canClose.add(key);
          changed = true;
        }
      }
    }
    const stuck = [...graph.keys()].filter((key) => !canClose.has(key));
    expect(stuck).toEqual([]);
  });
});

describe('closed appeals', () => {
  const closedAppealArb = appealArb.filter((appeal) => isClosed(appeal.status));

  it('accept no action but reopen, and only from a supervisor or an admin', () => {
    run(
      fc.property(closedAppealArb, actionArb, actorArb, fc.anything(), (appeal, action, actor, payload) => {
        for (const candidate of [payload, validPayload(action, appeal)]) {
          const result = applyAction(appeal, action, actor, candidate as never);
          if (result.ok) {
            expect(action).toBe('reopen');
            expect(['supervisor', 'admin']).toContain(actor.role);
            expect(actor.system).not.toBe(true);
          }
        }
      }),
    );
  });

  it('are exactly the closed statuses', () => {
    for (const status of closedStatuses) expect(isClosed(status)).toBe(true);
    expect(isClosed('answered' satisfies AppealStatus)).toBe(false);
  });
});

describe('extension', () => {
  it('happens at most once and never by more than 30 days', () => {
    run(
      fc.property(appealArb, actorArb, fc.anything(), fc.anything(), (appeal, actor, days, reason) => {
        const first = applyAction(appeal, 'extend', actor, { days, reason } as never);
        if (!first.ok) return;
        expect(appeal.regime).toBe('formal');
        expect(appeal.extension).toBeNull();
        const extension = first.value.changes.extension!;
        expect(Number.isInteger(extension.days) && extension.days >= 1 && extension.days <= 30).toBe(true);
        const extended = { ...appeal, ...first.value.changes, status: first.value.status };
        for (const again of [1, 5, 30]) {
          expect(applyAction(extended, 'extend', actor, { days: again, reason: 'Ещё раз' })).toMatchObject({
            ok: false,
            error: { code: 'domain:transition.alreadyExtended' },
          });
        }
      }),
    );
  });
});

describe('operators', () => {
  it('can never terminate correspondence or extend a term', () => {
    run(
      fc.property(
        appealArb,
        fc.constantFrom('terminate_correspondence', 'extend') as fc.Arbitrary<AppealAction>,
        fc.anything(),
        (appeal, action, payload) => {
          for (const candidate of [payload, validPayload(action, appeal)]) {
            for (const actor of [operator, { ...operator, departmentIds: ['dept-roads', 'dept-housing'] }]) {
              expect(applyAction(appeal, action, actor, candidate as never).ok).toBe(false);
            }
            expect(availableActions(appeal, operator)).not.toContain(action);
          }
        },
      ),
    );
  });
});

describe('hostile payloads', () => {
  const formalInProgress = subject('formal', 'in_progress', { assigneeId: 'user-op' });
  const cases: [AppealAction, TransitionSubject, Actor, (value: unknown) => unknown][] = [
    ['assign', formalInProgress, supervisor, (v) => ({ assigneeId: v })],
    ['reassign', formalInProgress, supervisor, (v) => ({ departmentId: v })],
    ['register', subject('formal', 'received'), server, (v) => ({ registrationNumber: v })],
    ['extend', formalInProgress, head, (v) => ({ days: v, reason: 'Причина' })],
    ['forward', formalInProgress, head, (v) => ({ bodyName: v })],
    [
      'close',
      subject('formal', 'answered'),
      operator,
      (v) => ({ result: v, classifierCode: '0003.0001.0001.0001' }),
    ],
    ['close', subject('formal', 'answered'), operator, (v) => ({ result: 'explained', classifierCode: v })],
    ['apply_art11', formalInProgress, operator, (v) => ({ outcome: v })],
    ['merge_duplicate', formalInProgress, head, (v) => ({ targetId: v })],
    ['convert_to_formal', subject('incident', 'new'), operator, (v) => ({ formalAppealId: v })],
  ];

  it.each(
    cases.map(
      ([action, appeal, actor, build], i) => [`${action} #${i}`, action, appeal, actor, build] as const,
    ),
  )('%s: a hostile value in a structured field fails', (_name, action, appeal, actor, build) => {
    run(
      fc.property(hostileValue, (value) => {
        const result = applyAction(appeal, action, actor, build(value) as never);
        expect(result.ok).toBe(false);
      }),
    );
  });

  it.each(['take', 'extend', 'close', 'forward'] as const)(
    '%s: a payload of the wrong type never crashes',
    (action) => {
      run(
        fc.property(hostileValue, (payload) => {
          const result = applyAction(formalInProgress, action, head, payload as never);
          if (action !== 'take') expect(result.ok).toBe(false);
        }),
      );
    },
  );

  const freeText: [AppealAction, TransitionSubject, Actor, (value: unknown) => unknown][] = [
    ['extend', formalInProgress, head, (v) => ({ days: 10, reason: v })],
    ['terminate_correspondence', formalInProgress, head, (v) => ({ reason: v })],
    ['reopen', subject('portal', 'closed'), supervisor, (v) => ({ reason: v })],
    ['apply_art11', formalInProgress, operator, (v) => ({ outcome: 'answer_published_link', note: v })],
    ['withdraw', formalInProgress, { role: 'admin', system: true }, (v) => ({ note: v })],
  ];

  it.each(freeText.map(([action, appeal, actor, build]) => [action, appeal, actor, build] as const))(
    '%s: free text is refused when empty, too long, not a string or not well-formed, and kept verbatim otherwise',
    (action, appeal, actor, build) => {
      const refused = [
        '',
        '   ',
        '\u0000',
        'abc\u0007',
        '\uD800',
        'я'.repeat(2_001),
        null,
        42,
        [],
        {},
        undefined,
      ];
      for (const value of refused)
        expect(applyAction(appeal, action, actor, build(value) as never).ok, String(value)).toBe(false);
      // Emoji, SQL and HTML are text a citizen or official may write; the UI escapes and the server binds it.
      for (const value of ['😀 спасибо', "'; DROP TABLE appeals; --", '<b>см. приложение</b>']) {
        const result = applyAction(appeal, action, actor, build(value) as never);
        expect(result.ok, value).toBe(true);
        // Reopening keeps its reason only in the audit log (the payload), not in the appeal.
        if (action !== 'reopen') expect(JSON.stringify(result)).toContain(JSON.stringify(value).slice(1, -1));
      }
    },
  );
});
