/**
 * What the «Помог ли ответ?» by e-mail suites share: a channel server with a mailbox over real IMAP
 * and SMTP servers (../setup/mail-servers.ts) whose question letters go out at once, a citizen's mail,
 * and an appeal answered by mail up to the question letter with its three links.
 */
import type { ServerConfig } from '../../../server/src/config';
import type { CitizenVerdict } from '../../../shared/model/vocabulary';
import { addAccount, type ChannelTestEnv, startChannelServer } from '../channels/support';
import {
  type CitizenMailFields,
  citizenMailTo,
  startMailServers,
  type TestMailServers,
} from '../setup/mail-servers';
import type { ReceivedMail } from '../setup/smtp-server';
import { waitFor } from '../setup/wait';
import { insertStaffMessage, staffMessage } from '../sync/fixtures';

export const mailbox = 'priemnaya@admin.example.ru';

/** A citizen's mail to the desk's mailbox. */
export const citizenMail = (fields: CitizenMailFields) => citizenMailTo(mailbox, fields);

/** An appeal answered by mail and the question letter that followed, with its three links. */
export interface AnsweredByMail {
  appeal: { id: string; conversation_id: string };
  answerMail: ReceivedMail;
  letter: ReceivedMail;
  links: Record<CitizenVerdict, string>;
}

export interface VerdictMailDesk {
  env: ChannelTestEnv;
  mailServers: TestMailServers;
  /**
   * A citizen (`from`, a mail address with or without a name) writes about `subject`, an official
   * answers (mailed), the appeal is answered with `registrationNumber`; then the question letter
   * arrives.
   */
  answeredByMail(from: string, subject: string, registrationNumber: string | null): Promise<AnsweredByMail>;
  close(): Promise<void>;
}

/**
 * The server (`config` over the tests' defaults) with its mailbox polled every 100 ms, asking at once
 * after an answer was mailed.
 */
export async function startVerdictMailDesk(config: Partial<ServerConfig> = {}): Promise<VerdictMailDesk> {
  process.env.OKNO_CHANNELS_POLL_REFRESH_MS = '200';
  const env = await startChannelServer(config);
  let mailServers: TestMailServers;
  try {
    env.server.app.citizenBot.verdicts.setDelay(0);
    mailServers = await startMailServers(mailbox);
    await addAccount(env, mailServers.emailAccount({ pollIntervalMs: 100 }));
  } catch (error) {
    await env.server.close();
    throw error;
  }
  let answers = 0;

  async function answeredByMail(from: string, subject: string, registrationNumber: string | null) {
    const { imap, smtp } = mailServers;
    const { pool } = env.server;
    const orgId = env.org.organisation.id;
    const id = `${subject.replace(/\W/g, '')}-${Date.now()}@mail.example.ru`;
    await imap.append(citizenMail({ id, from, subject, text: `${subject}: просьба разобраться` }));
    const appeal = await waitFor(async () => {
      const found = await pool.query<{ id: string; conversation_id: string }>(
        `SELECT id, conversation_id FROM sync_appeals WHERE org_id = $1 AND doc->>'text' LIKE $2`,
        [orgId, `${subject}%`],
      );
      return found.rows[0];
    });
    answers += 1;
    const operator1 = env.org.users.operator1.id;
    await insertStaffMessage(pool, {
      ...staffMessage(orgId, { id: appeal.id, conversationId: appeal.conversation_id }, operator1),
      id: `mail-verdict-answer-${answers}`,
      author: { kind: 'staff', userId: operator1, displayName: 'Оператор' },
      text: `Ответ по теме «${subject}»: работы выполнены.`,
    });
    await pool.query(
      `UPDATE sync_appeals SET seq = nextval('okno_sync_seq'),
              doc = doc || jsonb_build_object('status', 'answered', 'answeredAt', $2::bigint,
                                              'registrationNumber', $3::text)
        WHERE id = $1`,
      [appeal.id, Date.now(), registrationNumber],
    );
    const address = /<(.+)>/.exec(from)?.[1] ?? from;
    const answerMail = await waitFor(async () =>
      smtp.received.find((m) => m.to.includes(address) && String(m.parsed.text).includes('работы выполнены')),
    );
    const letter = await waitFor(async () =>
      smtp.received.find((m) => m.to.includes(address) && String(m.parsed.subject).startsWith('Помог ли')),
    );
    const text = String(letter.parsed.text);
    const link = (label: string) => {
      const found = new RegExp(`^${label} — (\\S+)$`, 'm').exec(text);
      if (!found) throw new Error(`no ${label} link in ${text}`);
      return found[1]!;
    };
    return {
      appeal,
      answerMail,
      letter,
      links: { yes: link('Да'), partly: link('Частично'), no: link('Нет') },
    };
  }

  return {
    env,
    mailServers,
    answeredByMail,
    async close() {
      await env.server.close();
      await mailServers.close();
      delete process.env.OKNO_CHANNELS_POLL_REFRESH_MS;
    },
  };
}

/** The stored verdict of an appeal (`quality_verdicts`), or undefined before it was asked. */
export const verdictRow = async (env: ChannelTestEnv, appealId: string) =>
  (await env.server.pool.query('SELECT * FROM quality_verdicts WHERE appeal_id = $1', [appealId])).rows[0];

/** A `fetch` init posting the page's form. */
export const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});
