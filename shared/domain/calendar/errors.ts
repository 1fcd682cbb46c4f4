import type { DomainError } from '../result';

/** Every reason the deadline engine refuses its input; each is an i18n key in `deadlines:errors.*`. */
export const deadlineErrorCodes = [
  'deadlines:errors.invalidInput',
  'deadlines:errors.invalidDate',
  'deadlines:errors.dateOutOfRange',
  'deadlines:errors.unknownTimeZone',
  'deadlines:errors.unknownRegime',
  'deadlines:errors.invalidShiftRule',
  'deadlines:errors.invalidWorkingHours',
  'deadlines:errors.invalidSetting',
  'deadlines:errors.invalidCalendar',
  'deadlines:errors.extensionOutOfRange',
  'deadlines:errors.unknownSpecial',
  'deadlines:errors.notApplicable',
  'deadlines:errors.registeredBeforeReceived',
] as const;
export type DeadlineErrorCode = (typeof deadlineErrorCodes)[number];

/**
 * Thrown by `computeDeadlines` (and the calendar helpers) for input it cannot compute a deadline
 * from. It is the only thing they throw: anything else is a bug. `tryComputeDeadlines` returns it as
 * a `Result` error instead, for the edges (IPC, sync pushes) where errors are values.
 */
export class DeadlineInputError extends Error implements DomainError {
  readonly code: DeadlineErrorCode;
  readonly params?: Record<string, string | number>;

  constructor(code: DeadlineErrorCode, params?: Record<string, string | number>) {
    super(params ? `${code} ${JSON.stringify(params)}` : code);
    this.name = 'DeadlineInputError';
    this.code = code;
    if (params) this.params = params;
  }
}
