import type { DeadlineInput, OrgDeadlineSettings } from '../domain/deadlines';
import { tryComputeDeadlines } from '../domain/deadlines';
import type { DomainError } from '../domain/result';
import type { Appeal } from './appeal';
import { noDueAt } from './primitives';

/** What the deadline engine reads from an appeal. */
export type AppealDeadlineFields = Pick<
  Appeal,
  'regime' | 'receivedAt' | 'registeredAt' | 'category' | 'extension' | 'urgent'
>;

/**
 * The engine's input for an appeal. One mapping for the server, which stores the deadlines
 * (server/src/appeals/registration.ts), and the desktop, which shows what the engine warned about
 * them: the same input on both sides gives the same dates and the same warnings.
 */
export function appealDeadlineInput(appeal: AppealDeadlineFields, org: OrgDeadlineSettings): DeadlineInput {
  return {
    regime: appeal.regime,
    receivedAt: new Date(appeal.receivedAt).toISOString(),
    ...(typeof appeal.registeredAt === 'number'
      ? { registeredAt: new Date(appeal.registeredAt).toISOString() }
      : {}),
    ...(typeof appeal.category === 'string' ? { category: appeal.category } : {}),
    ...(appeal.extension?.days ? { extensionDays: appeal.extension.days } : {}),
    urgent: appeal.urgent === true,
    org,
  };
}

/**
 * The `deadlines:warnings.calendarMissing` warnings (one per year) behind an open appeal's stored
 * deadline: the term crossed a year with no production calendar, so weekends and the art. 112
 * holidays were assumed and a person should check the date. None for a closed appeal or a formal
 * one not registered yet (it has no deadline), nor when the engine refuses the input.
 */
export function calendarWarningsOf(
  appeal: AppealDeadlineFields & Pick<Appeal, 'dueAt' | 'closedAt'>,
  org: OrgDeadlineSettings,
): DomainError[] {
  if (appeal.closedAt !== null || appeal.dueAt >= noDueAt) return [];
  if (appeal.regime === 'formal' && appeal.registeredAt === null) return [];
  const computed = tryComputeDeadlines(appealDeadlineInput(appeal, org));
  if (!computed.ok) return [];
  return computed.value.warningDetails.filter((w) => w.code === 'deadlines:warnings.calendarMissing');
}
