/**
 * A head's approval of answers (issue 14), over real HTTP, PostgreSQL and the Telegram fake: where
 * the organisation requires it, an executor's answer is held — stored, not delivered — until the
 * department's head approves it (possibly edited) or returns it with a comment the executor reads
 * on the appeal. Only a head of that department or a supervisor decides; every step is audited.
 */
import { tgUser } from '../../fakes';
import { type BotWorld, startBotWorld, telegramCitizen } from '../bot/harness';
import type { TestSession } from '../setup/db';
import { waitFor } from '../setup/wait';
import { callApi, pushRows, type SyncTarget } from '../sync/client';
import { loginAll, masterOf, type RoleKey, staffMessage } from '../sync/fixtures';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the stored documents
type Doc = Record<string, any>;

describe('answers under a head’s approval', () => {
  let world: BotWorld;
  let as: Record<RoleKey, SyncTarget & { session: TestSession }>;
  let appeal: Doc;
  const citizenUser = tgUser({ id: 95001, first_name: 'Пётр', last_name: 'Орлов', language_code: 'ru' });

  const call = (who: RoleKey, method: string, path: string, body?: unknown) =>
    callApi(as[who], method, path, body);

  const answer = async (text: string) => {
    const message = {
      ...staffMessage(world.org.organisation.id, appeal as never, world.org.users.operator1.id),
      text,
    };
    const pushed = await pushRows(as.operator1, 'messages', [{ newDocumentState: message }]);
    expect(pushed.status).toBe(200);
    return message.id;
  };

  const outboxRows = async (messageId: string) =>
    (
      await world.server.pool.query('SELECT text, status FROM outbox_messages WHERE message_id = $1', [
        messageId,
      ])
    ).rows;

  beforeAll(async () => {
    world = await startBotWorld({ defaultDepartment: 'd1' });
    as = await loginAll(world.server, world.org);
    await telegramCitizen(world, citizenUser).say(
      'Во дворе дома 5 по улице Садовой третий день не горят фонари.',
    );
    appeal = await waitFor(async () => {
      const found = await world.server.pool.query<{ doc: Doc }>(
        `SELECT doc FROM sync_appeals WHERE org_id = $1 AND doc->>'regime' = 'incident'`,
        [world.org.organisation.id],
      );
      return found.rows[0]?.doc;
    });
    expect(appeal.departmentId).toBe(world.org.departments.d1.id);
  });
  afterAll(async () => {
    await world.close();
  });

  it('a supervisor puts a department’s incidents under approval, audited old → new', async () => {
    const rule = { departmentId: world.org.departments.d1.id, regime: 'incident', required: true };
    expect((await call('operator1', 'PUT', '/api/v1/quality/approval-rules', rule)).status).toBe(403);
    expect((await call('head1', 'PUT', '/api/v1/quality/approval-rules', rule)).status).toBe(403);
    expect((await call('supervisor', 'PUT', '/api/v1/quality/approval-rules', rule)).status).toBe(200);
    const unknown = await call('supervisor', 'PUT', '/api/v1/quality/approval-rules', {
      ...rule,
      departmentId: 'nope',
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: { code: 'unknown_department' } } });
    const listed = await call('admin', 'GET', '/api/v1/quality/approval-rules');
    expect(listed.body.rules).toEqual([{ departmentId: world.org.departments.d1.id, regime: 'incident' }]);
    const audit = await world.server.pool.query(
      `SELECT fields FROM audit_log WHERE org_id = $1 AND action = 'quality.approvalRule.set'`,
      [world.org.organisation.id],
    );
    expect(audit.rows.map((r) => r.fields)).toEqual([{ approvalIncident: { old: false, new: true } }]);
    // «Журнал администратора» shows it, about the department.
    const journal = await call('admin', 'GET', '/api/v1/admin/journal?kind=organisation');
    expect(journal.body.entries).toContainEqual(
      expect.objectContaining({
        action: 'quality.approvalRule.set',
        entityLabel: `${world.org.departments.d1.code} Отдел 1`,
        fields: { approvalIncident: { old: false, new: true } },
      }),
    );
  });

  it('holds an executor’s answer: stored awaiting approval, nothing delivered', async () => {
    const messageId = await answer('Фонари во дворе дома 5 починим.');
    const stored = await masterOf(world.server.pool, 'sync_messages', messageId);
    expect(stored).toMatchObject({ deliveryStatus: 'pending', deliveryError: 'quality:approval.awaiting' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await outboxRows(messageId)).toEqual([]);
    expect(world.tg.sent.some((m) => m.text?.includes('починим'))).toBe(false);
  });

  it('only a head of that department or a supervisor sees and decides the answer', async () => {
    const queue = await call('head1', 'GET', '/api/v1/quality/approvals');
    expect(queue.status).toBe(200);
    const held = queue.body.approvals.find((a: Doc) => a.text === 'Фонари во дворе дома 5 починим.');
    expect(held).toMatchObject({ appealId: appeal.id, authorUserId: world.org.users.operator1.id });
    expect(held.warnings.map((w: Doc) => w.code)).toEqual([]);
    expect((await call('head2', 'GET', '/api/v1/quality/approvals')).body.approvals).toEqual([]);
    expect((await call('operator1', 'GET', '/api/v1/quality/approvals')).status).toBe(403);
    const path = `/api/v1/quality/approvals/${held.messageId}/approve`;
    expect((await call('operator1', 'POST', path, {})).status).toBe(403);
    expect((await call('head2', 'POST', path, {})).status).toBe(403);
    expect((await call('head1', 'POST', '/api/v1/quality/approvals/no-such-answer/approve', {})).status).toBe(
      404,
    );
  });

  it('a head returns it with a comment: not delivered, failed «returned», the comment on the appeal', async () => {
    const queue = await call('head1', 'GET', '/api/v1/quality/approvals');
    const held = queue.body.approvals[0];
    const path = `/api/v1/quality/approvals/${held.messageId}/return`;
    expect((await call('head1', 'POST', path, { comment: '   ' })).status).toBe(400);
    const returned = await call('head1', 'POST', path, { comment: 'Укажите срок ремонта и подрядчика.' });
    expect(returned).toMatchObject({ status: 200, body: { status: 'returned', appealId: appeal.id } });
    expect(await masterOf(world.server.pool, 'sync_messages', held.messageId)).toMatchObject({
      deliveryStatus: 'failed',
      deliveryError: 'quality:approval.returned',
    });
    expect(await outboxRows(held.messageId)).toEqual([]);
    const stored = await masterOf(world.server.pool, 'sync_appeals', appeal.id);
    expect(stored.comments.at(-1)).toMatchObject({
      authorId: world.org.users.head1.id,
      text: 'Укажите срок ремонта и подрядчика.',
    });
    // The executor's desktop pulls both: the returned answer and the comment.
    const history = await call('operator1', 'GET', `/api/v1/appeals/${appeal.id}/history`);
    expect(history.body.entries.map((e: Doc) => e.action)).toContain('answer.return');
    expect((await call('head1', 'POST', path, { comment: 'ещё раз' })).status).toBe(409);
    expect((await call('head1', 'GET', '/api/v1/quality/approvals')).body.approvals).toEqual([]);
  });

  it('a head approves an edited answer: it goes out in the head’s words, once', async () => {
    const messageId = await answer('Починим фонари.');
    const path = `/api/v1/quality/approvals/${messageId}/approve`;
    const edited = 'Фонари во дворе дома 5 по улице Садовой заменит МБУ «Горсвет» до пятницы.';
    expect((await call('head1', 'POST', path, { text: edited })).status).toBe(200);
    const delivered = await waitFor(() => world.tg.sent.find((m) => m.text === edited));
    expect(String(delivered.chatId)).toBe(String(citizenUser.id));
    expect(world.tg.sent.some((m) => m.text === 'Починим фонари.')).toBe(false);
    await waitFor(
      async () => (await masterOf(world.server.pool, 'sync_messages', messageId)).deliveryStatus === 'sent',
    );
    expect(await masterOf(world.server.pool, 'sync_messages', messageId)).toMatchObject({
      text: edited,
      deliveryError: null,
    });
    expect((await call('head1', 'POST', path, {})).status).toBe(409);
    const audit = await world.server.pool.query(
      `SELECT details FROM audit_log WHERE action = 'answer.approve' AND entity_id = $1`,
      [appeal.id],
    );
    expect(audit.rows[0]?.details).toMatchObject({ messageId, edited: true });
    expect(JSON.stringify(audit.rows)).not.toContain('Горсвет');
  });

  it('warns of the organisation’s own brush-offs: supervisors edit the list (audited), every official reads it', async () => {
    expect((await call('operator1', 'GET', '/api/v1/quality/brush-off')).body).toMatchObject({
      custom: false,
    });
    const phrases = ['  Ждите Ответа ', 'ждите ответа', 'разберёмся'];
    expect((await call('head1', 'PUT', '/api/v1/quality/brush-off', { phrases })).status).toBe(403);
    expect((await call('supervisor', 'PUT', '/api/v1/quality/brush-off', { phrases: ['аб'] })).status).toBe(
      400,
    );
    const set = await call('supervisor', 'PUT', '/api/v1/quality/brush-off', { phrases });
    expect(set.body.phrases).toEqual(['ждите ответа', 'разберёмся']);
    expect((await call('operator1', 'GET', '/api/v1/quality/brush-off')).body).toEqual({
      phrases: ['ждите ответа', 'разберёмся'],
      custom: true,
    });
    const messageId = await answer('По фонарям во дворе разберёмся.');
    const held = (await call('head1', 'GET', '/api/v1/quality/approvals')).body.approvals.find(
      (a: Doc) => a.messageId === messageId,
    );
    expect(held.warnings).toEqual([{ code: 'brushOff', params: { phrase: 'разберемся' } }]);
    const journal = await call('admin', 'GET', '/api/v1/admin/journal?kind=organisation');
    expect(journal.body.entries.map((e: Doc) => e.action)).toContain('quality.brushOff.set');
    expect(
      (await call('supervisor', 'PUT', '/api/v1/quality/brush-off', { phrases: null })).body.phrases,
    ).toContain('к сведению');
    expect((await call('head1', 'POST', `/api/v1/quality/approvals/${messageId}/approve`, {})).status).toBe(
      200,
    );
  });

  it('a head’s own answer and an answer outside the rule go out at once', async () => {
    const message = {
      ...staffMessage(world.org.organisation.id, appeal as never, world.org.users.head1.id),
      text: 'Ответ руководителя.',
    };
    expect((await pushRows(as.head1, 'messages', [{ newDocumentState: message }])).status).toBe(200);
    await waitFor(() => world.tg.sent.find((m) => m.text === 'Ответ руководителя.'));
    expect(
      (
        await call('supervisor', 'PUT', '/api/v1/quality/approval-rules', {
          departmentId: world.org.departments.d1.id,
          regime: 'incident',
          required: false,
        })
      ).status,
    ).toBe(200);
    await answer('Ответ без согласования.');
    await waitFor(() => world.tg.sent.find((m) => m.text === 'Ответ без согласования.'));
  });
});
