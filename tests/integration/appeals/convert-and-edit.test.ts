/**
 * Converting an incident into a formal appeal when the citizen asks for one, and editing category,
 * subject and urgency of an incoming appeal (issue 11). Both go through the desktop's push: the
 * server replays the conversion with the status machine, links the formal appeal to the incident's
 * conversation (server/src/appeals/writer.ts `linkConverted`), recomputes deadlines, audits, and
 * refuses what the pushing user may not do.
 */
import { randomUUID } from 'node:crypto';
import type { Appeal } from '../../../shared/model';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pushRows, type SyncTarget } from '../sync/client';
import {
  createAppeals,
  editAppeal,
  insertConversation,
  loginAll,
  masterOf,
  newFormalAppeal,
  type RoleKey,
} from '../sync/fixtures';

describe('converting an incident and editing an incoming appeal', () => {
  let server: TestServer;
  let org: TestOrg;
  let as: Record<RoleKey, SyncTarget>;

  beforeAll(async () => {
    server = await startTestServer();
    org = await seedTestOrg(server.pool);
    as = await loginAll(server, org);
  });
  afterAll(async () => {
    await server.close();
  });

  async function incident(department: 'd1' | 'd2' = 'd1'): Promise<Json> {
    const conversationId = randomUUID();
    await insertConversation(server.pool, org.organisation.id, conversationId);
    const base = newFormalAppeal(org.organisation.id, org.departments[department].id);
    const appeal: Appeal = {
      ...base,
      regime: 'incident',
      channel: 'vk',
      status: 'new',
      subject: 'Во дворе не горит фонарь',
      category: null,
      subcategory: null,
      conversationId,
      applicant: { ...base.applicant, identification: 'none', passportMasked: null },
    };
    const [stored] = await createAppeals(server.pool, department === 'd1' ? as.operator1 : as.operator2, [
      appeal,
    ]);
    return stored;
  }

  function formalFrom(source: Json, department: 'd1' | 'd2' = 'd1'): Appeal {
    return newFormalAppeal(org.organisation.id, org.departments[department].id, {
      channel: source.channel,
      subject: source.subject,
      text: source.text,
      convertedFromId: source.id,
      // The incident's files go with it (renderer/features/appeal/editing/editing.ts).
      attachments: source.attachments,
      receivedAt: Date.now() - 1000,
      updatedAt: Date.now() - 1000,
    });
  }

  it('turns an incident into a formal appeal that is registered, linked both ways and answered in the same chat', async () => {
    const source = await incident();
    const formal = formalFrom(source);
    const pushed = await pushRows(
      as.operator1,
      'appeals',
      [
        { newDocumentState: { ...formal, _deleted: false } },
        {
          newDocumentState: {
            ...source,
            status: 'converted',
            convertedToId: formal.id,
            updatedAt: Date.now(),
          },
          assumedMasterState: source,
        },
      ],
      'refusals=1',
    );
    expect(pushed.status).toBe(200);
    expect(pushed.body.refusals).toEqual([]);
    const stored = await masterOf(server.pool, 'sync_appeals', formal.id);
    expect(stored).toMatchObject({
      regime: 'formal',
      convertedFromId: source.id,
      conversationId: source.conversationId,
      status: 'registered',
    });
    expect(stored.registrationNumber).toEqual(expect.any(String));
    const converted = await masterOf(server.pool, 'sync_appeals', source.id);
    expect(converted).toMatchObject({ status: 'converted', convertedToId: formal.id });
    expect(converted.closedAt).toEqual(expect.any(Number));
    const audit = await server.pool.query(
      `SELECT details FROM audit_log WHERE entity = 'appeal' AND entity_id = $1 AND action = 'appeal.update'`,
      [source.id],
    );
    expect(audit.rows.flatMap((r) => r.details.actions ?? [])).toContain('convert_to_formal');
  });

  it('refuses to link a formal appeal to an incident of another department', async () => {
    const theirs = await incident('d2');
    const formal = formalFrom(theirs, 'd1');
    const pushed = await pushRows(
      as.operator1,
      'appeals',
      [{ newDocumentState: { ...formal, _deleted: false } }],
      'refusals=1',
    );
    expect(pushed.body.refusals).toEqual([
      expect.objectContaining({ code: 'sync:refusal.outOfScope', fields: ['convertedFromId'] }),
    ]);
    const stored = await masterOf(server.pool, 'sync_appeals', formal.id);
    expect(stored).toMatchObject({ convertedFromId: null, conversationId: '' });
  });

  it('edits category, subject and urgency with a history entry, and the urgent term shortens the deadline', async () => {
    const source = await incident();
    const edited = await editAppeal(server.pool, as.operator1, source.id, {
      subject: 'Не горит фонарь у подъезда',
      category: 'lighting',
      urgent: true,
      updatedAt: Date.now(),
    });
    expect(edited.body.refusals).toEqual([]);
    const stored = await masterOf(server.pool, 'sync_appeals', source.id);
    expect(stored).toMatchObject({
      subject: 'Не горит фонарь у подъезда',
      category: 'lighting',
      urgent: true,
    });
    expect(stored.dueAt).toBeLessThan(source.dueAt);
    const history = await fetch(`${server.url}/api/v1/appeals/${source.id}/history`, {
      headers: as.operator1.headers,
    });
    const entries = ((await history.json()) as Json).entries as Json[];
    const last = entries.at(-1);
    expect(Object.keys(last.fields)).toEqual(expect.arrayContaining(['subject', 'category', 'urgent']));
  });

  it('keeps a closed appeal’s subject, category and urgency as they were when it closed', async () => {
    const source = await incident();
    const closed = await editAppeal(server.pool, as.operator1, source.id, {
      status: 'merged',
      duplicateOf: randomUUID(),
      updatedAt: Date.now(),
    });
    expect(closed.body.refusals).toEqual([]);
    const refused = await editAppeal(server.pool, as.operator1, source.id, {
      subject: 'Другая тема',
      category: 'roads',
      urgent: true,
      updatedAt: Date.now(),
    });
    expect(refused.body.refusals).toEqual([
      expect.objectContaining({
        code: 'sync:refusal.closedAppeal',
        fields: ['subject', 'category', 'urgent'],
      }),
    ]);
    expect(await masterOf(server.pool, 'sync_appeals', source.id)).toMatchObject({
      status: 'merged',
      subject: source.subject,
      category: null,
      urgent: false,
    });
  });

  it('another department’s operator cannot edit the appeal', async () => {
    const source = await incident('d1');
    const refused = await editAppeal(server.pool, as.operator2, source.id, {
      category: 'roads',
      updatedAt: Date.now(),
    });
    expect(refused.body.refusals).toEqual([expect.objectContaining({ code: 'sync:refusal.outOfScope' })]);
    expect((await masterOf(server.pool, 'sync_appeals', source.id)).category).toBeNull();
  });
});
