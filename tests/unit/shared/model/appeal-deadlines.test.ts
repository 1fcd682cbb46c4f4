import { parseXmlCalendar } from '../../../../shared/domain/calendar';
import { computeDeadlines } from '../../../../shared/domain/deadlines';
import {
  appealDeadlineInput,
  calendarWarningsOf,
  deadlineSettingsOf,
  defaultOrganisationSettings,
} from '../../../../shared/model';
import { appealFixture } from './fixtures';

const moscow = deadlineSettingsOf(defaultOrganisationSettings);
/** Registered 10 December 2027: the 30 days end on Sunday 9 January 2028, a year with no shipped calendar. */
const registeredAt = Date.UTC(2027, 11, 10, 9);
const into2028 = appealFixture({ receivedAt: registeredAt - 3_600_000, registeredAt });

function loaded2028() {
  const parsed = parseXmlCalendar(
    '<calendar year="2028" date="2027.09.01"><days><day d="01.10" t="1"/></days></calendar>',
  );
  if (!parsed.ok) throw new Error(parsed.error.code);
  return parsed.value;
}

describe('the deadline engine’s input for an appeal', () => {
  it('hands over receipt, registration, category, extension and urgency', () => {
    const appeal = appealFixture({ extension: { days: 10, reason: 'проверка', noticeQueuedAt: null } });
    expect(appealDeadlineInput(appeal, moscow)).toEqual({
      regime: 'formal',
      receivedAt: new Date(appeal.receivedAt).toISOString(),
      registeredAt: new Date(appeal.registeredAt!).toISOString(),
      category: 'utilities',
      extensionDays: 10,
      urgent: false,
      org: moscow,
    });
  });
});

describe('calendar warnings of an appeal’s deadline', () => {
  it('warns about 2028 when the term ends in a year with no production calendar', () => {
    expect(computeDeadlines(appealDeadlineInput(into2028, moscow)).legalDeadline).toBe('2028-01-10');
    expect(calendarWarningsOf(into2028, moscow)).toEqual([
      { code: 'deadlines:warnings.calendarMissing', params: { year: 2028 } },
    ]);
  });

  it('does not warn once the organisation has loaded the 2028 calendar', () => {
    const org = deadlineSettingsOf({ ...defaultOrganisationSettings, calendarYears: [loaded2028()] });
    expect(computeDeadlines(appealDeadlineInput(into2028, org)).legalDeadline).toBe('2028-01-11');
    expect(calendarWarningsOf(into2028, org)).toEqual([]);
  });

  it('does not warn across New Year 2027, which has the official calendar', () => {
    const registered = Date.UTC(2026, 11, 4, 9); // the 30 days end on Sunday 3 January 2027
    const appeal = appealFixture({ receivedAt: registered, registeredAt: registered });
    expect(computeDeadlines(appealDeadlineInput(appeal, moscow)).legalDeadline).toBe('2027-01-11');
    expect(calendarWarningsOf(appeal, moscow)).toEqual([]);
  });

  it('does not warn for a closed appeal or a formal one not registered yet', () => {
    expect(calendarWarningsOf({ ...into2028, closedAt: registeredAt + 1 }, moscow)).toEqual([]);
    expect(calendarWarningsOf({ ...into2028, registeredAt: null }, moscow)).toEqual([]);
  });

  it('keeps only the calendar warnings, not the other remarks of the engine', () => {
    // Ten working days from 24 December 2027, for a category without a configured term.
    const receivedAt = Date.UTC(2027, 11, 24, 9);
    const portal = appealFixture({ regime: 'portal', category: 'драконы', receivedAt, registeredAt: null });
    const engine = computeDeadlines(appealDeadlineInput(portal, moscow));
    expect(engine.warnings).toContain('deadlines:warnings.portalCategoryDefault');
    expect(calendarWarningsOf(portal, moscow).map((w) => w.code)).toEqual([
      'deadlines:warnings.calendarMissing',
    ]);
  });
});
