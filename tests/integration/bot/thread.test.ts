/**
 * What officials see of the bot's dialogue, over the real Telegram webhook and PostgreSQL: the
 * bot's replies and notices are outbound messages (author kind `bot`) in the chat's conversation,
 * delivered once (the staff-answer trigger leaves them alone), while the wizard's prompts and
 * inputs stay out of the inbox. The formal appeal joins the chat's conversation, is routed like the
 * account's incidents, and the incident that preceded it stays open, linked through the conversation.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { saveLetterhead } from '../../../server/src/letters/letterhead';
import { tgMessageUpdate, tgUser } from '../../fakes';
import { waitFor } from '../setup/wait';
import { insertStaffMessage, staffMessage } from '../sync/fixtures';
import { type BotWorld, startBotWorld, telegramCitizen } from './harness';

// biome-ignore lint/suspicious/noExplicitAny: assertions read deep into the stored documents
type Doc = Record<string, any>;

const numberPattern = /ОГ-\d{4}-\d{6}/;

describe('the bot in the inbox thread', () => {
  let world: BotWorld;
  const olga = tgUser({ id: 94001, first_name: 'Ольга', last_name: 'Зайцева', language_code: 'ru' });

  beforeAll(async () => {
    world = await startBotWorld({ defaultDepartment: 'd2' });
    await saveLetterhead(world.server.pool, world.org.organisation.id, {
      fullName: 'Администрация города Тестова',
      address: 'ул. Ленина, д. 1, г. Тестов, 123456',
      contacts: 'тел. (4852) 11-22-33',
      executorPhone: '(4852) 11-22-44',
      logo: null,
      signatories: [{ position: 'Заместитель главы администрации', name: 'О. П. Смирнова' }],
      outgoingPattern: 'Исх-{N}/{YYYY}',
    });
  });
  afterAll(async () => {
    await world.close();
  });

  async function messagesOf(conversationId: string): Promise<Doc[]> {
    const result = await world.server.pool.query<{ doc: Doc }>(
      'SELECT doc FROM sync_messages WHERE conversation_id = $1 ORDER BY seq',
      [conversationId],
    );
    return result.rows.map((r) => r.doc);
  }

  async function sentStatus(messageId: string): Promise<string | undefined> {
    const result = await world.server.pool.query<{ s: string }>(
      `SELECT doc->>'deliveryStatus' AS s FROM sync_messages WHERE id = $1`,
      [messageId],
    );
    return result.rows[0]?.s === 'sent' ? 'sent' : undefined;
  }

  it('files into the chat’s conversation, routed like its incidents, and records the bot’s side of the dialogue without the wizard', async () => {
    const { pool } = world.server;
    const citizen = telegramCitizen(world, olga);
    const hint = await citizen.say('У нас во дворе третий день не горят фонари.');
    expect(hint).toContain('Подать обращение');
    const incident = await waitFor(async () => {
      const r = await pool.query<{ doc: Doc; department_ids: string[] }>(
        `SELECT doc, department_ids FROM sync_appeals WHERE doc->>'regime' = 'incident' AND doc->>'channel' = 'telegram'`,
      );
      return r.rows[0];
    });
    expect(incident.doc.departmentId).toBe(world.org.departments.d2.id);
    const conversationId: string = incident.doc.conversationId;

    // The menu hint is in the thread as the bot's loose message, and is delivered.
    const hinted = await waitFor(async () =>
      (await messagesOf(conversationId)).find((m) => m.author.kind === 'bot'),
    );
    expect(hinted).toMatchObject({ direction: 'out', appealId: '', text: hint });
    expect(await waitFor(() => sentStatus(hinted.id))).toBe('sent');

    await citizen.say('Подать обращение');
    await citizen.say('Согласен');
    await citizen.say('Зайцева Ольга Петровна');
    await citizen.say('4512 334455');
    await citizen.say('+7 912 111-22-33');
    await citizen.say('нет');
    await citizen.say('olga@example.ru');
    await citizen.say('Гражданин');
    await citizen.say('Индивидуальное');
    await citizen.say('Прошу восстановить уличное освещение во дворе дома 7 по улице Мира.');
    await citizen.say('Готово');
    const registered = await citizen.say('Отправить');
    const number = numberPattern.exec(registered)![0];

    const formal = (
      await pool.query<{ doc: Doc; department_ids: string[]; conversation_id: string }>(
        `SELECT doc, department_ids, conversation_id FROM sync_appeals WHERE doc->>'registrationNumber' = $1`,
        [number],
      )
    ).rows[0]!;
    expect(formal.doc).toMatchObject({
      regime: 'formal',
      status: 'registered',
      channel: 'telegram',
      conversationId,
      departmentId: world.org.departments.d2.id,
      convertedFromId: null,
      applicant: {
        identification: 'social-passport',
        passportMasked: '45 ** ***455',
        nameMatch: { verdict: 'match', profileName: 'Ольга Зайцева' },
      },
    });
    expect(formal.doc.applicant.applicantId).toEqual(expect.any(String));
    expect(formal.department_ids).toEqual([world.org.departments.d2.id]);
    expect(formal.conversation_id).toBe(conversationId);
    expect(registered).toContain(formal.doc.legalDeadline.split('-').reverse().join('.'));

    // The incident stays open (conversion is a staff action) and is linked through the conversation.
    const after = await pool.query<{ status: string; converted: string | null }>(
      `SELECT doc->>'status' AS status, doc->>'convertedToId' AS converted FROM sync_appeals WHERE id = $1`,
      [incident.doc.id],
    );
    expect(after.rows[0]).toEqual({ status: 'new', converted: null });
    const filing = await pool.query('SELECT incident_id FROM bot_filings WHERE appeal_id = $1', [
      formal.doc.id,
    ]);
    expect(filing.rows[0].incident_id).toBe(incident.doc.id);
    const audit = await pool.query(
      `SELECT details FROM audit_log WHERE action = 'appeal.create' AND entity_id = $1`,
      [formal.doc.id],
    );
    expect(audit.rows[0].details).toMatchObject({
      actor: 'system',
      source: 'bot',
      incidentId: incident.doc.id,
      registrationNumber: number,
    });

    // The thread: the citizen's first message, the hint, the registration — no wizard talk.
    const thread = await messagesOf(conversationId);
    const bot = thread.filter((m) => m.author.kind === 'bot');
    expect(bot.map((m) => m.appealId)).toEqual(['', formal.doc.id]);
    expect(bot[1]).toMatchObject({ direction: 'out', text: registered });
    expect(thread.filter((m) => m.direction === 'in')).toHaveLength(1);
    const everything = JSON.stringify(thread);
    for (const secret of ['334455', '***455', 'серию и номер паспорта', 'olga@example.ru', '152-ФЗ'])
      expect(everything).not.toContain(secret);
    expect(await waitFor(() => sentStatus(bot[1]!.id))).toBe('sent');

    // Delivered once: one outbox row per bot message, none from the staff-answer trigger.
    const rows = await pool.query<{ message_id: string; kind: string }>(
      'SELECT message_id, kind FROM outbox_messages WHERE message_id = ANY($1::text[])',
      [bot.map((m) => m.id)],
    );
    expect(rows.rows.map((r) => r.kind).sort()).toEqual(['bot', 'bot']);
    expect(citizen.replies().filter((m) => m.text === registered)).toHaveLength(1);
  });

  it('defect 3: the answer goes out once, with its PDF letter, and no notice repeats it in the chat or the thread', async () => {
    const { pool } = world.server;
    const citizen = telegramCitizen(world, olga);
    const orgId = world.org.organisation.id;
    const formal = (
      await pool.query<{ doc: Doc }>(
        `SELECT doc FROM sync_appeals WHERE doc->>'regime' = 'formal' AND doc->>'channel' = 'telegram'`,
      )
    ).rows[0]!.doc;
    const answer = 'Освещение во дворе дома 7 по улице Мира восстановлено.';
    const operator2 = world.org.users.operator2.id;
    await insertStaffMessage(pool, {
      ...staffMessage(orgId, { id: formal.id, conversationId: formal.conversationId }, operator2),
      id: 'answer-thread-1',
      author: { kind: 'staff', userId: operator2, displayName: 'Сидорова Е. В.' },
      text: answer,
    });
    await pool.query(
      `UPDATE sync_appeals SET seq = nextval('okno_sync_seq'),
              doc = doc || jsonb_build_object('answeredAt', $3::bigint, 'status', 'answered')
        WHERE org_id = $1 AND id = $2`,
      [orgId, formal.id, Date.now()],
    );
    // Defect 3 (issue 11): the staff answer is the one answer — one message, its PDF letter captioned
    // with the text (issue 12), and no bot notice repeats it in the chat or the thread.
    expect(await waitFor(() => sentStatus('answer-thread-1'))).toBe('sent');
    const answers = citizen.replies().filter((m) => m.text === answer || m.caption === answer);
    expect(answers).toHaveLength(1);
    const pdf = answers[0]!;
    expect(pdf.method).toBe('sendDocument');
    const file = pdf.document && 'bytes' in pdf.document ? pdf.document : null;
    expect(file?.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file?.bytes.toString('latin1')).toMatch(/PTSans-Regular/);
    // Issue 10: the chat's PDF is the official answer letter — the letterhead, the outgoing number
    // drawn for this answer, the salutation, the reference to the appeal and the signatory.
    const [letter] = (
      await pool.query<{ kind: string; message_id: string; outgoing_number: string }>(
        'SELECT kind, message_id, outgoing_number FROM letters WHERE appeal_id = $1',
        [formal.id],
      )
    ).rows;
    expect(letter).toMatchObject({ kind: 'answer', message_id: 'answer-thread-1' });
    const pdfFile = path.join(mkdtempSync(path.join(tmpdir(), 'okno-chat-letter-')), 'answer.pdf');
    writeFileSync(pdfFile, file!.bytes);
    const text = execFileSync('pdftotext', ['-raw', pdfFile, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Администрация города Тестова');
    expect(text).toContain('ул. Ленина, д. 1, г. Тестов');
    expect(text).toContain(`Исх. № ${letter!.outgoing_number}`);
    expect(text).toMatch(/Уважаемый\(ая\) [^!]+!/);
    expect(text).toContain(`№ ${formal.registrationNumber}`);
    expect(text).toContain(answer);
    expect(text).toContain('О. П. Смирнова');
    await waitFor(async () => {
      const r = await pool.query(`SELECT notified->>'answered' AS a FROM bot_filings WHERE appeal_id = $1`, [
        formal.id,
      ]);
      return r.rows[0].a === 'true' || undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(citizen.replies().filter((m) => m.text === answer || m.caption === answer)).toHaveLength(1);
    expect(citizen.replies().filter((m) => m.text?.startsWith('Ответ на обращение'))).toEqual([]);
    const bot = (await messagesOf(formal.conversationId)).filter(
      (m) => m.author.kind === 'bot' && m.appealId === formal.id,
    );
    expect(bot.filter((m) => m.text.includes(answer))).toEqual([]);
  });
});

describe('flood protection', () => {
  it('sends the flood warning once, then stays silent (regression: the warning was never enqueued)', async () => {
    const world = await startBotWorld();
    try {
      world.server.app.citizenBot.dispatcher.setFloodPolicy({ capacity: 2, refillPerSecond: 0.001 });
      const user = tgUser({ id: 95001, first_name: 'Пётр', last_name: 'Быстров' });
      const citizen = telegramCitizen(world, user);
      expect(await citizen.say('Мои обращения')).toContain('ещё не подавались');
      expect(await citizen.say('Мои обращения')).toContain('ещё не подавались');
      expect(await citizen.say('Мои обращения')).toContain('Слишком много сообщений');
      await world.tgDriver.send(tgMessageUpdate({ from: user, text: 'Мои обращения' }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(citizen.replies()).toHaveLength(3);
    } finally {
      await world.close();
    }
  });
});
