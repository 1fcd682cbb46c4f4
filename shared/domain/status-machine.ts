/**
 * The status machine of appeals: which statuses each regime has, which actions move an appeal between
 * them, and who may perform each action. The desktop uses it to offer only legal actions and to apply
 * them locally; the server runs the same function on every pushed change and refuses what it rejects
 * (docs/ARCHITECTURE.md, "Authority"). Pure: no clock unless the caller omits `now`, no I/O, never throws.
 *
 * Public API (stable):
 * - `applyAction(appeal, action, actor, payload?, now?)` → `Result<Transition>`
 * - `availableActions(appeal, actor)` → the actions `applyAction` would accept with a valid payload
 * - `statusesOf(regime)`, `initialStatus(regime)`, `isClosed(status)`, `transitionTable`
 *
 * Decisions:
 * - An extension is not a status: an extended appeal is still in progress (or waiting for documents),
 *   and `extension` + `extendedAt` record it. 59-FZ allows it once, by up to 30 days, formal only.
 * - Closed statuses: `closed`, `forwarded` (sent to the competent body; closed for us), `merged`
 *   (a duplicate), `converted` (an incident that became a formal appeal). Only supervisors and admins
 *   reopen, and a converted incident is never reopened: its formal appeal carries the work on.
 * - Every formal appeal is registered before anything else happens to it (59-FZ art. 8), and only the
 *   server registers (it issues the number), acting as the system actor. System actors perform no
 *   staff actions.
 * - A head's management actions (assign, reassign, extend, forward, terminate, formal merge) are
 *   limited to appeals of the head's own departments; a head may also route an unrouted appeal into
 *   one of them (assign with `departmentId`). Supervisors and admins act across the organisation.
 *   Reassign moves an appeal to another department and clears the assignee; the receiving head assigns.
 * - Fields the deadline engine owns (`dueAt`, `legalDeadline`, `controlDate`) are not touched here:
 *   the caller recomputes them after registration, extension and closure.
 * - The payload is also what the audit log records (e.g. the reason for reopening).
 */
import type { Appeal, AppealKind } from '../model/appeal';
import { idPattern } from '../model/primitives';
import { managerRoles, organisationWideRoles } from '../model/roles';
import {
  type AppealStatus,
  type Art11Outcome,
  appealStatuses,
  art11Outcomes,
  type Regime,
  type Role,
  regimes,
  roles,
} from '../model/vocabulary';
import { parseQuestionCode } from './classifier/code';
import { type ClosingResult, isClosingResult, type SstuResult } from './classifier/results';
import { maxExtensionDays } from './deadlines';
import { type DomainError, fail, ok, type Result } from './result';

export type { AppealStatus, Regime, Role } from '../model/vocabulary';

export const appealActions = [
  'take',
  'assign',
  'reassign',
  'register',
  'request_documents',
  'receive_documents',
  'extend',
  'forward',
  'answer_interim',
  'answer',
  'close',
  'apply_art11',
  'terminate_correspondence',
  'merge_duplicate',
  'convert_to_formal',
  'reopen',
  'withdraw',
  'close_non_incident',
] as const;
export type AppealAction = (typeof appealActions)[number];

/** Art. 11 outcomes set through `apply_art11`; termination has its own action because only heads decide it. */
export type Art11ActionOutcome = Exclude<Art11Outcome, 'correspondence_terminated'>;

/** What each action needs. `undefined`: nothing (any payload given is ignored). */
export interface ActionPayloads {
  take: undefined;
  /** `departmentId` routes an unrouted appeal; it may not differ from an existing department (use reassign). */
  assign: { assigneeId: string; departmentId?: string };
  reassign: { departmentId: string };
  register: { registrationNumber: string };
  request_documents: undefined;
  receive_documents: undefined;
  extend: { days: number; reason: string };
  forward: { bodyName: string };
  answer_interim: undefined;
  answer: undefined;
  /** `classifierCode` (question level) is required for formal appeals. */
  close: { result: ClosingResult; classifierCode?: string };
  /** `note` is required for `answer_published_link` (the link). */
  apply_art11: { outcome: Art11ActionOutcome; note?: string; classifierCode?: string };
  terminate_correspondence: { reason: string; classifierCode?: string };
  merge_duplicate: { targetId: string };
  convert_to_formal: { formalAppealId: string };
  reopen: { reason: string };
  /** The applicant's withdrawal statement as recorded (when, through which channel, the reason given). */
  withdraw: { note: string };
  close_non_incident: undefined;
}

