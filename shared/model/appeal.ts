import type { SstuResult } from '../domain/classifier/results';
import type { AttachmentMeta } from './attachment';
import type { Contacts, NameMatch, PassportMasked, PersonName } from './person';
import type { CalendarDate, EpochMs } from './primitives';
import type {
  AppealForm,
  AppealStatus,
  ApplicantType,
  Art11Outcome,
  Channel,
  CitizenVerdict,
  IdentificationMethod,
  Regime,
  VerdictDecision,
} from './vocabulary';

export interface CoSigner {
  name: PersonName;
  postalAddress: string | null;
}

/** Individual or collective; from a citizen or an organisation (seed condition 6). */
export interface AppealKind {
  collective: boolean;
  applicantType: ApplicantType;
  /** Proposal, application or complaint (59-FZ art. 4); unknown for incidents and portal messages. */
  form: AppealForm | null;
  organisationName: string | null;
  /** ИНН of the organisation: 10 digits (12 for an individual entrepreneur). */
  inn: string | null;
  /** The other signatories of a collective appeal. */
  coSigners: CoSigner[];
  /** The body or official a complaint is about: never forwarded there (59-FZ art. 8 part 6). */
  complaintAgainst: string | null;
}

/** The applicant as recorded when the appeal was filed; later profile edits do not rewrite it. */
export interface AppealApplicant {
  applicantId: string | null;
  name: PersonName;
  contacts: Contacts;
  identification: IdentificationMethod;
  passportMasked: PassportMasked | null;
  nameMatch: NameMatch;
}

/** 59-FZ art. 12 part 2: once, by up to 30 days, with notice to the applicant. */
export interface Extension {
  days: number;
  reason: string;
  /** When the server queued the notice to the applicant; null until then. */
  noticeQueuedAt: EpochMs | null;
}

/** 59-FZ art. 8 part 3: sent to the competent body, which closes the appeal for this organisation. */
export interface Forwarding {
  bodyName: string;
  at: EpochMs;
}

/** An internal comment (внутренний комментарий): seen by staff only, never sent to the applicant. */
export interface InternalComment {
  id: string;
  authorId: string;
  text: string;
  at: EpochMs;
}

/**
 * A task inside an appeal, as a резолюция of a СЭД states it: who set it, to whom, what, by when,
 * and when it was done.
 */
export interface AppealTask {
  id: string;
  setById: string;
  assigneeId: string;
  text: string;
  /** The task's own due date, which may come before the appeal's control date. */
  dueDate: CalendarDate;
  setAt: EpochMs;
  doneAt: EpochMs | null;
}

/** Why the appeal was last given to its assignee, and by whom (a head's assignment with a reason). */
export interface AssignmentNote {
  byId: string;
  reason: string;
  at: EpochMs;
}

/** One ranked triage suggestion: its value, the model's confidence (0–1), the message's stems that decided it. */
export interface SuggestedValue {
  value: string;
  confidence: number;
  because: string[];
}

/** A suggested portal (ПОС) subcategory (`value`) with the working category and subcategory codes it maps to. */
export interface SuggestedCategory extends SuggestedValue {
  category: string | null;
  subcategory: string | null;
}

/**
 * What triage suggested when the appeal arrived (issue 13, server/src/triage): incident or not, up to
 * three categories and three of the organisation's departments, and urgency. Server-owned; a person's
 * decision is the appeal's own category, department and urgency.
 */
export interface AppealTriage {
  at: EpochMs;
  incident: { value: boolean; confidence: number; because: string[] };
  category: SuggestedCategory[];
  department: SuggestedValue[];
  /** `signs`: codes of shared/triage/urgency.ts (`no-water`, `gas`…), i18n keys. */
  urgency: { urgent: boolean; confidence: number; signs: string[]; because: string[] };
}

/** The community post (and comment under it) an appeal was born from (issue 13, comments under posts). */
export interface SourcePost {
  network: Channel;
  postId: string;
  /** The comment under the post, or null for the post itself. */
  commentId: string | null;
  /** A link to open the post or comment in the network, when the network has one. */
  url: string | null;
}

