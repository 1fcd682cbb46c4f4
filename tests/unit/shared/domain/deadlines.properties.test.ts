import fc from 'fast-check';
import { isWorkingDay, workingHoursOf } from '../../../../shared/domain/calendar';
import {
  computeDeadlines,
  DeadlineInputError,
  type OrgDeadlineSettings,
  regimes,
  tryComputeDeadlines,
} from '../../../../shared/domain/deadlines';
import { russianZones } from './deadlines.fixtures';

const msPerDay = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => isoDay(Date.parse(`${date}T00:00:00Z`) + days * msPerDay);
const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / msPerDay;

/** A date from 2024 (first vendored calendar) to 2028 (fallback calendar). */
const date = fc.integer({ min: 0, max: 5 * 365 }).map((n) => addDays('2024-01-01', n));
const zone = fc.constantFrom(...russianZones);
const org = fc.record({ timeZone: zone, shiftRule: fc.constantFrom('next' as const, 'previous' as const) });
const formalInput = fc.record({
  registeredAt: date,
  receivedDaysBefore: fc.integer({ min: 0, max: 3 }),
  extensionDays: fc.integer({ min: 0, max: 30 }),
  special: fc.constantFrom(undefined, 'migration-governor' as const),
  org,
});
type FormalCase = typeof formalInput extends fc.Arbitrary<infer T> ? T : never;
const formal = (i: FormalCase, extensionDays = i.extensionDays) =>
  computeDeadlines({
    regime: 'formal',
    receivedAt: addDays(i.registeredAt, -i.receivedDaysBefore),
    registeredAt: i.registeredAt,
    extensionDays,
    special: i.special,
    org: i.org,
  });