/** Who acts: a staff member in a role, or the server itself (`system`). */
export interface Actor {
  role: Role;
  system?: boolean;
  /** Needed to take an appeal (it becomes the assignee). */
  userId?: string;
  /** The departments a head heads; without them a head's management actions are refused. */
  departmentIds?: readonly string[];
}

/** The part of an appeal the machine reads. A full `Appeal` fits. */
export type TransitionSubject = Pick<
  Appeal,
  'id' | 'regime' | 'status' | 'departmentId' | 'assigneeId' | 'extension'
> & {
  kind?: Pick<AppealKind, 'form' | 'complaintAgainst'>;
};

/** Fields an action may change; null clears a field (e.g. on reopening). */
export type AppealChanges = Partial<
  Pick<
    Appeal,
    | 'assigneeId'
    | 'departmentId'
    | 'registrationNumber'
    | 'registeredAt'
    | 'interimAnsweredAt'
    | 'documentsRequestedAt'
    | 'extendedAt'
    | 'answeredAt'
    | 'closedAt'
    | 'extension'
    | 'result'
    | 'art11Outcome'
    | 'outcomeNote'
    | 'classifierCode'
    | 'duplicateOf'
    | 'forwardedTo'
    | 'convertedToId'
  >
>;

export interface Transition {
  status: AppealStatus;
  changes: AppealChanges;
}

export interface TransitionRule {
  /** Status before → status after. An action is legal only from the listed statuses. */
  moves: Partial<Record<AppealStatus, AppealStatus>>;
  roles: readonly Role[];
  /** Performed only by the server (system actor). */
  system?: true;
}

const staff = roles;
const managers: readonly Role[] = managerRoles;
const overseers: readonly Role[] = organisationWideRoles;

const to = (target: AppealStatus, ...from: AppealStatus[]) =>
  Object.fromEntries(from.map((status) => [status, target])) as Partial<Record<AppealStatus, AppealStatus>>;
const same = (...statuses: AppealStatus[]) =>
  Object.fromEntries(statuses.map((status) => [status, status])) as Partial<
    Record<AppealStatus, AppealStatus>
  >;

export const closedStatuses = [
  'closed',
  'forwarded',
  'merged',
  'converted',
] as const satisfies readonly AppealStatus[];

/** Statuses of appeals still being worked on: every status but the closed ones. */
export const openStatuses: readonly AppealStatus[] = appealStatuses.filter(
  (status) => !(closedStatuses as readonly AppealStatus[]).includes(status),
);

const regimeStatuses: Record<Regime, readonly AppealStatus[]> = {
  incident: ['new', 'in_progress', 'interim_answered', 'answered', 'closed', 'merged', 'converted'],
  portal: ['new', 'in_progress', 'answered', 'closed', 'merged'],
  formal: [
    'received',
    'registered',
    'in_progress',
    'documents_requested',
    'answered',
    'closed',
    'forwarded',
    'merged',
  ],
};

const initialStatuses: Record<Regime, AppealStatus> = { incident: 'new', portal: 'new', formal: 'received' };

