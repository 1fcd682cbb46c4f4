import { tryComputeDeadlines } from '../../../../shared/domain/deadlines';
import {
  deadlineSettingsOf,
  defaultOrganisationSettings,
  type OrganisationSettings,
} from '../../../../shared/model';

describe('organisation settings for the deadline engine', () => {
  it('hands over time zone, shift rule, office hours, portal terms and incident terms', () => {
    const settings: OrganisationSettings = {
      ...defaultOrganisationSettings,
      timeZone: 'Asia/Yekaterinburg',
      deadlineShiftRule: 'previous',
      workingHours: {
        ...defaultOrganisationSettings.workingHours,
        mon: null,
        tue: { start: '08:30', end: '17:30' },
      },
      portalTermDays: { roads: 7 },
    };
    expect(deadlineSettingsOf(settings)).toEqual({
      timeZone: 'Asia/Yekaterinburg',
      shiftRule: 'previous',
      workingHours: { start: '08:30', end: '17:30' },
      portalTermDays: { roads: 7 },
      incidentSlaHours: 8,
      urgentIncidentSlaHours: 4,
    });
  });

  it('hands over the production calendars the organisation loaded, and nothing when it loaded none', () => {
    const calendar = { year: 2028, dayOffs: ['01-10'], shortened: [], workingWeekends: [], transfers: {} };
    const settings = { ...defaultOrganisationSettings, calendarYears: [calendar] };
    expect(deadlineSettingsOf(settings).calendarYears).toEqual([calendar]);
    expect(deadlineSettingsOf(defaultOrganisationSettings)).not.toHaveProperty('calendarYears');
  });

  it('gives settings the engine accepts', () => {
    const result = tryComputeDeadlines({
      regime: 'formal',
      receivedAt: '2025-04-01T10:00',
      registeredAt: '2025-04-02T10:00',
      org: deadlineSettingsOf(defaultOrganisationSettings),
    });
    expect(result.ok).toBe(true);
  });
});