describe('deadline properties', () => {
  it('never puts the legal deadline or the control date of a formal appeal before registration', () => {
    fc.assert(
      fc.property(formalInput, (i) => {
        const result = formal(i);
        expect(result.legalDeadline > i.registeredAt).toBe(true);
        expect(result.controlDate > i.registeredAt).toBe(true);
      }),
    );
  });

  it('never lets an extension add more than 30 days: the deadline is the first working day on or after registration + term + extension', () => {
    fc.assert(
      fc.property(formalInput, (i) => {
        const term = i.special === 'migration-governor' ? 20 : 30;
        const nominal = addDays(i.registeredAt, term + i.extensionDays);
        const { legalDeadline } = formal(i);
        expect(legalDeadline >= nominal).toBe(true);
        expect(isWorkingDay(legalDeadline)).toBe(true);
        for (let d = nominal; d < legalDeadline; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false);
        expect(legalDeadline >= formal(i, 0).legalDeadline).toBe(true);
        expect(legalDeadline <= formal(i, 30).legalDeadline).toBe(true);
        expect(daysBetween(i.registeredAt, formal(i, 30).legalDeadline)).toBeLessThanOrEqual(60 + 14);
      }),
    );
  });

  it('refuses any extension over 30 days', () => {
    fc.assert(
      fc.property(formalInput, fc.integer({ min: 31, max: 1_000_000 }), (i, extensionDays) => {
        expect(() => formal(i, extensionDays)).toThrow(DeadlineInputError);
      }),
    );
  });

  it('keeps the control date on a working day, never after the legal deadline, under "previous"', () => {
    fc.assert(
      fc.property(formalInput, (i) => {
        const result = formal({ ...i, org: { ...i.org, shiftRule: 'previous' } });
        expect(isWorkingDay(result.controlDate)).toBe(true);
        expect(result.controlDate <= result.legalDeadline).toBe(true);
      }),
    );
  });

  it('makes the control date the legal deadline under "next", in every regime', () => {
    fc.assert(
      fc.property(fc.constantFrom(...regimes), date, zone, (regime, receivedAt, timeZone) => {
        const result = computeDeadlines({
          regime,
          receivedAt,
          registeredAt: regime === 'formal' ? receivedAt : undefined,
          category: 'roads',
          org: { timeZone, shiftRule: 'next' },
        });
        expect(result.controlDate).toBe(result.legalDeadline);
      }),
    );
  });

  it('puts the portal deadline on a working day after receipt', () => {
    fc.assert(
      fc.property(date, zone, fc.integer({ min: 1, max: 30 }), (receivedAt, timeZone, days) => {
        const org: OrgDeadlineSettings = { timeZone, shiftRule: 'previous', portalTermDays: { roads: days } };
        const { legalDeadline } = computeDeadlines({ regime: 'portal', receivedAt, category: 'roads', org });
        expect(isWorkingDay(legalDeadline)).toBe(true);
        expect(daysBetween(receivedAt, legalDeadline)).toBeGreaterThanOrEqual(days);
      }),
    );
  });

  it('puts the incident deadline inside office hours of a working day, after receipt', () => {
    const receivedAt = fc
      .record({ day: date, minute: fc.integer({ min: 0, max: 24 * 60 - 1 }), zone, urgent: fc.boolean() })
      .map(({ day, minute, zone, urgent }) => ({
        receivedAt: `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
        zone,
        urgent,
      }));
    fc.assert(
      fc.property(receivedAt, fc.integer({ min: 1, max: 40 }), (i, sla) => {
        const org: OrgDeadlineSettings = { timeZone: i.zone, shiftRule: 'next', incidentSlaHours: sla };
        const { legalDeadline } = computeDeadlines({
          regime: 'incident',
          receivedAt: i.receivedAt,
          urgent: i.urgent,
          org,
        });
        const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):\d{2}[+-]\d{2}:\d{2}$/.exec(legalDeadline);
        expect(match).not.toBeNull();
        const [, day, time] = match as RegExpExecArray;
        const hours = workingHoursOf(day as string);
        expect(hours).not.toBeNull();
        expect((time as string) > (hours?.start as string)).toBe(true);
        expect((time as string) <= (hours?.end as string)).toBe(true);
        expect(`${day}T${time}` > i.receivedAt).toBe(true);
      }),
    );
  });
});

describe('hostile input', () => {
  const hostileString = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'null',
      'garbage',
      '🙂📅',
      '2026-02-30',
      '2026-13-01',
      '9999-12-31',
      '0000-01-01',
      '2026-05-09T25:00',
      '2026-05-09T12:00+99:00',
      '2026-05-09\u0000',
      `${'9'.repeat(400)}-01-01`,
      'Mars/Olympus_Mons',
      'Europe/Moscow\n',
      '../../etc/passwd',
      '__proto__',
      'constructor',
    ),
    fc.string(),
    fc.string({ unit: 'grapheme' }),
  );
  const hostileNumber = fc.oneof(
    fc.constantFrom(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -0,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER,
      2 ** 53 + 1,
    ),
    fc.double(),
    fc.integer(),
  );
  const hostileValue = fc.oneof(hostileString, hostileNumber, fc.constantFrom(null, undefined, true, {}, []));
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, hostileValue);
  const input = fc.record(
    {
      regime: maybe(fc.constantFrom(...regimes)),
      receivedAt: maybe(date),
      registeredAt: maybe(date),
      category: maybe(fc.constantFrom('roads', 'waste')),
      extensionDays: maybe(fc.integer({ min: 0, max: 30 })),
      special: maybe(fc.constant('migration-governor')),
      urgent: maybe(fc.boolean()),
      org: maybe(
        fc.record(
          {
            timeZone: maybe(zone),
            shiftRule: maybe(fc.constantFrom('next', 'previous')),
            workingHours: maybe(
              fc.record({ start: maybe(fc.constant('09:00')), end: maybe(fc.constant('18:00')) }),
            ),
            calendarYears: maybe(
              fc.array(fc.record({ year: hostileNumber, dayOffs: fc.array(hostileString) })),
            ),
            portalTermDays: maybe(fc.dictionary(hostileString, hostileNumber)),
            incidentSlaHours: hostileNumber,
            urgentIncidentSlaHours: hostileNumber,
          },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  );

  it('answers every malformed input with a typed error or a result, never a crash', () => {
    fc.assert(
      fc.property(input, (value) => {
        try {
          const result = computeDeadlines(value as never);
          expect(typeof result.legalDeadline).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(DeadlineInputError);
          expect((error as DeadlineInputError).code).toMatch(/^deadlines:errors\./);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('returns errors as values from tryComputeDeadlines, for anything at all', () => {
    fc.assert(
      fc.property(fc.oneof(input, fc.anything()), (value) => {
        const result = tryComputeDeadlines(value);
        if (!result.ok) expect(result.error.code).toMatch(/^deadlines:errors\./);
      }),
      { numRuns: 1_000 },
    );
  });

  it.each([
    ['an empty receipt date', { receivedAt: '' }, 'deadlines:errors.invalidDate'],
    ['an emoji receipt date', { receivedAt: '📅' }, 'deadlines:errors.invalidDate'],
    ['a receipt in year 9999', { receivedAt: '9999-01-01' }, 'deadlines:errors.dateOutOfRange'],
    [
      'an unknown time zone',
      { org: { timeZone: 'Europe/Atlantis', shiftRule: 'next' } },
      'deadlines:errors.unknownTimeZone',
    ],
    ['an empty time zone', { org: { timeZone: '', shiftRule: 'next' } }, 'deadlines:errors.unknownTimeZone'],
    [
      'an unknown shift rule',
      { org: { timeZone: 'Europe/Moscow', shiftRule: 'sideways' } },
      'deadlines:errors.invalidShiftRule',
    ],
    ['an unknown regime', { regime: 'telepathy' }, 'deadlines:errors.unknownRegime'],
    ['no organisation', { org: undefined }, 'deadlines:errors.invalidInput'],
    ['a huge extension', { extensionDays: 1e308 }, 'deadlines:errors.extensionOutOfRange'],
    ['an unknown special case', { special: 'ufo' }, 'deadlines:errors.unknownSpecial'],
  ])('refuses %s with a typed error', (_name, patch, code) => {
    const valid = {
      regime: 'formal',
      receivedAt: '2026-03-02',
      org: { timeZone: 'Europe/Moscow', shiftRule: 'next' },
    };
    expect(tryComputeDeadlines({ ...valid, ...patch })).toMatchObject({ ok: false, error: { code } });
  });
});