export const transitionTable: Record<Regime, Partial<Record<AppealAction, TransitionRule>>> = {
  incident: {
    take: { moves: to('in_progress', 'new', 'in_progress'), roles: staff },
    assign: {
      moves: { ...to('in_progress', 'new', 'in_progress'), ...same('interim_answered') },
      roles: managers,
    },
    reassign: { moves: same('new', 'in_progress', 'interim_answered'), roles: managers },
    answer_interim: { moves: to('interim_answered', 'in_progress'), roles: staff },
    answer: { moves: to('answered', 'in_progress', 'interim_answered'), roles: staff },
    close: { moves: to('closed', 'answered'), roles: staff },
    merge_duplicate: { moves: to('merged', 'new', 'in_progress', 'interim_answered'), roles: staff },
    convert_to_formal: {
      moves: to('converted', 'new', 'in_progress', 'interim_answered', 'answered'),
      roles: staff,
    },
    reopen: { moves: to('in_progress', 'closed', 'merged'), roles: overseers },
    // A message that is not an incident (thanks, greetings, chatter, a question for information,
    // advertising, abuse: issue 13's triage) is closed as it came, by a person who confirms it; a
    // reopening puts it back into work.
    close_non_incident: { moves: to('closed', 'new'), roles: staff },
  },
  portal: {
    take: { moves: to('in_progress', 'new', 'in_progress'), roles: staff },
    assign: { moves: to('in_progress', 'new', 'in_progress'), roles: managers },
    reassign: { moves: same('new', 'in_progress'), roles: managers },
    answer: { moves: to('answered', 'in_progress'), roles: staff },
    close: { moves: to('closed', 'answered'), roles: staff },
    merge_duplicate: { moves: to('merged', 'new', 'in_progress'), roles: staff },
    reopen: { moves: to('in_progress', 'closed', 'merged'), roles: overseers },
  },
  formal: {
    register: { moves: to('registered', 'received'), roles: staff, system: true },
    take: { moves: to('in_progress', 'registered', 'in_progress'), roles: staff },
    assign: {
      moves: { ...to('in_progress', 'registered', 'in_progress'), ...same('documents_requested') },
      roles: managers,
    },
    reassign: { moves: same('registered', 'in_progress', 'documents_requested'), roles: managers },
    request_documents: { moves: to('documents_requested', 'in_progress'), roles: staff },
    receive_documents: { moves: to('in_progress', 'documents_requested'), roles: staff },
    extend: { moves: same('registered', 'in_progress', 'documents_requested'), roles: managers },
    forward: { moves: to('forwarded', 'registered', 'in_progress', 'documents_requested'), roles: managers },
    answer: { moves: to('answered', 'in_progress', 'documents_requested'), roles: staff },
    close: { moves: to('closed', 'answered'), roles: staff },
    apply_art11: { moves: to('closed', 'registered', 'in_progress', 'documents_requested'), roles: staff },
    terminate_correspondence: {
      moves: to('closed', 'registered', 'in_progress', 'documents_requested'),
      roles: managers,
    },
    merge_duplicate: {
      moves: to('merged', 'registered', 'in_progress', 'documents_requested'),
      roles: managers,
    },
    reopen: { moves: to('in_progress', 'closed', 'forwarded', 'merged'), roles: overseers },
    // The applicant's own statement ends the consideration (docs/DOMAIN.md, "Withdrawal"): the server
    // records it as it arrives through the bot; staff never perform it.
    withdraw: {
      moves: to('closed', 'registered', 'in_progress', 'documents_requested'),
      roles: staff,
      system: true,
    },
  },
};

const maxReasonLength = 2000;
const maxBodyNameLength = 300;
const maxRegistrationNumberLength = 40;

/** The ССТУ result an art. 11 outcome is reported with. */
const art11Results: Record<Art11Outcome, SstuResult> = {
  no_answer: 'left_without_answer',
  unreadable: 'left_without_answer',
  left_without_answer_obscene: 'left_without_answer',
  returned: 'answered_to_author',
  answer_published_link: 'answered_to_author',
  secret: 'answered_to_author',
  correspondence_terminated: 'answered_to_author',
};

export function statusesOf(regime: Regime): readonly AppealStatus[] {
  return regimeStatuses[regime];
}

export function initialStatus(regime: Regime): AppealStatus {
  return initialStatuses[regime];
}

export function isClosed(status: AppealStatus): boolean {
  return (closedStatuses as readonly AppealStatus[]).includes(status);
}

/** The actions this actor may perform on this appeal now (given a valid payload), in `appealActions` order. */
export function availableActions(appeal: TransitionSubject, actor: Actor): AppealAction[] {
  return appealActions.filter((action) => checkPermission(appeal, action, actor).ok);
}

/**
 * Applies an action: the new status and the fields to change, or an error whose code is an i18n key
 * (`domain:transition.*`) with parameters. `now` stamps the change (epoch ms).
 */
