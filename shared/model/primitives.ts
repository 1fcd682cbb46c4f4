/**
 * Primitive value types shared by the model and the schemas.
 *
 * Instants are epoch milliseconds (UTC): they sort and index as numbers and never carry a
 * time-zone ambiguity. Calendar dates (a legal deadline, a control date) are `YYYY-MM-DD` in the
 * organisation's time zone, because 59-FZ counts whole days.
 */

/** Milliseconds since 1970-01-01T00:00:00Z, a whole number. */
export type EpochMs = number;

/** A calendar date `YYYY-MM-DD` in the organisation's time zone. */
export type CalendarDate = string;

/** The largest instant Okno stores: 9999-12-31T23:59:59.999Z. */
export const maxEpochMs: EpochMs = 253_402_300_799_999;

/**
 * `dueAt` of an appeal that has no deadline (closed, or not yet computed). Indexed fields cannot be
 * null in RxDB, and sorting by `dueAt` ascending must put such appeals last, so "no deadline" is the
 * latest storable instant.
 * @alias of maxEpochMs on purpose: the same instant, a different meaning.
 */
export const noDueAt: EpochMs = maxEpochMs;

/** Document ids: opaque strings (UUIDs, or a network's id with a prefix), at most 40 characters. */
export type Id = string;
export const idMaxLength = 40;
export const idPattern = '^[A-Za-z0-9_-]{1,40}$';

// A reference that is indexed but may be absent (an appeal's assignee, a message's appeal) is the
// empty string, because RxDB indexes need required, non-null fields. References that are not
// indexed use `null`.
