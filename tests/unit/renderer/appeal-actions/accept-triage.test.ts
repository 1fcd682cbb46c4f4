/**
 * A person's triage decisions as local writes (issue 13): accepting a suggestion, turning a
 * non-incident into an incident, confirming a non-incident and closing it.
 */
import type { RxCollection, RxDatabase } from 'rxdb';
import {
  acceptTriage,
  closeNonIncident,
  markIncident,
} from '../../../../renderer/appeal-actions/accept-triage';
import { awaitsIncidentDecision } from '../../../../renderer/features/inbox/inbox-query';
import type { Actor } from '../../../../shared/domain/status-machine';
import type { Appeal, AppealTriage } from '../../../../shared/model/appeal';
import { oknoCollections } from '../../../../shared/schemas/collections';
import { appealFixture } from '../../shared/model/fixtures';
import { openDatabase, uniqueDatabaseName } from '../../shared/schemas/rxdb-harness';

const at = Date.UTC(2026, 2, 10, 9);
const operator: Actor = { role: 'operator', userId: 'user-op', departmentIds: ['dept-housing'] };
const supervisor: Actor = { role: 'supervisor', userId: 'user-sup', departmentIds: [] };

const triage = (incident: boolean, patch: Partial<AppealTriage> = {}): AppealTriage => ({
  at,
  incident: { value: incident, confidence: 0.8, because: [] },
  category: [
    {
      value: 'Отсутствие горячего водоснабжения',
      confidence: 0.7,
      because: ['горяч'],
      category: 'utilities',
      subcategory: 'utilities.hot-water',
    },
  ],
  department: [{ value: 'dept-utilities', confidence: 0.9, because: ['вод'] }],
  urgency: { urgent: true, confidence: 0.8, signs: ['no-water'], because: ['нет'] },
  ...patch,
});

const chat = (patch: Partial<Appeal>): Appeal =>
  appealFixture({
    regime: 'incident',
    channel: 'telegram',
    status: 'new',
    departmentId: 'dept-housing',
    assigneeId: '',
    category: null,
    subcategory: null,
    urgent: false,
    registrationNumber: null,
    registeredAt: null,
    legalDeadline: null,
    controlDate: null,
    updatedAt: at - 1000,
    ...patch,
  });

describe('triage decisions on the local database', () => {
  let db: RxDatabase;
  let appeals: RxCollection<Appeal>;
  beforeEach(async () => {
    db = await openDatabase(uniqueDatabaseName('triage'));
    await db.addCollections({ appeals: oknoCollections.appeals });
    appeals = db.appeals as RxCollection<Appeal>;
  });
  afterEach(async () => {
    await db.remove();
  });
  const stored = async () => (await appeals.findOne('appeal-1').exec())!.toMutableJSON() as Appeal;

  it('accepts the suggestion: working category and subcategory, urgency, the suggested department', async () => {
    await appeals.insert(chat({ triage: triage(true) }));
    expect((await acceptTriage(appeals, await stored(), supervisor, at)).ok).toBe(true);
    expect(await stored()).toMatchObject({
      category: 'utilities',
      subcategory: 'utilities.hot-water',
      urgent: true,
      departmentId: 'dept-utilities',
    });
  });

  it('keeps the accepted category when the role may not move the appeal, and says the move was refused', async () => {
    await appeals.insert(chat({ triage: triage(true) }));
    const accepted = await acceptTriage(appeals, await stored(), operator, at);
    expect(accepted.ok).toBe(false);
    expect(await stored()).toMatchObject({ category: 'utilities', departmentId: 'dept-housing' });
  });

  it('turns a non-incident into an incident by categorising it as suggested, out of «Не инциденты»', async () => {
    await appeals.insert(chat({ triage: triage(false) }));
    expect(awaitsIncidentDecision(await stored())).toBe(true);
    expect(await markIncident(appeals, await stored(), at)).toBe(true);
    const after = await stored();
    expect(after).toMatchObject({ category: 'utilities', subcategory: 'utilities.hot-water', status: 'new' });
    expect(after.updatedAt).toBe(at);
    expect(awaitsIncidentDecision(after)).toBe(false);
  });

  it('categorises it «Прочее › Прочее» when triage suggested no working category', async () => {
    await appeals.insert(chat({ triage: triage(false, { category: [] }) }));
    await markIncident(appeals, await stored(), at);
    expect(await stored()).toMatchObject({ category: 'other', subcategory: 'other.other' });
  });

  it('closes a confirmed non-incident without an answer, by any staff role', async () => {
    await appeals.insert(chat({ triage: triage(false) }));
    const closed = await closeNonIncident(appeals, 'appeal-1', operator, at);
    expect(closed.ok).toBe(true);
    expect(await stored()).toMatchObject({ status: 'closed', result: 'left_without_answer', closedAt: at });
  });
});