export function applyAction<A extends AppealAction>(
  appeal: TransitionSubject,
  action: A,
  actor: Actor,
  payload?: ActionPayloads[A],
  now: number = Date.now(),
): Result<Transition> {
  const permitted = checkPermission(appeal, action, actor);
  if (!permitted.ok) return permitted;
  const changes = buildChanges(appeal, action, actor, payload, now);
  if (!changes.ok) return changes;
  return ok({ status: permitted.value, changes: changes.value });
}

type Failure = { ok: false; error: DomainError };

/** Everything but the payload: the action exists, the status allows it, the actor may do it. Returns the target status. */
function checkPermission(appeal: TransitionSubject, action: unknown, actor: Actor): Result<AppealStatus> {
  const shape = checkShapes(appeal, action, actor);
  if (shape) return shape;
  const name = action as AppealAction;
  const { regime, status } = appeal;
  const rule = transitionTable[regime][name];
  if (!rule) return fail('domain:transition.notInRegime', { action: name, regime });
  if (isClosed(status) && name !== 'reopen')
    return fail('domain:transition.appealClosed', { action: name, status });
  const target = rule.moves[status];
  if (!target) return fail('domain:transition.notAllowed', { action: name, status, regime });
  if (rule.system && actor.system !== true) return fail('domain:transition.systemOnly', { action: name });
  if (!rule.system && actor.system === true) return fail('domain:transition.staffOnly', { action: name });
  if (!rule.roles.includes(actor.role))
    return fail('domain:transition.roleNotAllowed', { action: name, role: actor.role });
  if (actor.role === 'head' && !rule.roles.includes('operator') && !headMayManage(appeal, name, actor)) {
    return fail('domain:transition.notOwnDepartment', { action: name });
  }
  const state = checkState(appeal, name, actor);
  return state ?? ok(target);
}

function checkShapes(appeal: TransitionSubject, action: unknown, actor: Actor): Failure | undefined {
  if (typeof appeal !== 'object' || appeal === null) return fail('domain:transition.invalidAppeal');
  if (!isOneOf(regimes, appeal.regime) || !regimeStatuses[appeal.regime].includes(appeal.status)) {
    return fail('domain:transition.invalidAppeal');
  }
  if (!isOneOf(appealActions, action))
    return fail('domain:transition.unknownAction', { action: printable(action) });
  if (typeof actor !== 'object' || actor === null || !isOneOf(roles, actor.role)) {
    return fail('domain:transition.unknownActor');
  }
  return undefined;
}

function headMayManage(appeal: TransitionSubject, action: AppealAction, actor: Actor): boolean {
  const own = Array.isArray(actor.departmentIds) ? actor.departmentIds : [];
  // An unrouted appeal may be routed into one of the head's departments (checked with the payload).
  if (appeal.departmentId === '') return action === 'assign' && own.length > 0;
  return own.includes(appeal.departmentId);
}

function checkState(appeal: TransitionSubject, action: AppealAction, actor: Actor): Failure | undefined {
  if (action === 'take') {
    if (typeof actor.userId !== 'string' || !isId(actor.userId))
      return fail('domain:transition.actorIdRequired');
    if (appeal.assigneeId !== '') return fail('domain:transition.alreadyAssigned');
  }
  if (action === 'extend' && appeal.extension !== null) return fail('domain:transition.alreadyExtended');
  return undefined;
}

function buildChanges(
  appeal: TransitionSubject,
  action: AppealAction,
  actor: Actor,
  payload: unknown,
  now: number,
): Result<AppealChanges> {
  switch (action) {
    case 'take':
      return ok({ assigneeId: actor.userId! });
    case 'request_documents':
      return ok({ documentsRequestedAt: now });
    case 'receive_documents':
      return ok({});
    case 'answer_interim':
      return ok({ interimAnsweredAt: now });
    case 'answer':
      return ok({ answeredAt: now });
    case 'close_non_incident':
      return ok({ result: 'left_without_answer', closedAt: now });
    default:
      return withPayload(payload, (fields) => payloadChanges(appeal, action, actor, fields, now));
  }
}