/** The citizen's «Помог ли ответ?» and the supervisor's decision about it (issue 14, answer quality). */
export interface AppealVerdict {
  value: CitizenVerdict;
  comment: string | null;
  at: EpochMs;
  decision: VerdictDecision | null;
  decidedById: string | null;
  decidedAt: EpochMs | null;
}

/**
 * An appeal in any of the three regimes. Lifecycle fields are always present and null until the
 * event happens, so a sync merge can tell "cleared" from "never sent". Fields the server owns
 * (registration number, deadlines, `dueAt`) are never taken from a client (docs/ARCHITECTURE.md, Authority).
 */
export interface Appeal {
  id: string;
  orgId: string;
  regime: Regime;
  channel: Channel;
  /** Urgent incidents have a shorter answer term (docs/DOMAIN.md: 4 working hours). */
  urgent: boolean;
  kind: AppealKind;
  applicant: AppealApplicant;
  subject: string;
  text: string;
  attachments: AttachmentMeta[];
  /** Working category code (shared/domain/classifier/categories.ts), null until categorised. */
  category: string | null;
  subcategory: string | null;
  /** Thematic classifier code at question level, required to close a formal appeal. */
  classifierCode: string | null;
  /** `''` until routed (indexed). */
  departmentId: string;
  /** `''` while nobody is assigned (indexed). */
  assigneeId: string;
  status: AppealStatus;
  registrationNumber: string | null;
  receivedAt: EpochMs;
  registeredAt: EpochMs | null;
  /**
   * The instant the next step is due, for sorting inboxes: the end of the control date (formal), of the
   * portal term, or the incident SLA. `noDueAt` when there is none. Computed by the deadline engine.
   */
  dueAt: EpochMs;
  /** The deadline by law (calendar days from registration). */
  legalDeadline: CalendarDate | null;
  /** The internal control date: the legal deadline shifted by the organisation's rule. */
  controlDate: CalendarDate | null;
  interimAnsweredAt: EpochMs | null;
  documentsRequestedAt: EpochMs | null;
  extendedAt: EpochMs | null;
  answeredAt: EpochMs | null;
  closedAt: EpochMs | null;
  extension: Extension | null;
  result: SstuResult | null;
  art11Outcome: Art11Outcome | null;
  /** The explanation recorded with an art. 11 outcome or a termination, e.g. the link to a published answer. */
  outcomeNote: string | null;
  /** The conversation the appeal came from and is answered into, or `''` (indexed). */
  conversationId: string;
  /** Set on a duplicate merged into another appeal. */
  duplicateOf: string | null;
  /** Set on the appeal that absorbed duplicates. */
  mergedIds: string[];
  forwardedTo: Forwarding | null;
  /** A formal appeal made from an incident keeps the link both ways. */
  convertedFromId: string | null;
  convertedToId: string | null;
  /** An earlier appeal of the same applicant on the same subject (59-FZ art. 11 p. 5: a repeat), linked by staff. */
  repeatOf: string | null;
  /** Co-executors (соисполнители) working on the appeal beside its assignee. */
  coExecutorIds: string[];
  /** Internal comments, oldest first; never sent to the applicant. */
  comments: InternalComment[];
  /** Tasks (поручения) of the резолюция, oldest first. */
  tasks: AppealTask[];
  assignmentNote: AssignmentNote | null;
  /** The suggestion made on arrival; null for appeals made before triage or when it failed. */
  triage: AppealTriage | null;
  /** The problem group (several citizens, one problem) a person put this appeal in (issue 13); server-owned. */
  problemId: string | null;
  /** The community post or comment the appeal came from (issue 13); server-owned. */
  sourcePost: SourcePost | null;
  /** The organisation's territory (district or settlement) of the appeal's place (issue 14); server-owned. */
  territoryId: string | null;
  /** The citizen's verdict on the answer (issue 14); server-owned. */
  verdict: AppealVerdict | null;
  updatedAt: EpochMs;
}
