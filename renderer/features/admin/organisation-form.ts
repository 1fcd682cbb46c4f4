/**
 * The «Организация» form's state: the settings as the administrator types them (text, a switch per
 * day off) and the change it sends, which shared/domain/organisation-settings.ts checks on both sides.
 * Pure apart from the API hook, so it is unit-tested.
 */
import { useMemo } from 'react';
import type { OrganisationChange } from '../../../shared/domain/organisation-settings';
import type { IncidentSla } from '../../../shared/model/organisation';
import { type DeadlineShiftRule, type Weekday, weekdays } from '../../../shared/model/vocabulary';
import type { TokenSource } from '../../api/client';
import { type AdminOrganisation, type OrganisationApi, organisationApi } from '../../api/organisation';
import { useServices } from '../../app/services';

export function useOrganisationApi(tokens: TokenSource): OrganisationApi {
  const { api } = useServices();
  return useMemo(() => organisationApi(api.authorised(tokens)), [api, tokens]);
}

export const slaFields = [
  'firstReactionHours',
  'answerHours',
  'urgentAnswerHours',
  'finalAnswerWorkingDays',
] as const satisfies readonly (keyof IncidentSla)[];

export interface DayDraft {
  off: boolean;
  start: string;
  end: string;
}

export interface OrganisationDraft {
  name: string;
  timeZone: string;
  hours: Record<Weekday, DayDraft>;
  shiftRule: DeadlineShiftRule;
  sla: Record<keyof IncidentSla, string>;
  pattern: string;
  retentionYears: string;
}

/** The form filled from the server's settings; a day off keeps office hours to offer when switched on. */
export function draftOf(organisation: AdminOrganisation): OrganisationDraft {
  const { settings } = organisation;
  const hours = Object.fromEntries(
    weekdays.map((day) => {
      const given = settings.workingHours[day];
      return [day, given ? { off: false, ...given } : { off: true, start: '09:00', end: '18:00' }];
    }),
  ) as Record<Weekday, DayDraft>;
  const sla = Object.fromEntries(
    slaFields.map((name) => [name, String(settings.incidentSla[name])]),
  ) as Record<keyof IncidentSla, string>;
  return {
    name: organisation.name,
    timeZone: settings.timeZone,
    hours,
    shiftRule: settings.deadlineShiftRule,
    sla,
    pattern: settings.registrationNumberPattern,
    retentionYears: String(settings.retentionYears),
  };
}

/** Typed text as a number for the check: blank is not zero but refused, as any non-number is. */
const numberOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/** Every field of the form as a change; the server writes and audits only what differs. */
export function changeOf(draft: OrganisationDraft): OrganisationChange {
  return {
    name: draft.name,
    timeZone: draft.timeZone.trim(),
    workingHours: Object.fromEntries(
      weekdays.map((day) => {
        const { off, start, end } = draft.hours[day];
        return [day, off ? null : { start: start.trim(), end: end.trim() }];
      }),
    ),
    deadlineShiftRule: draft.shiftRule,
    incidentSla: Object.fromEntries(slaFields.map((name) => [name, numberOf(draft.sla[name])])) as Record<
      keyof IncidentSla,
      number
    >,
    registrationNumberPattern: draft.pattern,
    retentionYears: numberOf(draft.retentionYears),
  };
}