function payloadChanges(
  appeal: TransitionSubject,
  action: AppealAction,
  actor: Actor,
  fields: Record<string, unknown>,
  now: number,
): Result<AppealChanges> {
  switch (action) {
    case 'assign':
      return assign(appeal, actor, fields);
    case 'reassign':
      return reassign(appeal, fields);
    case 'register':
      return map(
        readName(fields.registrationNumber, 'registrationNumber', maxRegistrationNumberLength),
        (number) => ({
          registrationNumber: number,
          registeredAt: now,
        }),
      );
    case 'extend':
      return extend(fields, now);
    case 'forward':
      return forward(appeal, fields, now);
    case 'close':
      return close(appeal, fields, now);
    case 'apply_art11':
      return applyArt11(fields, now);
    case 'terminate_correspondence':
      return terminate(fields, now);
    case 'merge_duplicate':
      return map(readOtherId(appeal, fields.targetId, 'targetId'), (targetId) => ({
        duplicateOf: targetId,
        closedAt: now,
      }));
    case 'convert_to_formal':
      return map(readOtherId(appeal, fields.formalAppealId, 'formalAppealId'), (id) => ({
        convertedToId: id,
        closedAt: now,
      }));
    case 'withdraw':
      return map(readText(fields.note, 'note', maxReasonLength), (note) => ({
        result: 'left_without_answer' as const,
        art11Outcome: null,
        outcomeNote: note,
        closedAt: now,
      }));
    case 'reopen':
      return map(readText(fields.reason, 'reason', maxReasonLength), () => ({
        closedAt: null,
        answeredAt: null,
        result: null,
        art11Outcome: null,
        outcomeNote: null,
        duplicateOf: null,
        forwardedTo: null,
      }));
    default:
      return fail('domain:transition.unknownAction', { action });
  }
}

function assign(
  appeal: TransitionSubject,
  actor: Actor,
  fields: Record<string, unknown>,
): Result<AppealChanges> {
  const assigneeId = readId(fields.assigneeId, 'assigneeId');
  if (!assigneeId.ok) return assigneeId;
  if (fields.departmentId === undefined) {
    if (appeal.departmentId === '') return fail('domain:transition.departmentRequired');
    return ok({ assigneeId: assigneeId.value });
  }
  const departmentId = readId(fields.departmentId, 'departmentId');
  if (!departmentId.ok) return departmentId;
  if (appeal.departmentId !== '' && departmentId.value !== appeal.departmentId)
    return fail('domain:transition.useReassign');
  if (actor.role === 'head' && !(actor.departmentIds ?? []).includes(departmentId.value)) {
    return fail('domain:transition.notOwnDepartment', { action: 'assign' });
  }
  return ok({ assigneeId: assigneeId.value, departmentId: departmentId.value });
}

function reassign(appeal: TransitionSubject, fields: Record<string, unknown>): Result<AppealChanges> {
  const departmentId = readId(fields.departmentId, 'departmentId');
  if (!departmentId.ok) return departmentId;
  if (departmentId.value === appeal.departmentId) return fail('domain:transition.sameDepartment');
  return ok({ departmentId: departmentId.value, assigneeId: '' });
}

function extend(fields: Record<string, unknown>, now: number): Result<AppealChanges> {
  const { days } = fields;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > maxExtensionDays) {
    return fail('domain:transition.extensionDays', { max: maxExtensionDays });
  }
  const reason = readText(fields.reason, 'reason', maxReasonLength);
  if (!reason.ok) return reason;
  return ok({ extension: { days, reason: reason.value, noticeQueuedAt: null }, extendedAt: now });
}

function forward(
  appeal: TransitionSubject,
  fields: Record<string, unknown>,
  now: number,
): Result<AppealChanges> {
  const bodyName = readName(fields.bodyName, 'bodyName', maxBodyNameLength);
  if (!bodyName.ok) return bodyName;
  // 59-FZ art. 8 part 6: a complaint is never sent to the body or official it complains about.
  const against = appeal.kind?.complaintAgainst;
  if (appeal.kind?.form === 'complaint' && typeof against === 'string' && sameBody(against, bodyName.value)) {
    return fail('domain:transition.forwardToComplainedBody');
  }
  return ok({
    forwardedTo: { bodyName: bodyName.value, at: now },
    result: 'forwarded_by_competence',
    closedAt: now,
  });
}

function close(
  appeal: TransitionSubject,
  fields: Record<string, unknown>,
  now: number,
): Result<AppealChanges> {
  if (!isClosingResult(fields.result)) return fail('domain:transition.resultInvalid');
  const code = readClassifierCode(fields.classifierCode, appeal.regime === 'formal');
  if (!code.ok) return code;
  return ok({ result: fields.result, closedAt: now, ...code.value });
}

