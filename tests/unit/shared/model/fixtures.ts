import type {
  AnswerTemplate,
  Appeal,
  Conversation,
  Department,
  Message,
  Organisation,
  RefusedChange,
  UserProfile,
} from '../../../../shared/model';
import { defaultOrganisationSettings, noDueAt } from '../../../../shared/model';
import { postalPrintRequired } from '../../../../shared/model/conversation';
import type { AppealV0, AppealV1, AppealV2, AppealV3, OrganisationV0 } from '../../../../shared/schemas';
import type { OknoDocTypes } from '../../../../shared/schemas/collections';

const at = Date.UTC(2025, 3, 1, 9, 30);

export function appealFixture(overrides: Partial<Appeal> = {}): Appeal {
  return {
    id: 'appeal-1',
    orgId: 'org-1',
    regime: 'formal',
    channel: 'vk',
    urgent: false,
    kind: {
      collective: false,
      applicantType: 'citizen',
      form: 'complaint',
      organisationName: null,
      inn: null,
      coSigners: [],
      complaintAgainst: 'МУП «Водоканал»',
    },
    applicant: {
      applicantId: 'applicant-1',
      name: { lastName: 'Иванова', firstName: 'Мария', patronymic: 'Петровна' },
      contacts: { phone: '+79161234567', email: null, postalAddress: 'г. Тверь, ул. Советская, д. 1, кв. 2' },
      identification: 'social-passport',
      passportMasked: '45 ** ***456',
      nameMatch: { verdict: 'match', profileName: 'Мария Иванова', checkedAt: at },
    },
    subject: 'Нет горячей воды',
    text: 'Третью неделю нет горячей воды в доме 1 по ул. Советской.',
    attachments: [{ id: 'file-1', name: 'фото.jpg', mimeType: 'image/jpeg', size: 123_456 }],
    category: 'utilities',
    subcategory: 'utilities.hot-water',
    classifierCode: null,
    departmentId: 'dept-housing',
    assigneeId: '',
    status: 'registered',
    registrationNumber: '15/2025',
    receivedAt: at,
    registeredAt: at + 3_600_000,
    dueAt: Date.UTC(2025, 4, 2, 20, 59, 59, 999),
    legalDeadline: '2025-05-02',
    controlDate: '2025-05-02',
    interimAnsweredAt: null,
    documentsRequestedAt: null,
    extendedAt: null,
    answeredAt: null,
    closedAt: null,
    extension: null,
    result: null,
    art11Outcome: null,
    outcomeNote: null,
    conversationId: 'conversation-1',
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
    updatedAt: at,
    ...overrides,
  };
}

export function appealV3Fixture(id: string): AppealV3 {
  const {
    problemId: _problem,
    sourcePost: _post,
    territoryId: _territory,
    verdict: _verdict,
    ...rest
  } = appealFixture({ id });
  return rest;
}

export function appealV2Fixture(id: string): AppealV2 {
  const { triage: _triage, ...rest } = appealV3Fixture(id);
  return rest;
}

export function appealV1Fixture(id: string): AppealV1 {
  const {
    repeatOf: _repeat,
    coExecutorIds: _coExecutors,
    comments: _comments,
    tasks: _tasks,
    assignmentNote: _note,
    ...rest
  } = appealV2Fixture(id);
  return rest;
}

export function appealV0Fixture(id: string, deadline: string | null): AppealV0 {
  const { legalDeadline: _legal, controlDate: _control, ...rest } = appealV1Fixture(id);
  return { ...rest, deadline, dueAt: deadline === null ? noDueAt : rest.dueAt };
}

const organisation: Organisation = {
  id: 'org-1',
  name: 'Администрация города Твери',
  settings: {
    ...defaultOrganisationSettings,
    portalTermDays: { roads: 7 },
    calendarYears: [
      {
        year: 2028,
        edition: '2027.09.01',
        dayOffs: ['01-01', '01-10'],
        shortened: ['02-22'],
        workingWeekends: [],
        transfers: { '01-10': '01-01' },
      },
    ],
  },
  updatedAt: at,
};

