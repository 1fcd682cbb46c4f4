import { tryComputeDeadlines } from '../../../shared/domain/deadlines';
import {
  deadlineSettingsOf,
  defaultOrganisationSettings,
  type OrganisationSettings,
} from '../../../shared/model';

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
