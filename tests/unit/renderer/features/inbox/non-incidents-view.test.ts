/**
 * «Не инциденты» (issue 13): new chat messages that triage says are not incidents, while no person has
 * decided otherwise, stay out of the working views and their counts and have their own view.
 */
import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import {
  awaitsIncidentDecision,
  type InboxView,
  inboxViews,
  noFilters,
} from '../../../../../renderer/features/inbox/inbox-query';
import { countInbox, readInboxWindow } from '../../../../../renderer/features/inbox/inbox-source';
import { AppealSearch } from '../../../../../renderer/search/appeal-search';
import type { Appeal, AppealTriage } from '../../../../../shared/model/appeal';
import { appealFixture } from '../../../shared/model/fixtures';

const now = Date.UTC(2026, 2, 10, 9);
const hour = 3_600_000;
const user = { id: 'user-me', departmentIds: ['dept-a'], timeZone: 'Europe/Moscow' };

const triage = (incident: boolean): AppealTriage => ({
  at: now - hour,
  incident: { value: incident, confidence: 0.9, because: incident ? ['вод'] : ['спасиб'] },
  category: [],
  department: [],
  urgency: { urgent: false, confidence: 0.1, signs: [], because: [] },
});

const chat = (id: string, patch: Partial<Appeal>): Appeal =>
  appealFixture({
    id,
    regime: 'incident',
    channel: 'telegram',
    status: 'new',
    departmentId: 'dept-a',
    assigneeId: '',
    category: null,
    subcategory: null,
    registrationNumber: null,
    registeredAt: null,
    legalDeadline: null,
    controlDate: null,
    dueAt: now + 4 * hour,
    ...patch,
  });

describe('the view «Не инциденты»', () => {
  let db: OknoDatabase;
  let search: AppealSearch;
  beforeAll(async () => {
    db = await createOknoDatabase({
      name: `nonincidents${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    const { error } = await db.appeals.bulkInsert([
      chat('thanks', { triage: triage(false), subject: 'Спасибо за уборку двора' }),
      chat('greeting-unrouted', { triage: triage(false), departmentId: '', dueAt: now + 5 * hour }),
      chat('no-water', { triage: triage(true) }),
      chat('before-triage', { triage: null }),
      // A person decided: categorised it, or took it into work.
      chat('categorised-thanks', {
        triage: triage(false),
        category: 'utilities',
        subcategory: 'utilities.hot-water',
      }),
      chat('taken-thanks', { triage: triage(false), status: 'in_progress', assigneeId: 'user-me' }),
      chat('closed-thanks', { triage: triage(false), status: 'closed', closedAt: now - hour }),
      // A portal message is answered by law whatever its text says.
      chat('portal-thanks', { regime: 'portal', channel: 'portal', triage: triage(false) }),
      // An incident an official entered by hand: no chat, a person already judged it.
      chat('entered-by-hand', { channel: 'phone', conversationId: '', triage: triage(false) }),
    ]);
    expect(error).toEqual([]);
    search = new AppealSearch(db.appeals);
    await search.start();
  });
  afterAll(async () => {
    await db.remove();
  });

  const ids = async (view: InboxView, filters = noFilters) =>
    (await readInboxWindow(db, null, { view, filters, user, now, limit: 50, search: '' })).rows
      .map((row) => row.id)
      .sort();

  it('lists the new chat messages triage says are not incidents and nobody categorised or took', async () => {
    expect(await ids('notIncidents')).toEqual(['greeting-unrouted', 'thanks']);
  });

  it('keeps them out of every working view', async () => {
    for (const view of inboxViews.filter((v) => v !== 'notIncidents')) {
      const listed = await ids(view);
      expect(listed, view).not.toContain('thanks');
      expect(listed, view).not.toContain('greeting-unrouted');
    }
    expect(await ids('all')).toEqual([
      'before-triage',
      'categorised-thanks',
      'entered-by-hand',
      'no-water',
      'portal-thanks',
      'taken-thanks',
    ]);
    expect(await ids('unassigned')).toEqual([
      'before-triage',
      'categorised-thanks',
      'entered-by-hand',
      'no-water',
      'portal-thanks',
    ]);
  });

  it('issue 15: once the search index is built, the view is read from it, in deadline order', async () => {
    const window = await readInboxWindow(db, search, {
      view: 'notIncidents',
      filters: noFilters,
      user,
      now,
      limit: 50,
      search: '',
    });
    expect(window.rows.map((row) => row.id)).toEqual(['thanks', 'greeting-unrouted']);
    // Only the search index's answer knows its total at once (the lanes' total is counted afterwards).
    expect(window.total).toBe(2);
  });

  it('counts the same from the database and from the search index, out of the working counts', async () => {
    for (const view of ['notIncidents', 'all', 'unassigned', 'department'] as const) {
      const request = { view, filters: noFilters, user, now };
      const fromDatabase = await countInbox(db, null, request);
      expect(search.progress$.value.ready).toBe(true);
      expect(await countInbox(db, search, request), view).toBe(fromDatabase);
    }
    expect(await countInbox(db, search, { view: 'notIncidents', filters: noFilters, user, now })).toBe(2);
    expect(await countInbox(db, search, { view: 'all', filters: noFilters, user, now })).toBe(6);
  });

  it('finds none under a category or a formal-only filter, since a non-incident has neither', async () => {
    expect(await ids('notIncidents', { ...noFilters, categories: ['utilities'] })).toEqual([]);
    expect(await ids('notIncidents', { ...noFilters, regimes: ['formal'] })).toEqual([]);
    expect(
      await countInbox(db, search, {
        view: 'notIncidents',
        filters: { ...noFilters, regimes: ['formal'] },
        user,
        now,
      }),
    ).toBe(0);
    expect(await ids('notIncidents', { ...noFilters, departmentIds: ['dept-a'] })).toEqual(['thanks']);
  });

  it('says of one appeal whether it awaits the decision', () => {
    expect(awaitsIncidentDecision(chat('x', { triage: triage(false) }))).toBe(true);
    expect(awaitsIncidentDecision(chat('x', { triage: triage(false), category: 'roads' }))).toBe(false);
    expect(awaitsIncidentDecision(chat('x', { triage: triage(true) }))).toBe(false);
    expect(awaitsIncidentDecision(chat('x', { triage: null }))).toBe(false);
    expect(awaitsIncidentDecision(chat('x', { triage: triage(false), conversationId: '' }))).toBe(false);
  });
});

describe('defect: an incident an official entered by hand vanished from the working views', () => {
  it('stays in «Все открытые» and out of «Не инциденты» when triage calls its words no incident', async () => {
    const db = await createOknoDatabase({
      name: `byhand${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    try {
      await db.appeals.insert(
        chat('phone-entry', {
          channel: 'phone',
          conversationId: '',
          triage: triage(false),
          subject: 'Проверка счётчиков',
        }),
      );
      const read = async (view: InboxView) =>
        (
          await readInboxWindow(db, null, { view, filters: noFilters, user, now, limit: 50, search: '' })
        ).rows.map((row) => row.id);
      expect(await read('all')).toEqual(['phone-entry']);
      expect(await read('notIncidents')).toEqual([]);
    } finally {
      await db.remove();
    }
  });
});