export function organisationV0Fixture(id: string): OrganisationV0 {
  const { calendarYears: _calendars, ...settings } = organisation.settings;
  return { ...organisation, id, settings };
}

const message: Message = {
  id: 'message-1',
  orgId: 'org-1',
  conversationId: 'conversation-1',
  appealId: '',
  direction: 'in',
  author: { kind: 'applicant', userId: null, displayName: 'Мария Иванова' },
  text: 'Здравствуйте! 👋 <b>Нет воды</b>',
  attachments: [
    {
      id: 'file-2',
      name: 'scan.pdf',
      mimeType: 'application/pdf',
      size: 1024,
      sha256: 'a'.repeat(64),
    },
  ],
  createdAt: at,
  replyVia: null,
  deliveryStatus: 'delivered',
  deliveryError: null,
  updatedAt: at,
};

/** An answer by post, as the server stores it: pending until the official marks the letter mailed. */
export function postalAnswerFixture(overrides: Partial<Message> = {}): Message {
  return {
    id: 'message-1',
    orgId: 'org-1',
    conversationId: '',
    appealId: 'appeal-1',
    direction: 'out',
    author: { kind: 'staff', userId: 'user-op', displayName: 'Сотрудник' },
    text: 'Ответ почтовым письмом.',
    attachments: [],
    createdAt: at,
    replyVia: 'post',
    deliveryStatus: 'pending',
    deliveryError: postalPrintRequired,
    updatedAt: at,
    ...overrides,
  };
}

const conversation: Conversation = {
  id: 'conversation-1',
  orgId: 'org-1',
  channel: 'telegram',
  peer: { chatId: '123456789', userId: '123456789', communityId: 'okno_tver_bot' },
  applicantId: '',
  applicantDisplayName: 'Мария Иванова',
  subject: 'Горячая вода',
  lastMessageAt: at,
  updatedAt: at,
};

const department: Department = {
  id: 'dept-housing',
  orgId: 'org-1',
  name: 'Управление ЖКХ',
  code: 'ЖКХ',
  disabled: false,
  updatedAt: at,
};

const user: UserProfile = {
  id: 'user-1',
  orgId: 'org-1',
  displayName: 'Петров П. П.',
  role: 'head',
  departmentIds: ['dept-housing'],
  updatedAt: at,
};

const answerTemplate: AnswerTemplate = {
  id: 'template-1',
  orgId: 'org-1',
  title: 'Разъяснение о сроках ремонта',
  body: 'Уважаемый(ая) {{applicantName}}! Ваше обращение № {{registrationNumber}} рассмотрено.',
  categoryCode: 'roads',
  departmentId: 'dept-1',
  authorId: 'user-1',
  personal: false,
  updatedAt: at,
};

const refusedChange: RefusedChange = {
  id: 'appeals-appeal-1-1',
  collectionName: 'appeals',
  documentId: 'appeal-1',
  reason: { code: 'domain:transition.notOwnDepartment', params: { action: 'answer' } },
  content: { id: 'appeal-1', status: 'answered' },
  at,
};

/** One valid document per collection. */
export const validDocuments: { [K in keyof OknoDocTypes]: OknoDocTypes[K] } = {
  appeals: appealFixture(),
  messages: message,
  conversations: conversation,
  departments: department,
  users: user,
  organisations: organisation,
  answerTemplates: answerTemplate,
  refusedChanges: refusedChange,
};

/** One invalid variant per collection, each breaking a different rule. */
export const invalidDocuments: { [K in keyof OknoDocTypes]: object } = {
  // A full passport number must never reach a desktop.
  appeals: appealFixture({
    applicant: { ...appealFixture().applicant, passportMasked: '45 03 123456' },
  }),
  messages: { ...message, deliveryStatus: 'lost' },
  conversations: { ...conversation, channel: 'icq' },
  departments: { ...department, name: undefined },
  users: { ...user, role: 'root' },
  organisations: { ...organisation, settings: { ...organisation.settings, deadlineShiftRule: 'nearest' } },
  answerTemplates: { ...answerTemplate, unexpected: true },
  refusedChanges: { ...refusedChange, at: -1 },
};
