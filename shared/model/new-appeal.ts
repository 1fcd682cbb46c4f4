import { initialStatus } from '../domain/status-machine';
import type { Appeal, AppealApplicant, AppealKind } from './appeal';
import { noDueAt } from './primitives';

/** What whoever receives an appeal knows about it; the lifecycle fields start empty. */
export type NewAppealInput = Pick<
  Appeal,
  | 'id'
  | 'orgId'
  | 'regime'
  | 'channel'
  | 'subject'
  | 'text'
  | 'receivedAt'
  | 'departmentId'
  | 'conversationId'
> & {
  applicant: AppealApplicant;
  kind?: Partial<AppealKind>;
} & Partial<Pick<Appeal, 'attachments' | 'category' | 'subcategory' | 'urgent' | 'updatedAt'>>;

/** A citizen writing alone, in their own name: the usual kind. */
const individualCitizen: AppealKind = {
  collective: false,
  applicantType: 'citizen',
  form: null,
  organisationName: null,
  inn: null,
  coSigners: [],
  complaintAgainst: null,
};

const definedOnly = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * A just-received appeal in its regime's initial status: not registered, unassigned, no deadlines
 * yet (the server registers formal appeals and computes every deadline), nothing decided. The one
 * way reception, channels, the bot and the demo build an appeal, so no field is forgotten.
 */
export function newAppeal(input: NewAppealInput): Appeal {
  return {
    id: input.id,
    orgId: input.orgId,
    regime: input.regime,
    channel: input.channel,
    urgent: input.urgent ?? false,
    // An optional field given as undefined keeps its default (callers pass `form: maybeForm`).
    kind: { ...individualCitizen, ...definedOnly(input.kind ?? {}) },
    applicant: input.applicant,
    subject: input.subject,
    text: input.text,
    attachments: input.attachments ?? [],
    category: input.category ?? null,
    subcategory: input.subcategory ?? null,
    classifierCode: null,
    departmentId: input.departmentId,
    assigneeId: '',
    status: initialStatus(input.regime),
    registrationNumber: null,
    receivedAt: input.receivedAt,
    registeredAt: null,
    dueAt: noDueAt,
    legalDeadline: null,
    controlDate: null,
    interimAnsweredAt: null,
    documentsRequestedAt: null,
    extendedAt: null,
    answeredAt: null,
    closedAt: null,
    extension: null,
    result: null,
    art11Outcome: null,
    outcomeNote: null,
    conversationId: input.conversationId,
    duplicateOf: null,
    mergedIds: [],
    forwardedTo: null,
    convertedFromId: null,
    convertedToId: null,
    repeatOf: null,
    coExecutorIds: [],
    comments: [],
    tasks: [],
    assignmentNote: null,
    triage: null,
    problemId: null,
    sourcePost: null,
    territoryId: null,
    verdict: null,
    updatedAt: input.updatedAt ?? input.receivedAt,
  };
}
