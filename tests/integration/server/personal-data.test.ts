import { randomBytes } from 'node:crypto';
import {
  findApplicantsByPassport,
  PersonalDataError,
  readPassport,
  rotatePersonalDataKeys,
  savePassport,
} from '../../../server/src/personal-data';
import { loginAs, seedTestOrg, startTestServer, type TestOrg, type TestServer } from '../setup/db';

const passport = { series: '73 19', number: '864205' };

describe('personal data', () => {
  let server: TestServer;
  let org: TestOrg;
  const orgId = () => org.organisation.id;

  beforeAll(async () => {
    server = await startTestServer({
      setup(app) {
        // Department scope of applicants belongs to the appeals module (app.okno.applicantVisibility);
        // here a head sees the applicants of department d1 only, independent of appeal data.
        app.okno.applicantVisibility = async (auth) =>
          auth.role !== 'head' || auth.departmentIds.includes(org.departments.d1.id);
      },
    });
    org = await seedTestOrg(server.pool);
  });
  afterAll(async () => {
    await server.close();
  });

  describe('field-level encryption', () => {
    it('stores only ciphertext, the keyed hash and the masked form, and decrypts back', async () => {
      const { masked } = await savePassport(server.pool, server.config, {
        orgId: orgId(),
        applicantId: 'enc-1',
        ...passport,
      });
      expect(masked).toBe('73 ** ***205');
      const row = await server.pool.query("SELECT * FROM personal_data WHERE applicant_id = 'enc-1'");
      const stored = JSON.stringify(row.rows[0]) + row.rows[0].ciphertext.toString('latin1');
      expect(stored).not.toContain('864205');
      expect(stored).not.toContain('7319');
      expect(row.rows[0].key_id).toBe('test1');
      expect(await readPassport(server.pool, server.config, orgId(), 'enc-1')).toEqual({
        series: '7319',
        number: '864205',
      });
    });

    it('refuses a passport that is not 4 + 6 digits', async () => {
      await expect(
        savePassport(server.pool, server.config, {
          orgId: orgId(),
          applicantId: 'bad',
          series: '12',
          number: '1',
        }),
      ).rejects.toMatchObject({ code: 'invalid_passport' });
    });

    it('detects a changed byte in the ciphertext, the tag or the iv', async () => {
      for (const column of ['ciphertext', 'tag', 'iv']) {
        const applicantId = `tamper-${column}`;
        await savePassport(server.pool, server.config, { orgId: orgId(), applicantId, ...passport });
        await server.pool.query(
          `UPDATE personal_data SET ${column} = set_byte(${column}, 0, (get_byte(${column}, 0) + 1) % 256) WHERE applicant_id = $1`,
          [applicantId],
        );
        const read = readPassport(server.pool, server.config, orgId(), applicantId);
        await expect(read, column).rejects.toBeInstanceOf(PersonalDataError);
        await expect(read, column).rejects.toMatchObject({ code: 'tampered' });
      }
    });

    it('detects a ciphertext copied onto another applicant', async () => {
      await savePassport(server.pool, server.config, { orgId: orgId(), applicantId: 'victim', ...passport });
      await savePassport(server.pool, server.config, {
        orgId: orgId(),
        applicantId: 'attacker',
        series: '1111',
        number: '222222',
      });
      await server.pool.query(
        `UPDATE personal_data a SET iv = v.iv, ciphertext = v.ciphertext, tag = v.tag
           FROM personal_data v WHERE a.applicant_id = 'attacker' AND v.applicant_id = 'victim'`,
      );
      await expect(readPassport(server.pool, server.config, orgId(), 'attacker')).rejects.toMatchObject({
        code: 'tampered',
      });
    });

    it('finds applicants with the same passport through the keyed hash, within one organisation', async () => {
      const other = await seedTestOrg(server.pool);
      for (const [owner, applicantId] of [
        [orgId(), 'match-a'],
        [orgId(), 'match-b'],
        [other.organisation.id, 'match-c'],
      ] as const) {
        await savePassport(server.pool, server.config, {
          orgId: owner,
          applicantId,
          series: '4444',
          number: '555555',
        });
      }
      const found = await findApplicantsByPassport(server.pool, server.config, orgId(), {
        series: '44 44',
        number: '555 555',
      });
      expect(found).toEqual(['match-a', 'match-b']);
    });
  });

  describe('key rotation', () => {
    it('re-encrypts every row under the current key; old keys can then be dropped', async () => {
      const test = await startTestServer();
      try {
        const oldKeys = test.config;
        const owner = await seedTestOrg(test.pool);
        for (let i = 0; i < 7; i++) {
          await savePassport(test.pool, oldKeys, {
            orgId: owner.organisation.id,
            applicantId: `rot-${i}`,
            series: '4503',
            number: `12345${i}`,
          });
        }
        const rotatedConfig = {
          ...oldKeys,
          personalDataKeys: [{ id: 'test2', key: randomBytes(32) }, ...oldKeys.personalDataKeys],
        };
        expect(await rotatePersonalDataKeys(test.pool, rotatedConfig, 3)).toEqual({ rotated: 7 });
        const keys = await test.pool.query('SELECT DISTINCT key_id FROM personal_data');
        expect(keys.rows).toEqual([{ key_id: 'test2' }]);

        const onlyNewKey = { ...rotatedConfig, personalDataKeys: rotatedConfig.personalDataKeys.slice(0, 1) };
        expect(await readPassport(test.pool, onlyNewKey, owner.organisation.id, 'rot-4')).toEqual({
          series: '4503',
          number: '123454',
        });
        expect(await rotatePersonalDataKeys(test.pool, rotatedConfig)).toEqual({ rotated: 0 });
        // The matching hash does not depend on the encryption key.
        expect(
          await findApplicantsByPassport(test.pool, onlyNewKey, owner.organisation.id, {
            series: '4503',
            number: '123453',
          }),
        ).toEqual(['rot-3']);

        const audit = await test.pool.query(
          "SELECT sum((details->>'rows')::int)::int AS n FROM audit_log WHERE action = 'personal_data.rotate_key'",
        );
        expect(audit.rows[0].n).toBe(7);

        await expect(readPassport(test.pool, oldKeys, owner.organisation.id, 'rot-1')).rejects.toMatchObject({
          code: 'unknown_key',
        });
      } finally {
        await test.close();
      }
    });
  });

  describe('POST /api/v1/applicants/:id/passport/reveal', () => {
    const reveal = (applicantId: string, headers: Record<string, string>, body?: unknown) =>
      fetch(`${server.url}/api/v1/applicants/${applicantId}/passport/reveal`, {
        method: 'POST',
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const auditOf = async (applicantId: string) =>
      (
        await server.pool.query(
          `SELECT action, actor_user_id, device_id, details FROM audit_log
            WHERE entity = 'applicant' AND entity_id = $1 ORDER BY id`,
          [applicantId],
        )
      ).rows;

    beforeAll(async () => {
      await savePassport(server.pool, server.config, {
        orgId: orgId(),
        applicantId: 'reveal-1',
        ...passport,
      });
    });

    it.each(['head1', 'supervisor', 'admin'] as const)(
      'returns the clear passport to %s and audits it',
      async (who) => {
        const user = org.users[who];
        const session = await loginAs(server, user, `device-${who}`);
        const response = await reveal('reveal-1', session.headers, { reason: 'проверка личности' });
        expect(response.status).toBe(200);
        expect(response.headers.get('cache-control')).toBe('no-store');
        expect(await response.json()).toEqual({
          applicantId: 'reveal-1',
          series: '7319',
          number: '864205',
          formatted: '73 19 864205',
        });
        const entries = await auditOf('reveal-1');
        expect(entries.at(-1)).toEqual({
          action: 'passport.reveal',
          actor_user_id: user.id,
          device_id: `device-${who}`,
          details: { reason: 'проверка личности' },
        });
      },
    );

    it('accepts a reveal without a body', async () => {
      const session = await loginAs(server, org.users.admin);
      expect((await reveal('reveal-1', session.headers)).status).toBe(200);
    });

    it('answers 404 to a head outside the applicant’s scope', async () => {
      const session = await loginAs(server, org.users.head2);
      const response = await reveal('reveal-1', session.headers);
      expect(response.status).toBe(404);
      expect(JSON.stringify(await response.json())).not.toContain('864205');
    });

    it('refuses operators (403) and audits the attempt', async () => {
      const session = await loginAs(server, org.users.operator1);
      const response = await reveal('reveal-1', session.headers);
      expect(response.status).toBe(403);
      const body = await response.json();
      expect(body.error.code).toBe('forbidden');
      expect(JSON.stringify(body)).not.toContain('864205');
      expect((await auditOf('reveal-1')).at(-1)).toMatchObject({
        action: 'passport.reveal_denied',
        actor_user_id: org.users.operator1.id,
      });
    });

    it('answers 404 for an applicant of another organisation, and for an unknown one', async () => {
      const other = await seedTestOrg(server.pool);
      const session = await loginAs(server, other.users.admin);
      const foreign = await reveal('reveal-1', session.headers);
      expect(foreign.status).toBe(404);
      expect(JSON.stringify(await foreign.json())).not.toContain('864205');
      expect((await reveal('nobody', session.headers)).status).toBe(404);
    });

    it('requires a valid token (401) and a well-formed body (400)', async () => {
      expect((await reveal('reveal-1', {})).status).toBe(401);
      expect((await reveal('reveal-1', { authorization: 'Bearer v1.e30.AAAA' })).status).toBe(401);
      const session = await loginAs(server, org.users.admin);
      const bad = await reveal('reveal-1', session.headers, { reason: 'x'.repeat(600) });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.code).toBe('validation_failed');
    });

    it('lets the module owning appeals restrict reveals to the caller’s departments', async () => {
      const scoped = await startTestServer({
        setup(app) {
          app.okno.applicantVisibility = async (auth, applicantId) =>
            auth.role !== 'head' || applicantId !== 'scoped-1';
        },
      });
      try {
        const scopedOrg = await seedTestOrg(scoped.pool);
        await savePassport(scoped.pool, scoped.config, {
          orgId: scopedOrg.organisation.id,
          applicantId: 'scoped-1',
          ...passport,
        });
        const head = await loginAs(scoped, scopedOrg.users.head1);
        const supervisor = await loginAs(scoped, scopedOrg.users.supervisor);
        const url = `${scoped.url}/api/v1/applicants/scoped-1/passport/reveal`;
        expect((await fetch(url, { method: 'POST', headers: head.headers })).status).toBe(404);
        expect((await fetch(url, { method: 'POST', headers: supervisor.headers })).status).toBe(200);
      } finally {
        await scoped.close();
      }
    });
  });
});
