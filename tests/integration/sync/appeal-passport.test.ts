/**
 * The passport checked at an in-person reception reaches the server once, encrypted
 * (`POST /api/v1/appeals/:id/passport`, server/src/appeals/passport.ts): linked to the appeal's
 * applicant, revealable by a head (audited), never echoed, and refused when it does not belong.
 */
import { readPassport, savePassport } from '../../../server/src/personal-data';
import { seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';
import { type Json, pullAll, type SyncTarget } from './client';
import { createAppeals, editAppeal, loginAll, masterOf, newFormalAppeal, type RoleKey } from './fixtures';

const passport = { series: '45 03', number: '987654' };

describe('the reception passport', () => {
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

  /** A reception appeal as the desktop registers it: identified in person, masked passport, no applicant link. */
  async function receptionAppeal(department: 'd1' | 'd2' = 'd1'): Promise<Json> {
    const appeal = newFormalAppeal(org.organisation.id, org.departments[department].id, {
      channel: 'reception',
    });
    appeal.applicant = {
      ...appeal.applicant,
      applicantId: null,
      identification: 'in-person-document',
      passportMasked: '45 ** ***654',
    };
    const [stored] = await createAppeals(server.pool, department === 'd1' ? as.operator1 : as.operator2, [
      appeal,
    ]);
    return stored;
  }

  function send(target: SyncTarget, appealId: string, body: unknown) {
    return fetch(`${server.url}/api/v1/appeals/${appealId}/passport`, {
      method: 'POST',
      headers: { ...target.headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('is stored encrypted, linked to the applicant, replicated masked, and revealable by a head with an audit entry', async () => {
    const appeal = await receptionAppeal();
    const response = await send(as.operator1, appeal.id, passport);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const answer = (await response.json()) as { applicantId: string; passportMasked: string };
    expect(answer.passportMasked).toBe('45 ** ***654');
    expect(JSON.stringify(answer)).not.toContain('987654');

    const stored = await masterOf(server.pool, 'sync_appeals', appeal.id);
    expect(stored.applicant.applicantId).toBe(answer.applicantId);
    expect(await readPassport(server.pool, server.config, org.organisation.id, answer.applicantId)).toEqual({
      series: '4503',
      number: '987654',
    });
    // Desktops get the link and the masked form, never the number.
    const pulled = (await pullAll(as.operator1, 'appeals')).find((a) => a.id === appeal.id);
    expect(pulled.applicant.applicantId).toBe(answer.applicantId);
    expect(JSON.stringify(pulled)).not.toContain('987654');

    const reveal = await fetch(`${server.url}/api/v1/applicants/${answer.applicantId}/passport/reveal`, {
      method: 'POST',
      headers: as.head1.headers,
    });
    expect(reveal.status).toBe(200);
    expect(((await reveal.json()) as { number: string }).number).toBe('987654');

    const history = await fetch(`${server.url}/api/v1/appeals/${appeal.id}/history`, {
      headers: as.operator1.headers,
    });
    const entries = ((await history.json()) as { entries: { action: string }[] }).entries;
    expect(entries.map((e) => e.action)).toContain('passport.record');
    expect(JSON.stringify(entries)).not.toContain('987654');
  });

  it('links the applicant already on file with the same passport, when the caller sees that applicant', async () => {
    await savePassport(server.pool, server.config, {
      orgId: org.organisation.id,
      applicantId: 'filed-through-the-bot',
      series: '7319',
      number: '864205',
    });
    // The citizen's earlier appeal (filed through the bot) is one of d1's.
    const earlier = await receptionAppeal();
    await server.pool.query(
      `UPDATE sync_appeals SET doc = jsonb_set(doc, '{applicant,applicantId}', '"filed-through-the-bot"') WHERE id = $1`,
      [earlier.id],
    );
    const appeal = await receptionAppeal();
    await server.pool.query(
      `UPDATE sync_appeals SET doc = jsonb_set(doc, '{applicant,passportMasked}', '"73 ** ***205"') WHERE id = $1`,
      [appeal.id],
    );
    const response = await send(as.operator1, appeal.id, { series: '7319', number: '864205' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { applicantId: string }).applicantId).toBe('filed-through-the-bot');
  });

  it('is refused outside the caller’s departments, twice, when it does not match, or when invalid', async () => {
    const appeal = await receptionAppeal('d1');
    expect((await send(as.operator2, appeal.id, passport)).status).toBe(403);
    expect((await send(as.operator1, 'no-such-appeal', passport)).status).toBe(404);

    const mismatch = await send(as.operator1, appeal.id, { series: '45 03', number: '111111' });
    expect(mismatch.status).toBe(409);
    expect(((await mismatch.json()) as Json).error.code).toBe('passport_mismatch');

    const invalid = await send(as.operator1, appeal.id, { series: '45', number: '98' });
    expect(invalid.status).toBe(400);
    const invalidBody = JSON.stringify(await invalid.json());
    expect(invalidBody).toContain('invalid_passport');
    expect(invalidBody).not.toContain('"98"');

    expect((await send(as.operator1, appeal.id, passport)).status).toBe(200);
    const again = await send(as.operator1, appeal.id, passport);
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).error.code).toBe('passport_already_recorded');
  });

  it('is refused for an appeal not identified in person', async () => {
    const appeal = await receptionAppeal();
    await server.pool.query(
      `UPDATE sync_appeals SET doc = jsonb_set(doc, '{applicant,identification}', '"none"') WHERE id = $1`,
      [appeal.id],
    );
    const response = await send(as.operator1, appeal.id, passport);
    expect(response.status).toBe(409);
    expect(((await response.json()) as Json).error.code).toBe('not_in_person');
  });

  it('keeps the applicant link server-owned: a desktop can neither set it on a new appeal nor change it', async () => {
    const created = newFormalAppeal(org.organisation.id, org.departments.d1.id, { channel: 'reception' });
    created.applicant = { ...created.applicant, applicantId: 'filed-through-the-bot' };
    const [stored] = await createAppeals(server.pool, as.operator1, [created]);
    expect(stored.applicant.applicantId).toBeNull();

    const linked = await receptionAppeal();
    expect((await send(as.operator1, linked.id, passport)).status).toBe(200);
    const master = await masterOf(server.pool, 'sync_appeals', linked.id);
    const edit = await editAppeal(server.pool, as.operator1, linked.id, {
      applicant: { ...master.applicant, applicantId: 'filed-through-the-bot' },
      updatedAt: Date.now(),
    });
    expect(edit.status).toBe(200);
    expect((await masterOf(server.pool, 'sync_appeals', linked.id)).applicant.applicantId).toBe(
      master.applicant.applicantId,
    );
  });
});
