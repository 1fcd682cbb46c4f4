import { useMemo } from 'react';
import { defaultOrganisationSettings, type OrganisationSettings } from '../../shared/model/organisation';
import { useRxQuery } from '../db/DatabaseProvider';
import { type DeadlineClock, deadlineClockOf } from './deadline-clock';

/**
 * The user's organisation's settings, replicated read-only from the server (renderer/sync). Until the
 * first pull lands, the defaults of a new organisation (Moscow, 09:00–18:00, five-day week).
 */
export function useOrganisationSettings(): OrganisationSettings {
  const { result } = useRxQuery((db) => db.organisations.findOne(), []);
  return useMemo(
    () => (result ? (result.toJSON().settings as OrganisationSettings) : defaultOrganisationSettings),
    [result],
  );
}

/** The organisation's clock (time zone, office hours) for deadline badges and notifications. */
export function useDeadlineClock(): DeadlineClock {
  const settings = useOrganisationSettings();
  return useMemo(() => deadlineClockOf(settings), [settings]);
}
