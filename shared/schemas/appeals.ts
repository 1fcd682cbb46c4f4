import type { MigrationStrategies, RxJsonSchema } from 'rxdb';
import { sstuResults } from '../domain/classifier/results';
import type { Appeal } from '../model/appeal';
import {
  appealForms,
  appealStatuses,
  applicantTypes,
  art11Outcomes,
  channels,
  regimes,
} from '../model/vocabulary';
import type { AppealV0 } from './appeals-v0';
import type { AppealV1 } from './appeals-v1';
import type { AppealV2 } from './appeals-v2';
import {
  arrayField,
  attachmentsField,
  booleanField,
  calendarDateField,
  contactsField,
  enumField,
  epochMsField,
  identificationField,
  idField,
  nameMatchField,
  nullableCalendarDateField,
  nullableEnumField,
  nullableEpochMsField,
  nullableIdField,
  nullableObjectField,
  nullableTextField,
  objectField,
  passportMaskedField,
  personNameField,
  textField,
} from './fields';

const classifierCodeField = {
  type: ['string', 'null'],
  pattern: '^\\d{4}(\\.\\d{4}){3,4}$',
  maxLength: 24,
} as const;

const confidenceField = { type: 'number', minimum: 0, maximum: 1 } as const;
const becauseField = arrayField(textField(100), 10);

const properties = {
  id: idField,
  orgId: idField,
  regime: enumField(regimes),
  channel: enumField(channels),
  urgent: booleanField,
  kind: objectField({
    collective: booleanField,
    applicantType: enumField(applicantTypes),
    form: nullableEnumField(appealForms),
    organisationName: nullableTextField(500),
    inn: { type: ['string', 'null'], pattern: '^(\\d{10}|\\d{12})$', maxLength: 12 },
    coSigners: arrayField(
      objectField({ name: personNameField, postalAddress: nullableTextField(500) }),
      1000,
    ),
    complaintAgainst: nullableTextField(300),
  }),
  applicant: objectField({
    applicantId: nullableIdField,
    name: personNameField,
    contacts: contactsField,
    identification: identificationField,
    passportMasked: passportMaskedField,
    nameMatch: nameMatchField,
  }),
  subject: textField(500),
  text: textField(100_000),
  attachments: attachmentsField,
  category: nullableTextField(100),
  subcategory: nullableTextField(100),
  classifierCode: classifierCodeField,
  departmentId: idField,
  assigneeId: idField,
  status: enumField(appealStatuses),
  registrationNumber: nullableTextField(40),
  receivedAt: epochMsField,
  registeredAt: nullableEpochMsField,
  dueAt: epochMsField,
  legalDeadline: nullableCalendarDateField,
  controlDate: nullableCalendarDateField,
  interimAnsweredAt: nullableEpochMsField,
  documentsRequestedAt: nullableEpochMsField,
  extendedAt: nullableEpochMsField,
  answeredAt: nullableEpochMsField,
  closedAt: nullableEpochMsField,
  extension: nullableObjectField({
    days: { type: 'integer', minimum: 1, maximum: 30 },
    reason: textField(2000),
    noticeQueuedAt: nullableEpochMsField,
  }),
  result: nullableEnumField(sstuResults),
  art11Outcome: nullableEnumField(art11Outcomes),
  outcomeNote: nullableTextField(2000),
  conversationId: idField,
  duplicateOf: nullableIdField,
  mergedIds: arrayField(idField, 1000),
  forwardedTo: nullableObjectField({ bodyName: textField(300), at: epochMsField }),
  convertedFromId: nullableIdField,
  convertedToId: nullableIdField,
  repeatOf: nullableIdField,
  coExecutorIds: arrayField(idField, 20),
  comments: arrayField(
    objectField({ id: idField, authorId: idField, text: textField(4000), at: epochMsField }),
    500,
  ),
  tasks: arrayField(
    objectField({
      id: idField,
      setById: idField,
      assigneeId: idField,
      text: textField(2000),
      dueDate: calendarDateField,
      setAt: epochMsField,
      doneAt: nullableEpochMsField,
    }),
    200,
  ),
  assignmentNote: nullableObjectField({ byId: idField, reason: textField(1000), at: epochMsField }),
  triage: nullableObjectField({
    at: epochMsField,
    incident: objectField({ value: booleanField, confidence: confidenceField, because: becauseField }),
    category: arrayField(
      objectField({
        value: textField(300),
        confidence: confidenceField,
        because: becauseField,
        category: nullableTextField(100),
        subcategory: nullableTextField(100),
      }),
      3,
    ),
    department: arrayField(
      objectField({ value: idField, confidence: confidenceField, because: becauseField }),
      3,
    ),
    urgency: objectField({
      urgent: booleanField,
      confidence: confidenceField,
      signs: arrayField(textField(40), 20),
      because: becauseField,
    }),
  }),
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<Appeal>['properties'];

/**
 * Appeals, version 3 (v3: the server's triage suggestion). Indexes serve the inbox views without a scan (RxDB appends the primary key
 * to each index, so `['status', 'dueAt']` sorts stably by `id` within equal deadlines):
 * by status, by department, by assignee (each sorted by deadline), by regime, by channel, by arrival,
 * and the appeals of one conversation.
 */
export const appealSchema: RxJsonSchema<Appeal> = {
  title: 'appeals',
  description: 'Citizens’ appeals in the three regimes: incidents, portal messages, formal 59-FZ appeals',
  version: 3,
  primaryKey: 'id',
  type: 'object',
  properties,
  required: Object.keys(properties) as (keyof Appeal)[],
  additionalProperties: false,
  indexes: [
    ['status', 'dueAt'],
    ['departmentId', 'status', 'dueAt'],
    ['assigneeId', 'status', 'dueAt'],
    ['regime', 'dueAt'],
    ['channel', 'dueAt'],
    'receivedAt',
    ['conversationId', 'receivedAt'],
  ],
};

/**
 * v0 → v1: v0 kept one `deadline` date. 59-FZ practice needs two (docs/DOMAIN.md, "Counting days"): the
 * legal deadline and the internal control date, shifted by the organisation's rule. A migration has
 * no production calendar, so both take the old date, the only one the document knew; deadlines are
 * server-owned, and the server recomputes the control date on its next write of the appeal.
 */
export function migrateAppealV0toV1(old: AppealV0): AppealV1 {
  const { deadline, ...rest } = old;
  return { ...rest, legalDeadline: deadline, controlDate: deadline };
}

/**
 * v1 → v2: the резолюция (co-executors, internal comments, tasks), the reason of the last assignment
 * and the link to an earlier appeal this one repeats. A v1 document had none of them.
 */
export function migrateAppealV1toV2(old: AppealV1): AppealV2 {
  return { ...old, repeatOf: null, coExecutorIds: [], comments: [], tasks: [], assignmentNote: null };
}

/**
 * v2 → v3: the triage suggestion (issue 13). It is the server's; a copy made before it has none, and
 * the server's documents got none either (migration 390), so both sides keep the same document.
 */
export function migrateAppealV2toV3(old: AppealV2): Appeal {
  return { ...old, triage: null };
}

export const appealMigrationStrategies: MigrationStrategies = {
  1: migrateAppealV0toV1,
  2: migrateAppealV1toV2,
  3: migrateAppealV2toV3,
};
