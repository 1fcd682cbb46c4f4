import fc from 'fast-check';
import {
  applyOrganisationChange,
  type OrganisationSetup,
  organisationChanges,
} from '../../../../shared/domain/organisation-settings';
import { defaultOrganisationSettings } from '../../../../shared/model/organisation';

const current: OrganisationSetup = { name: 'Администрация г. Демо', settings: defaultOrganisationSettings };

const refusal = (change: unknown) => {
  const result = applyOrganisationChange(current, change);
  if (result.ok) throw new Error(`accepted ${JSON.stringify(change)}`);
  return result.error;
};
const accepted = (change: unknown) => {
  const result = applyOrganisationChange(current, change);
  if (!result.ok) throw new Error(`refused ${JSON.stringify(change)}: ${result.error.code}`);
  return result.value;
};

describe('an administrator’s change to the organisation’s settings', () => {
  it('keeps every setting it does not name', () => {
    const after = accepted({ retentionYears: 10 });
    expect(after).toEqual({
      name: current.name,
      settings: { ...defaultOrganisationSettings, retentionYears: 10 },
    });
  });

  it('changes one weekday’s hours and makes Saturday a working day', () => {
    const after = accepted({
      workingHours: { mon: { start: '08:30', end: '17:30' }, sat: { start: '10:00', end: '14:00' } },
    });
    expect(after.settings.workingHours).toEqual({
      ...defaultOrganisationSettings.workingHours,
      mon: { start: '08:30', end: '17:30' },
      sat: { start: '10:00', end: '14:00' },
    });
  });

  it('trims the name and accepts real IANA zones', () => {
    expect(accepted({ name: '  Администрация  ' }).name).toBe('Администрация');
    expect(accepted({ timeZone: 'Asia/Yekaterinburg' }).settings.timeZone).toBe('Asia/Yekaterinburg');
    expect(accepted({ timeZone: 'UTC' }).settings.timeZone).toBe('UTC');
  });

  it.each([
    [{ timeZone: 'Europe/Atlantis' }, 'timeZone', 'organisation:errors.timeZone'],
    [{ timeZone: 'MSK' }, 'timeZone', 'organisation:errors.timeZone'],
    [{ timeZone: '+03:00' }, 'timeZone', 'organisation:errors.timeZone'],
    [{ name: '' }, 'name', 'organisation:errors.nameRequired'],
    [{ name: 'я'.repeat(301) }, 'name', 'organisation:errors.nameTooLong'],
    [
      { workingHours: { wed: { start: '9:00', end: '18:00' } } },
      'workingHours.wed',
      'organisation:errors.hoursFormat',
    ],
    [
      { workingHours: { wed: { start: '09:00', end: '24:30' } } },
      'workingHours.wed',
      'organisation:errors.hoursFormat',
    ],
    [
      { workingHours: { fri: { start: '18:00', end: '18:00' } } },
      'workingHours.fri',
      'organisation:errors.hoursOrder',
    ],
    [
      { workingHours: { fri: { start: '09:00', end: '10:00' } } },
      'workingHours.fri',
      'organisation:errors.hoursTooShort',
    ],
    [{ workingHours: { fri: 'off' } }, 'workingHours.fri', 'organisation:errors.hoursFormat'],
    [{ workingHours: { holiday: null } }, 'workingHours', 'organisation:errors.unknownDay'],
    [
      { workingHours: { mon: null, tue: null, wed: null, thu: null, fri: null } },
      'workingHours',
      'organisation:errors.noWorkingDay',
    ],
    [{ deadlineShiftRule: 'nearest' }, 'deadlineShiftRule', 'organisation:errors.shiftRule'],
    [{ incidentSla: { answerHours: 73 } }, 'incidentSla.answerHours', 'organisation:errors.slaRange'],
    [
      { incidentSla: { finalAnswerWorkingDays: 0 } },
      'incidentSla.finalAnswerWorkingDays',
      'organisation:errors.slaRange',
    ],
    [
      { incidentSla: { urgentAnswerHours: 9 } },
      'incidentSla.urgentAnswerHours',
      'organisation:errors.urgentAfterAnswer',
    ],
    [{ incidentSla: { overtime: 1 } }, 'incidentSla', 'organisation:errors.unknownField'],
    [
      { registrationNumberPattern: '{YYYY}' },
      'registrationNumberPattern',
      'validation:registrationNumber.sequenceTokenMissing',
    ],
    [{ retentionYears: 0 }, 'retentionYears', 'organisation:errors.retentionRange'],
    [{ retentionYears: '5' }, 'retentionYears', 'organisation:errors.retentionRange'],
    [{ portalTermDays: {} }, 'portalTermDays', 'organisation:errors.unknownField'],
    [null, 'body', 'organisation:errors.notAnObject'],
  ])('refuses %j, naming %s', (change, field, code) => {
    expect(refusal(change)).toMatchObject({ field, code });
  });

  it('accepts the pattern a records office writes with {seq}', () => {
    expect(accepted({ registrationNumberPattern: '{seq}/{year}' }).settings.registrationNumberPattern).toBe(
      '{seq}/{year}',
    );
  });

  it('never returns settings the check would refuse, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            workingHours: fc.dictionary(
              fc.constantFrom('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'),
              fc.option(fc.record({ start: fc.string(), end: fc.string() }), { nil: null }),
            ),
            retentionYears: fc.anything(),
            timeZone: fc.string(),
          },
          { requiredKeys: [] },
        ),
        (change) => {
          const result = applyOrganisationChange(current, change);
          if (!result.ok) return;
          // What was accepted passes again unchanged, and keeps a working day.
          expect(
            applyOrganisationChange(result.value, { workingHours: result.value.settings.workingHours }).ok,
          ).toBe(true);
          expect(Object.values(result.value.settings.workingHours).some((day) => day !== null)).toBe(true);
        },
      ),
    );
  });
});

describe('what a change did, as audited', () => {
  it('lists only the changed fields, a weekday’s hours as text and a day off as `off`', () => {
    const after = accepted({
      workingHours: { sat: { start: '10:00', end: '14:00' } },
      incidentSla: { answerHours: 9 },
    });
    expect(organisationChanges(current, after)).toEqual({
      'workingHours.sat': { old: 'off', new: '10:00–14:00' },
      'incidentSla.answerHours': { old: 8, new: 9 },
    });
    expect(organisationChanges(current, current)).toEqual({});
  });
});
