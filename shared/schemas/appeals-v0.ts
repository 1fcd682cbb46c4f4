import type { RxJsonSchema } from 'rxdb';
import { sstuResults } from '../domain/classifier/results';
import type { Appeal } from '../model/appeal';
import type { CalendarDate } from '../model/primitives';
import {
  appealForms,
  appealStatuses,
  applicantTypes,
  art11Outcomes,
  channels,
  regimes,
} from '../model/vocabulary';
import {
  arrayField,
  attachmentsField,
  booleanField,
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

/**
 * HISTORY — do not edit. The appeals schema as version 0 stored it, kept so that RxDB can open a
 * desktop database written by v0 and migrate it (`appealMigrationStrategies`). Its fingerprint is
 * pinned in tests/unit/shared/schemas.history.test.ts.
 */
export type AppealV0 = Omit<
  Appeal,
  | 'legalDeadline'
  | 'controlDate'
  | 'repeatOf'
  | 'coExecutorIds'
  | 'comments'
  | 'tasks'
  | 'assignmentNote'
  | 'triage'
  | 'problemId'
  | 'sourcePost'
  | 'territoryId'
  | 'verdict'
> & {
  /** The single deadline date of v0. */
  deadline: CalendarDate | null;
};

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
  classifierCode: { type: ['string', 'null'], pattern: '^\\d{4}(\\.\\d{4}){3,4}$', maxLength: 24 },
  departmentId: idField,
  assigneeId: idField,
  status: enumField(appealStatuses),
  registrationNumber: nullableTextField(40),
  receivedAt: epochMsField,
  registeredAt: nullableEpochMsField,
  dueAt: epochMsField,
  deadline: nullableCalendarDateField,
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
  updatedAt: epochMsField,
} as const satisfies RxJsonSchema<AppealV0>['properties'];

export const appealSchemaV0: RxJsonSchema<AppealV0> = {
  title: 'appeals',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties,
  required: Object.keys(properties) as (keyof AppealV0)[],
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
