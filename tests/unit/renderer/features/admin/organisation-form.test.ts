import type { AdminOrganisation } from '../../../../../renderer/api/organisation';
import { changeOf, draftOf } from '../../../../../renderer/features/admin/organisation-form';
import { applyOrganisationChange } from '../../../../../shared/domain/organisation-settings';
import { defaultOrganisationSettings } from '../../../../../shared/model/organisation';

const { calendarYears: _calendars, ...settings } = defaultOrganisationSettings;
const organisation: AdminOrganisation = {
  id: 'org-1',
  name: 'Администрация г. Демо',
  settings,
  nextRegistration: { year: 2026, sequence: 124, departmentCode: 'ЖКХ' },
};
const base = { name: organisation.name, settings: defaultOrganisationSettings };

describe('the «Организация» form', () => {
  it('sends back exactly the settings it was filled with: nothing changes', () => {
    const checked = applyOrganisationChange(base, changeOf(draftOf(organisation)));
    expect(checked).toEqual({ ok: true, value: base });
  });

  it('offers office hours for a day off and sends a day off as null', () => {
    const draft = draftOf(organisation);
    expect(draft.hours.sat).toEqual({ off: true, start: '09:00', end: '18:00' });
    draft.hours.sat = { ...draft.hours.sat, off: false, start: ' 10:00 ', end: '14:00' };
    draft.hours.mon = { ...draft.hours.mon, off: true };
    const change = changeOf(draft);
    expect(change.workingHours?.sat).toEqual({ start: '10:00', end: '14:00' });
    expect(change.workingHours?.mon).toBeNull();
  });

  it('sends a blank number as a refused one, never as zero', () => {
    const draft = draftOf(organisation);
    draft.retentionYears = '';
    draft.sla.answerHours = ' 9 ';
    const change = changeOf(draft);
    expect(change.retentionYears).toBeNaN();
    expect(change.incidentSla?.answerHours).toBe(9);
    expect(applyOrganisationChange(base, change)).toMatchObject({
      ok: false,
      error: { field: 'retentionYears' },
    });
  });
});
