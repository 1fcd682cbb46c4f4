/**
 * The closed vocabularies of Okno's stored data. Each list is the single source for its TypeScript
 * union, its JSON-schema `enum` and its i18n labels (`domain:<group>.<value>`), so a value is never
 * typed twice. Values are stable storage codes: add new ones, never rename or reuse old ones.
 */

/**
 * The three regimes and their clocks (docs/DOMAIN.md, "Three regimes, three clocks").
 * The deadline engine (shared/domain/deadlines.ts) takes its `Regime` from here.
 */
export const regimes = ['incident', 'portal', 'formal'] as const;
export type Regime = (typeof regimes)[number];

/** Where an appeal or message came from. */
export const channels = [
  'vk',
  'ok',
  'telegram',
  'max',
  'email',
  'portal',
  'reception',
  'phone',
  'post',
] as const;
export type Channel = (typeof channels)[number];

/** Staff roles (docs/DOMAIN.md, "Who uses it"). Citizens never log in. */
export const roles = ['operator', 'head', 'supervisor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** How the applicant of a formal appeal was identified (547-FZ made this decisive for electronic appeals). */
export const identificationMethods = ['in-person-document', 'esia', 'social-passport', 'none'] as const;
export type IdentificationMethod = (typeof identificationMethods)[number];

export const applicantTypes = ['citizen', 'organisation'] as const;
export type ApplicantType = (typeof applicantTypes)[number];

/** 59-FZ art. 4: an appeal is a proposal, an application or a complaint. */
export const appealForms = ['proposal', 'application', 'complaint'] as const;
export type AppealForm = (typeof appealForms)[number];

/**
 * Every status of every regime. Which ones a regime uses, and how an appeal moves between them,
 * is the status machine's business (shared/domain/status-machine.ts, `statusesOf`).
 */
export const appealStatuses = [
  'new',
  'received',
  'registered',
  'in_progress',
  'documents_requested',
  'interim_answered',
  'answered',
  'closed',
  'forwarded',
  'merged',
  'converted',
] as const;
export type AppealStatus = (typeof appealStatuses)[number];

/** Special outcomes of 59-FZ art. 11; each ends the appeal without an answer on the merits. */
export const art11Outcomes = [
  'no_answer',
  'returned',
  'left_without_answer_obscene',
  'unreadable',
  'correspondence_terminated',
  'answer_published_link',
  'secret',
] as const;
export type Art11Outcome = (typeof art11Outcomes)[number];

export const messageDirections = ['in', 'out'] as const;
export type MessageDirection = (typeof messageDirections)[number];

/** Who wrote a message: the citizen, a staff member, or the bot. */
export const messageAuthorKinds = ['applicant', 'staff', 'bot'] as const;
export type MessageAuthorKind = (typeof messageAuthorKinds)[number];

/** Delivery of an outbound message through its channel; inbound messages are `delivered`. */
export const deliveryStatuses = ['pending', 'sent', 'delivered', 'failed', 'unreachable'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/**
 * How a staff answer reaches the applicant: into the conversation's network (`channel`), by e-mail
 * to the applicant's address, or as a postal letter that staff print and mail (never sent by the server).
 */
export const replyVias = ['channel', 'email', 'post'] as const;
export type ReplyVia = (typeof replyVias)[number];

/** Outcome of comparing a social profile's name with the passport name (seed condition 1). */
export const nameMatchVerdicts = ['match', 'probable', 'mismatch', 'not_checked'] as const;
export type NameMatchVerdict = (typeof nameMatchVerdicts)[number];

/** Deadline falling on a non-working day: move it to the next or the previous working day. */
export const deadlineShiftRules = ['next', 'previous'] as const;
export type DeadlineShiftRule = (typeof deadlineShiftRules)[number];

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

/** Channels in which a citizen has a social profile the bot talks to. */
export const socialNetworks = ['vk', 'ok', 'telegram', 'max'] as const satisfies readonly Channel[];
export type SocialNetwork = (typeof socialNetworks)[number];

/** The citizen's answer to «Помог ли ответ?» after an answer reached them (issue 14, answer quality). */
export const citizenVerdicts = ['yes', 'partly', 'no'] as const;
export type CitizenVerdict = (typeof citizenVerdicts)[number];

/**
 * What a supervisor decided about a «Нет»/«Частично» verdict: rework the answer (the appeal goes back to
 * its executor), register a new appeal, or accept the verdict as it is. Never decided silently.
 */
export const verdictDecisions = ['rework', 'new_appeal', 'accepted'] as const;
export type VerdictDecision = (typeof verdictDecisions)[number];