function applyArt11(fields: Record<string, unknown>, now: number): Result<AppealChanges> {
  const { outcome } = fields;
  if (outcome === 'correspondence_terminated') return fail('domain:transition.useTerminate');
  if (!isOneOf(art11Outcomes, outcome)) return fail('domain:transition.art11OutcomeInvalid');
  let outcomeNote: string | null = null;
  if (fields.note !== undefined || outcome === 'answer_published_link') {
    const note = readText(fields.note, 'note', maxReasonLength);
    if (!note.ok) return note;
    outcomeNote = note.value;
  }
  const code = readClassifierCode(fields.classifierCode, false);
  if (!code.ok) return code;
  return ok({
    art11Outcome: outcome,
    result: art11Results[outcome],
    outcomeNote,
    closedAt: now,
    ...code.value,
  });
}

function terminate(fields: Record<string, unknown>, now: number): Result<AppealChanges> {
  const reason = readText(fields.reason, 'reason', maxReasonLength);
  if (!reason.ok) return reason;
  const code = readClassifierCode(fields.classifierCode, false);
  if (!code.ok) return code;
  return ok({
    art11Outcome: 'correspondence_terminated',
    result: art11Results.correspondence_terminated,
    outcomeNote: reason.value,
    closedAt: now,
    ...code.value,
  });
}

// ── payload readers: untrusted input in, a value or a typed error out ──

function withPayload<T>(payload: unknown, use: (fields: Record<string, unknown>) => Result<T>): Result<T> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return fail('domain:transition.payloadInvalid');
  }
  return use(payload as Record<string, unknown>);
}

function map<T, U>(result: Result<T>, next: (value: T) => U): Result<U> {
  return result.ok ? ok(next(result.value)) : result;
}

const idRegExp = new RegExp(idPattern);
const isId = (value: string) => idRegExp.test(value);

function readId(value: unknown, field: string): Result<string> {
  return typeof value === 'string' && isId(value)
    ? ok(value)
    : fail('domain:transition.idInvalid', { field });
}

function readOtherId(appeal: TransitionSubject, value: unknown, field: string): Result<string> {
  const id = readId(value, field);
  if (id.ok && id.value === appeal.id) return fail('domain:transition.sameAppeal', { field });
  return id;
}

/** Control characters other than tab and line breaks, or a lone surrogate half (text that is not well-formed). */
function hasForbiddenCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if ((unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d) || unit === 0x7f) return true;
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i += 1;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return true;
  }
  return false;
}

/** A free-text field: trimmed, not empty, bounded, without control characters. Returns the trimmed text. */
function readText(value: unknown, field: string, max: number): Result<string> {
  if (typeof value !== 'string' || value.trim() === '')
    return fail('domain:transition.textRequired', { field });
  const text = value.trim();
  if (text.length > max) return fail('domain:transition.textTooLong', { field, max });
  if (hasForbiddenCharacters(text)) return fail('domain:transition.textInvalid', { field });
  return ok(text);
}

// Names of bodies and registration numbers: letters, digits, spaces and the punctuation they use.
const namePattern = /^[\p{L}\p{N} «»"'.,()\-–—№/]+$/u;

/** A name-like field (a body's name, a registration number): text limited to the characters names use. */
function readName(value: unknown, field: string, max: number): Result<string> {
  const text = readText(value, field, max);
  if (text.ok && !namePattern.test(text.value)) return fail('domain:transition.textInvalid', { field });
  return text;
}

function readClassifierCode(value: unknown, required: boolean): Result<{ classifierCode?: string }> {
  if (value === undefined) return required ? fail('domain:transition.classifierRequired') : ok({});
  const code = parseQuestionCode(value);
  return code.ok ? ok({ classifierCode: code.value.code }) : fail('domain:transition.classifierInvalid');
}

const normaliseBody = (name: string) =>
  name
    .toLocaleLowerCase('ru')
    .replace(/[«»"'`.,]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
const sameBody = (a: string, b: string) => normaliseBody(a) === normaliseBody(b);

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function printable(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, 40) : typeof value;
}
