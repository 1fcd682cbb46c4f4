import { randomToken } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createOknoDatabase, type OknoDatabase } from '../../../../../renderer/db/database';
import { forwardingOverdue } from '../../../../../renderer/features/supervisor/load';
import { deadlineSettingsOf, defaultOrganisationSettings } from '../../../../../shared/model/organisation';
import { appealFixture } from '../../../shared/model/fixtures';

const moscow = deadlineSettingsOf(defaultOrganisationSettings);
/** Thursday 12 March 2026, noon in Moscow. */
const now = Date.parse('2026-03-12T12:00:00+03:00');
/** Registered at noon, Moscow time, on a wall-clock date. */
const on = (date: string) => Date.parse(`${date}T12:00:00+03:00`);

describe('the supervisor’s «Просрочена переадресация» (59-FZ art. 8 part 3)', () => {
  let db: OknoDatabase;
  beforeAll(async () => {
    db = await createOknoDatabase({
      name: `fwd${randomToken(8).toLowerCase()}`,
      storage: getRxStorageMemory(),
    });
    const appeal = (id: string, departmentId: string, status: 'registered' | 'in_progress', date: string) =>
      appealFixture({
        id,
        departmentId,
        status,
        assigneeId: '',
        registeredAt: on(date),
        dueAt: now + 20 * 86_400_000,
      });
    const { error } = await db.appeals.bulkInsert([
      // Registered 2 March: forwarding due 10 March (9 March is a holiday) — overdue on 12 March.
      appeal('roads-overdue', 'd-roads', 'registered', '2026-03-02'),
      // Registered 3 March: due 10 March as well (7 days end on 10 March) — overdue.
      appeal('unrouted-overdue', '', 'registered', '2026-03-03'),
      // Registered 5 March: due 12 March, today — not overdue yet.
      appeal('roads-due-today', 'd-roads', 'registered', '2026-03-05'),
      // Taken into work: its forwarding clock no longer runs, however old.
      appeal('roads-in-work', 'd-roads', 'in_progress', '2026-02-02'),
      // A department this supervisor's table does not list: counted with the rest.
      appeal('other-overdue', 'd-other', 'registered', '2026-02-20'),
    ]);
    expect(error).toEqual([]);
  });
  afterAll(async () => {
    await db.remove();
  });

  it('counts per department the registered appeals whose 7 days have run out, the rest under the unrouted row', async () => {
    expect(await forwardingOverdue(db.appeals, ['d-roads', 'd-housing'], moscow, now)).toEqual({
      'd-roads': 1,
      'd-housing': 0,
      '': 2,
    });
  });

  it('counts the appeal due today once the day is over', async () => {
    const nextMorning = Date.parse('2026-03-13T00:00:00+03:00');
    expect(await forwardingOverdue(db.appeals, ['d-roads'], moscow, nextMorning)).toMatchObject({
      'd-roads': 2,
    });
  });
});
