/**
 * The generated authorisation matrix: every role (from the shared vocabulary) × own / other
 * department × every replicated collection (pull, push, stream) and every HTTP route (read from
 * Fastify's route table, so a new route without a declared policy fails here) × read / write, plus
 * a caller without a token and an admin of another organisation.
 *
 * The expected allow / deny comes from the small policy tables below — what the product promises
 * (server/src/sync/README.md "Scope", server/README.md), not what the server code does. Every case
 * checks: the status the policy implies (never a 5xx), no document of a foreign scope and no marker
 * of foreign content in any answer, and no write stored out of scope. It prints how many cases ran.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createDepartment } from '../../../server/src/accounts/departments';
import { createUser } from '../../../server/src/accounts/users';
import { organisationWideRoles } from '../../../server/src/auth/roles';
import { createChannelAccount } from '../../../server/src/channels/accounts';
import { inTransaction } from '../../../server/src/db/pool';
import { issueLetter } from '../../../server/src/letters/issue';
import { writeServerDocs } from '../../../server/src/sync/server-writes';
import { createTerritory } from '../../../server/src/territories/store';
import { ReleaseFiles, releasesDir } from '../../../server/src/updates/release-files';
import { publishRelease } from '../../../server/src/updates/releases';
import { type Role, roles } from '../../../shared/model/vocabulary';
import {
  localOnlyCollectionNames,
  type OknoCollectionName,
  replicatedCollectionNames,
} from '../../../shared/schemas/collections';
import {
  loginAs,
  seedTestOrg,
  startTestServer,
  type TestOrg,
  type TestServer,
  testPassword,
} from '../setup/db';
import { type RouteEntry, routeTable } from '../setup/routes';
import { type Json, openStream, pushRows, type SyncTarget } from '../sync/client';
import { createAppeals, masterOf, newFormalAppeal } from '../sync/fixtures';
import { releaseFolder } from '../updates/release-fixture';

// ── The policy ─────────────────────────────────────────────────────────────────────────────────

/** What a role reaches: the whole organisation, its own departments' documents, or nothing. */
type Scope = 'organisation' | 'ownDepartments' | 'none';
type RoleScopes = Record<Role, Scope>;

const everyone: RoleScopes = {
  operator: 'organisation',
  head: 'organisation',
  supervisor: 'organisation',
  admin: 'organisation',
};
const nobody: RoleScopes = { operator: 'none', head: 'none', supervisor: 'none', admin: 'none' };
const byDepartment: RoleScopes = {
  operator: 'ownDepartments',
  head: 'ownDepartments',
  supervisor: 'organisation',
  admin: 'organisation',
};
/** Heads in their own departments and the organisation-wide roles (revealing personal data). */
const headsAndAbove: RoleScopes = { ...byDepartment, operator: 'none' };
/** The organisation-wide roles only (server/src/auth/roles.ts organisationWideRoles). */
const organisationWide: RoleScopes = { ...nobody, supervisor: 'organisation', admin: 'organisation' };
const adminOnly: RoleScopes = { ...nobody, admin: 'organisation' };

interface CollectionPolicy {
  /** Served by the server at all (local-only collections are not). */
  served: boolean;
  read: RoleScopes;
  /** Creating and editing documents (messages: creating a staff answer; sent messages are immutable). */
  write: RoleScopes;
  /** Fields only the server sets: a client's value is never stored, whoever pushes it. */
  serverOwned?: string[];
}

const collectionPolicy: Record<OknoCollectionName, CollectionPolicy> = {
  appeals: {
    served: true,
    read: byDepartment,
    write: byDepartment,
    // The conversation link decides who sees a chat and whom a channel answer reaches.
    // The triage suggestion is the server's (issue 13): a forged one would route by its department.
    serverOwned: ['conversationId', 'registrationNumber', 'legalDeadline', 'triage'],
  },
  messages: { served: true, read: byDepartment, write: byDepartment },
  conversations: { served: true, read: byDepartment, write: nobody },
  departments: { served: true, read: everyone, write: nobody },
  users: { served: true, read: everyone, write: nobody },
  organisations: { served: true, read: everyone, write: nobody },
  answerTemplates: {
    served: true,
    read: everyone,
    // The documents tried here are the organisation's shared templates: supervisors' and administrators'
    // (a head writes its departments' ones, an operator personal ones: tests/integration/sync/answer-templates.test.ts).
    write: organisationWide,
  },
  refusedChanges: { served: false, read: nobody, write: nobody },
};

type RouteAccess =
  /** Anyone, no token. */
  | { kind: 'public' }
  /** A network's or portal source's own secret; no user's token opens it. */
  | { kind: 'secret' }
  /** Any signed-in user, about themselves. */
  | { kind: 'signedIn' }
  /**
   * By role, about: a department's document (`department`); an applicant, who belongs to every
   * department with an appeal of theirs (`applicant`); a resource of this organisation
   * (`organisation`); or the caller's own organisation (`own`).
   */
  | { kind: 'scoped'; scopes: RoleScopes; target: 'department' | 'applicant' | 'organisation' | 'own' }
  /** The replication routes: the collection matrix below. */
  | { kind: 'sync' };

interface RoutePolicy {
  access: RouteAccess;
  /** Whether the route changes something; reads are tried before and again after every write. */
  effect: 'read' | 'write';
  /** Every refused attempt by a signed-in caller appends this audit action. */
  auditsRefusals?: string;
  /** Statuses that mean "allowed" besides 2xx (e.g. 400 for the deliberately invalid body sent). */
  alsoAllowed?: number[];
}

/** A route reached by role (`RouteAccess` kind `scoped`). */
const scoped = (
  effect: RoutePolicy['effect'],
  target: Extract<RouteAccess, { kind: 'scoped' }>['target'],
  scopes: RoleScopes,
  more: Pick<RoutePolicy, 'auditsRefusals' | 'alsoAllowed'> = {},
): RoutePolicy => ({ effect, access: { kind: 'scoped', target, scopes }, ...more });

const routePolicy: Record<string, RoutePolicy> = {
  'GET /health': { effect: 'read', access: { kind: 'public' } },
  'GET /ready': { effect: 'read', access: { kind: 'public' } },
  'POST /api/v1/auth/login': { effect: 'write', access: { kind: 'signedIn' } },
  'POST /api/v1/auth/refresh': { effect: 'write', access: { kind: 'signedIn' } },
  'POST /api/v1/auth/password': { effect: 'write', access: { kind: 'signedIn' } },
  'POST /api/v1/auth/logout': { effect: 'write', access: { kind: 'signedIn' } },
  'GET /api/v1/me': { effect: 'read', access: { kind: 'signedIn' } },
  'POST /api/v1/applicants/:id/passport/reveal': scoped('read', 'applicant', headsAndAbove, {
    auditsRefusals: 'passport.reveal_denied',
  }),
  'GET /api/v1/appeals/:id/history': scoped('read', 'department', byDepartment),
  'POST /api/v1/appeals/:id/passport': scoped('write', 'department', byDepartment),
  'GET /api/v1/appeals/:id/co-signers': scoped('read', 'department', byDepartment),
  'POST /api/v1/appeals/:id/co-signers/reveal': scoped('read', 'department', headsAndAbove, {
    auditsRefusals: 'co_signers.reveal_denied',
  }),
  'GET /api/v1/appeals/:id/applicant-appeals': scoped('read', 'department', byDepartment),
  /** Matching by contacts: every role, answered from the caller's own scope only. */
  'POST /api/v1/applicants/appeals': scoped('read', 'own', everyone),
  /** The appeal marked a repeat of itself: 409 `not_same_applicant` once the caller may see it. */
  'POST /api/v1/appeals/:id/repeat': scoped('write', 'department', byDepartment, { alsoAllowed: [409] }),
  'DELETE /api/v1/appeals/:id/repeat': scoped('write', 'department', byDepartment),
  /** «Написать лично» (issue 13): 409 `not_a_comment` once the caller may see the appeal (none came from a comment). */
  'POST /api/v1/appeals/:id/comment-invitation': scoped('write', 'department', byDepartment, {
    alsoAllowed: [409],
  }),
  /** Problem groups (issue 13): about the appeals they hold; a group of none of the caller's appeals is 404. */
  'GET /api/v1/appeals/:id/problem-candidates': scoped('read', 'department', byDepartment),
  'GET /api/v1/problems/:id': scoped('read', 'department', byDepartment),
  /** The appeal named twice: 400 `too_few_appeals` once the caller may see it. */
  'POST /api/v1/problems': scoped('write', 'department', byDepartment, { alsoAllowed: [400] }),
  'DELETE /api/v1/problems/:id/members/:appealId': scoped('write', 'department', byDepartment),
  /** 409 `nothing_to_answer` when the seeded appeal's status takes no answer. */
  'POST /api/v1/problems/:id/answer': scoped('write', 'department', byDepartment, { alsoAllowed: [409] }),
  /** Letters (issue 10): listed, issued and downloaded by whoever may see the appeal. */
  'GET /api/v1/appeals/:id/letters': scoped('read', 'department', byDepartment),
  'POST /api/v1/appeals/:id/letters': scoped('write', 'department', byDepartment, { alsoAllowed: [409] }),
  'GET /api/v1/appeals/:id/letters/:letterId/:format': scoped('read', 'department', byDepartment),
  /** An appeal's files (issue 10): opened and uploaded by whoever may see the appeal. */
  'GET /api/v1/appeals/:id/files/:fileId': scoped('read', 'department', byDepartment),
  'POST /api/v1/appeals/:id/files': scoped('write', 'department', byDepartment),
  /** A scan of a reception or postal appeal (issue 10): uploaded by whoever may see the appeal. */
  'POST /api/v1/appeals/:id/scans': scoped('write', 'department', byDepartment),
  /** The archive search: every role, answered from the caller's own scope only. */
  'GET /api/v1/archive/appeals': scoped('read', 'own', everyone),
  /** Triage (issue 13): accuracy and automatic routing are the organisation's supervisors' and admins'. */
  'GET /api/v1/triage/accuracy': scoped('read', 'own', organisationWide),
  'GET /api/v1/triage/auto-routing': scoped('read', 'own', organisationWide),
  /** The model for offline suggestions (issue 13): every role, the caller's own organisation's learner. */
  'GET /api/v1/triage/desktop-model': scoped('read', 'own', everyone),
  'GET /api/v1/triage/desktop-learner': scoped('read', 'own', everyone),
  'PUT /api/v1/triage/auto-routing/:category': scoped('write', 'own', organisationWide),
  /** An automatic routing of this organisation's appeal: another organisation's caller finds none (404). */
  'POST /api/v1/triage/auto-routing/decisions/:appealId/undo': scoped(
    'write',
    'organisation',
    organisationWide,
  ),
  /** «Подсказки» (triage/control-routes.ts): the organisation's own mapping, decisions and accuracy. */
  'GET /api/v1/triage/category-map': scoped('read', 'own', organisationWide),
  'PUT /api/v1/triage/category-map': scoped('write', 'own', organisationWide),
  'DELETE /api/v1/triage/category-map': scoped('write', 'own', organisationWide),
  'PUT /api/v1/triage/category-map/department': scoped('write', 'own', organisationWide),
  'DELETE /api/v1/triage/category-map/department': scoped('write', 'own', organisationWide),
  'GET /api/v1/triage/accuracy/departments': scoped('read', 'own', organisationWide),
  'GET /api/v1/triage/auto-routing/decisions': scoped('read', 'own', organisationWide),
  /** «Организация» (server/src/admin/organisation.ts): the caller's own organisation, its administrators. */
  'GET /api/v1/admin/organisation': scoped('read', 'own', adminOnly),
  'PATCH /api/v1/admin/organisation': scoped('write', 'own', adminOnly),
  'GET /api/v1/admin/calendars': scoped('read', 'own', adminOnly),
  'POST /api/v1/admin/calendars': scoped('write', 'own', adminOnly, { alsoAllowed: [400] }),
  /** Staff administration (server/src/admin/routes.ts): this organisation's administrators only. */
  'GET /api/v1/admin/users': scoped('read', 'own', adminOnly),
  'POST /api/v1/admin/users': scoped('write', 'own', adminOnly),
  'PATCH /api/v1/admin/users/:id': scoped('write', 'organisation', adminOnly),
  'POST /api/v1/admin/users/:id/password': scoped('write', 'organisation', adminOnly),
  'GET /api/v1/admin/users/:id/sessions': scoped('read', 'organisation', adminOnly),
  'POST /api/v1/admin/users/:id/sessions/end': scoped('write', 'organisation', adminOnly),
  'GET /api/v1/admin/departments': scoped('read', 'own', adminOnly),
  'POST /api/v1/admin/departments': scoped('write', 'own', adminOnly),
  'PATCH /api/v1/admin/departments/:id': scoped('write', 'organisation', adminOnly),
  'GET /api/v1/admin/journal': scoped('read', 'own', adminOnly),
  /** Channel accounts (server/src/admin/channels.ts): this organisation's administrators only. */
  'GET /api/v1/admin/channels': scoped('read', 'own', adminOnly),
  'POST /api/v1/admin/channels': scoped('write', 'own', adminOnly),
  'PATCH /api/v1/admin/channels/:id': scoped('write', 'organisation', adminOnly),
  'POST /api/v1/admin/channels/:id/check': scoped('write', 'organisation', adminOnly),
  /** «Бланк и подписи», «Классификатор» (server/src/admin/letterhead.ts, classifier.ts): own organisation's administrators. */
  'GET /api/v1/admin/letterhead': scoped('read', 'own', adminOnly),
  'PUT /api/v1/admin/letterhead': scoped('write', 'own', adminOnly),
  // No logo until one is put: 404; a logo before the letterhead is saved: 409.
  'GET /api/v1/admin/letterhead/logo': scoped('read', 'own', adminOnly, { alsoAllowed: [404] }),
  'PUT /api/v1/admin/letterhead/logo': scoped('write', 'own', adminOnly, { alsoAllowed: [409] }),
  'DELETE /api/v1/admin/letterhead/logo': scoped('write', 'own', adminOnly),
  'GET /api/v1/admin/letterhead/preview.pdf': scoped('read', 'own', adminOnly),
  'GET /api/v1/admin/classifier': scoped('read', 'own', adminOnly),
  'PUT /api/v1/admin/classifier': scoped('write', 'own', adminOnly),
  'POST /api/v1/admin/classifier/import': scoped('write', 'own', adminOnly),
  /** The organisation's classifier edition, for every desktop of its staff. */
  'GET /api/v1/classifier': scoped('read', 'own', everyone),
  /** Territories (server/src/territories): the administrators of the organisation; a file row refused is 400. */
  'GET /api/v1/admin/territories': scoped('read', 'own', adminOnly),
  'POST /api/v1/admin/territories': scoped('write', 'own', adminOnly),
  'PATCH /api/v1/admin/territories/:id': scoped('write', 'organisation', adminOnly),
  'POST /api/v1/admin/territories/:id/delete': scoped('write', 'organisation', adminOnly),
  'POST /api/v1/admin/territories/import': scoped('write', 'own', adminOnly),
  /** «Аналитика» (server/src/control): heads their departments' appeals, the organisation-wide roles all; alerts are theirs. */
  'GET /api/v1/control/dashboard': scoped('read', 'own', headsAndAbove),
  'GET /api/v1/control/appeals': scoped('read', 'own', headsAndAbove),
  'GET /api/v1/control/alerts': scoped('read', 'own', organisationWide),
  /** Reports (server/src/reports): heads their departments, supervisors and administrators the organisation; a month
   * is made final by the organisation-wide roles only (409 on the sample edition or with codes to correct). */
  'GET /api/v1/reports/sstu': scoped('read', 'own', headsAndAbove),
  'GET /api/v1/reports/sstu.xlsx': scoped('read', 'own', headsAndAbove),
  'POST /api/v1/reports/sstu/final': scoped('write', 'own', organisationWide, { alsoAllowed: [409] }),
  'GET /api/v1/reports/on-time': scoped('read', 'own', headsAndAbove),
  'GET /api/v1/reports/on-time.xlsx': scoped('read', 'own', headsAndAbove),
  /** Answer quality (server/src/quality, issue 14): approval rules and «Ответ не помог» are the organisation-wide roles';
   * answers awaiting approval are decided by a head of their department or those roles. */
  'GET /api/v1/quality/approval-rules': scoped('read', 'own', organisationWide),
  'PUT /api/v1/quality/approval-rules': scoped('write', 'own', organisationWide),
  'GET /api/v1/quality/approvals': scoped('read', 'own', headsAndAbove),
  'POST /api/v1/quality/approvals/:id/approve': scoped('write', 'department', headsAndAbove),
  'POST /api/v1/quality/approvals/:id/return': scoped('write', 'department', headsAndAbove),
  'GET /api/v1/quality/verdicts': scoped('read', 'own', organisationWide),
  'POST /api/v1/quality/verdicts/:id/decision': scoped('write', 'organisation', organisationWide),
  'GET /api/v1/quality/summary': scoped('read', 'own', organisationWide),
  'GET /api/v1/quality/summary/appeals': scoped('read', 'own', organisationWide),
  /** The brush-off phrases: every official reads them (the composer's checks), the organisation-wide roles set them. */
  'GET /api/v1/quality/brush-off': scoped('read', 'own', everyone),
  'PUT /api/v1/quality/brush-off': scoped('write', 'own', organisationWide),
  // The citizen's «Помог ли ответ?» page: public, opened only by the signed one-use token of its letter.
  'GET /verdict': { effect: 'read', access: { kind: 'secret' } },
  'POST /verdict': { effect: 'write', access: { kind: 'secret' } },
  'POST /api/v1/channels/vk/:token': { effect: 'write', access: { kind: 'secret' } },
  'POST /api/v1/channels/telegram/:token': { effect: 'write', access: { kind: 'secret' } },
  'POST /api/v1/channels/max/:token': { effect: 'write', access: { kind: 'secret' } },
  'POST /api/v1/channels/ok/:token': { effect: 'write', access: { kind: 'secret' } },
  'POST /api/v1/intake/portal': { effect: 'write', access: { kind: 'secret' } },
  'POST /api/v1/intake/portal/import': scoped('write', 'organisation', organisationWide),
  /** Desktop releases (server/src/updates): uploaded, rolled out and withdrawn by this organisation's
   * administrators; an unknown upload is refused (400), a withdrawn release refuses a change (409). */
  'GET /api/v1/admin/releases': scoped('read', 'own', adminOnly),
  'POST /api/v1/admin/releases/uploads': scoped('write', 'own', adminOnly),
  'POST /api/v1/admin/releases': scoped('write', 'own', adminOnly, { alsoAllowed: [400] }),
  'PATCH /api/v1/admin/releases/:id': scoped('write', 'organisation', adminOnly, { alsoAllowed: [409] }),
  'POST /api/v1/admin/releases/:id/withdraw': scoped('write', 'organisation', adminOnly, {
    alsoAllowed: [409],
  }),
  /** The update feed: every desktop of the organisation; once the release is withdrawn, none is offered (404). */
  'GET /api/v1/updates/status': scoped('read', 'own', everyone),
  'GET /api/v1/updates/:platform/:file': scoped('read', 'own', everyone, { alsoAllowed: [404] }),
  'GET /api/v1/updates/:platform/files/:version/:name': scoped('read', 'own', everyone, {
    alsoAllowed: [404],
  }),
  'GET /api/v1/updates/desktops': scoped('read', 'own', organisationWide),
  'GET /api/v1/sync/:collection/pull': { effect: 'read', access: { kind: 'sync' } },
  'POST /api/v1/sync/:collection/push': { effect: 'write', access: { kind: 'sync' } },
  'GET /api/v1/sync/:collection/stream': { effect: 'read', access: { kind: 'sync' } },
};

// ── The world: this organisation (departments d1, d2), another one, callers ─────────────────────

type Dept = 'd1' | 'd2';
const otherDept = (dept: Dept): Dept => (dept === 'd1' ? 'd2' : 'd1');
/** Who a document belongs to: a department of this organisation, the whole of it, or another one. */
type Owner = Dept | 'org' | 'other';

interface Caller {
  name: string;
  /** null: no token. */
  role: Role | null;
  /** The admin of another organisation. */
  stranger: boolean;
  target: SyncTarget;
  login?: { login: string; password: string; id: string };
}

let server: TestServer;
let org: TestOrg;
let other: TestOrg;
let callers: Caller[];
let supervisor: SyncTarget;
const tag = randomUUID().slice(0, 6);
/** `collection/id` → owner, for every document this test made (and the seeded accounts). */
const owners = new Map<string, Owner>();
const own = (collection: string, id: string, owner: Owner) => owners.set(`${collection}/${id}`, owner);
const marker = (owner: Owner) => `MARK-${owner}-${tag}`;
const passports: Record<Dept, { series: string; number: string }> = {
  d1: { series: '4610', number: '271828' },
  d2: { series: '4620', number: '314159' },
};
/**
 * The departments each seeded applicant belongs to: their own, and any department an allowed caller
 * linked them into by recording the same passport on one of its appeals.
 */
const applicantDepts: Record<Dept, Set<Dept>> = { d1: new Set(['d1']), d2: new Set(['d2']) };
const data = {
  appeal: {} as Record<Dept, string>,
  conversation: {} as Record<Dept, string>,
  applicant: {} as Record<Dept, string>,
  template: '',
  portalAccount: '',
  release: { id: '', version: '', file: '' },
  /** A fresh reception appeal per caller and department, for the passport route. */
  receptionAppeal: new Map<string, string>(),
};

/** The departments' documents a role sees: d1 is every department-bound caller's own, d2 the other. */
function ownersVisible(caller: Caller, scope: Scope): Owner[] {
  if (caller.stranger) return ['other'];
  if (scope === 'organisation') return ['d1', 'd2', 'org'];
  if (scope === 'ownDepartments') return ['d1'];
  return [];
}
const scopeOf = (caller: Caller, scopes: RoleScopes): Scope =>
  caller.role === null ? 'none' : scopes[caller.role];

/**
 * Markers of content the caller may not see: texts of foreign scopes, their applicants' ids, and
 * passport numbers (only an allowed reveal shows one).
 */
function forbiddenMarkers(readable: Owner[]): string[] {
  const all: Owner[] = ['d1', 'd2', 'org', 'other'];
  return [
    ...all.filter((o) => !readable.includes(o)).map(marker),
    // Another department's applicant id tells that a passport is on file there.
    ...(['d1', 'd2'] as const)
      .filter((d) => ![...applicantDepts[d]].some((x) => readable.includes(x)))
      .map((d) => data.applicant[d]),
    passports.d1.number,
    passports.d2.number,
  ];
}
/** What a caller may read of department-scoped data (appeals and what hangs on them). */
const readableContent = (caller: Caller): Owner[] =>
  caller.stranger ? ['other'] : caller.role === null ? [] : ownersVisible(caller, byDepartment[caller.role]);

// ── Bookkeeping ────────────────────────────────────────────────────────────────────────────────

interface Outcome {
  cases: number;
  leaks: string[];
  wrong: string[];
  serverErrors: string[];
}
const outcome: Outcome = { cases: 0, leaks: [], wrong: [], serverErrors: [] };

function record(
  name: string,
  status: number,
  allowed: boolean,
  body: string,
  forbidden: string[],
  alsoAllowed: number[] = [],
) {
  outcome.cases += 1;
  if (status >= 500) outcome.serverErrors.push(`${name}: ${status} ${body.slice(0, 200)}`);
  const ok = (status >= 200 && status < 300) || alsoAllowed.includes(status);
  if (allowed && !ok) outcome.wrong.push(`${name}: expected allowed, got ${status} ${body.slice(0, 200)}`);
  if (!allowed && ok) outcome.leaks.push(`${name}: expected refused, got ${status} ${body.slice(0, 200)}`);
  if (!allowed && status < 400) outcome.wrong.push(`${name}: expected 4xx, got ${status}`);
  for (const secret of forbidden) {
    if (body.includes(secret)) outcome.leaks.push(`${name}: answer contains ${secret}`);
  }
}

function checkDocuments(name: string, collection: string, docs: Json[], readable: Owner[]) {
  for (const doc of docs) {
    const id = String(doc.id ?? doc.passportId);
    const owner = owners.get(`${collection}/${id}`);
    if (!owner) outcome.leaks.push(`${name}: delivered unknown ${collection}/${id}`);
    else if (!readable.includes(owner))
      outcome.leaks.push(`${name}: delivered ${collection}/${id} of ${owner}`);
  }
}

// ── Setup ──────────────────────────────────────────────────────────────────────────────────────

async function seedContent(target: SyncTarget, orgId: string, dept: { id: string }, owner: Owner) {
  const conversationId = `conv-${owner}-${tag}`;
  await writeServerDocs(server.pool, 'conversations', orgId, [conversationDoc(orgId, conversationId, owner)]);
  own('conversations', conversationId, owner);
  const appeal = newFormalAppeal(orgId, dept.id, {
    conversationId,
    subject: `${marker(owner)} тема`,
    text: `${marker(owner)} текст`,
  });
  await createAppeals(server.pool, target, [appeal]);
  own('appeals', appeal.id, owner);
  const inbound = messageDoc(orgId, appeal.id, conversationId, owner);
  await writeServerDocs(server.pool, 'messages', orgId, [inbound]);
  own('messages', inbound.id, owner);
  return { appealId: appeal.id, conversationId };
}

function conversationDoc(orgId: string, id: string, owner: Owner) {
  return {
    id,
    orgId,
    channel: 'vk',
    peer: { chatId: `chat-${id}`, userId: null, communityId: null },
    applicantId: '',
    applicantDisplayName: `${marker(owner)} Мария`,
    subject: `${marker(owner)} беседа`,
    lastMessageAt: Date.now(),
    updatedAt: Date.now(),
    _deleted: false,
  };
}

function messageDoc(orgId: string, appealId: string, conversationId: string, owner: Owner) {
  return {
    id: randomUUID(),
    orgId,
    conversationId,
    appealId,
    direction: 'in',
    author: { kind: 'applicant', userId: null, displayName: 'Мария' },
    text: `${marker(owner)} сообщение`,
    attachments: [],
    createdAt: Date.now(),
    replyVia: null,
    deliveryStatus: 'delivered',
    deliveryError: null,
    updatedAt: Date.now(),
    _deleted: false,
  };
}

/** A reception appeal identified in person, with `passport`'s masked form, no applicant yet. */
async function receptionAppeal(dept: Dept, passport: { series: string; number: string }): Promise<string> {
  const appeal = newFormalAppeal(org.organisation.id, org.departments[dept].id, {
    channel: 'reception',
    subject: `${marker(dept)} приём`,
  });
  appeal.applicant = {
    ...appeal.applicant,
    identification: 'in-person-document',
    passportMasked: `${passport.series.slice(0, 2)} ** ***${passport.number.slice(3)}`,
  };
  await createAppeals(server.pool, supervisor, [appeal]);
  own('appeals', appeal.id, dept);
  return appeal.id;
}

beforeAll(async () => {
  server = await startTestServer();
  org = await seedTestOrg(server.pool);
  other = await seedTestOrg(server.pool);
  const orgId = org.organisation.id;
  supervisor = { url: server.url, headers: (await loginAs(server, org.users.supervisor)).headers };
  for (const user of Object.values(org.users)) own('users', user.id, 'org');
  for (const user of Object.values(other.users)) own('users', user.id, 'other');
  for (const d of Object.values(org.departments)) own('departments', d.id, 'org');
  for (const d of Object.values(other.departments)) own('departments', d.id, 'other');
  own('organisations', orgId, 'org');
  own('organisations', other.organisation.id, 'other');

  // One caller per role (department-bound roles in d1), none, and another organisation's admin.
  callers = [];
  for (const role of roles) {
    const login = `matrix-${role}-${tag}`;
    const orgWide = organisationWideRoles.includes(role);
    const { user } = await createUser(server.pool, {
      orgId,
      login,
      displayName: `Матрица ${role}`,
      role,
      departments: orgWide ? [] : [org.departments.d1.id],
      password: testPassword,
    });
    own('users', user.id, 'org');
    const session = await loginAs(server, { login, password: testPassword });
    callers.push({
      name: role,
      role,
      stranger: false,
      target: { url: server.url, headers: session.headers },
      login: { login, password: testPassword, id: user.id },
    });
  }
  callers.push({ name: 'no token', role: null, stranger: false, target: { url: server.url, headers: {} } });
  const strangerSession = await loginAs(server, other.users.admin);
  callers.push({
    name: 'admin of another organisation',
    role: 'admin',
    stranger: true,
    target: { url: server.url, headers: strangerSession.headers },
    login: { login: other.users.admin.login, password: testPassword, id: other.users.admin.id },
  });

  for (const dept of ['d1', 'd2'] as const) {
    const seeded = await seedContent(supervisor, orgId, org.departments[dept], dept);
    data.appeal[dept] = seeded.appealId;
    data.conversation[dept] = seeded.conversationId;
    const reception = await receptionAppeal(dept, passports[dept]);
    const recorded = await fetch(`${server.url}/api/v1/appeals/${reception}/passport`, {
      method: 'POST',
      headers: { ...supervisor.headers, 'content-type': 'application/json' },
      body: JSON.stringify(passports[dept]),
    });
    data.applicant[dept] = ((await recorded.json()) as Json).applicantId;
  }
  // The passport route is tried, for each caller and department, with the passport the *other*
  // department already has on file: recording it must neither disclose nor link that applicant.
  for (const dept of ['d1', 'd2'] as const) {
    for (const caller of callers) {
      data.receptionAppeal.set(
        `${caller.name}/${dept}`,
        await receptionAppeal(dept, passports[otherDept(dept)]),
      );
    }
  }
  const otherSupervisor = {
    url: server.url,
    headers: (await loginAs(server, other.users.supervisor)).headers,
  };
  await seedContent(otherSupervisor, other.organisation.id, other.departments.d1, 'other');
  data.template = randomUUID();
  await pushRows(supervisor, 'answerTemplates', [{ newDocumentState: templateDoc(data.template, 'org') }]);
  own('answerTemplates', data.template, 'org');
  const otherTemplate = randomUUID();
  await pushRows(otherSupervisor, 'answerTemplates', [
    { newDocumentState: templateDoc(otherTemplate, 'other') },
  ]);
  own('answerTemplates', otherTemplate, 'other');
  const portal = await createChannelAccount(server.pool, {
    orgId,
    network: 'portal',
    accountId: `portal-${tag}`,
    defaultDepartmentId: org.departments.d1.id,
    apiKey: `portal-key-${tag}-0123456789`,
  });
  data.portalAccount = portal.id;
  // A release of this organisation (the feed's and the release routes' target), published like the CLI does.
  const folder = releaseFolder('1.0.0');
  const files = new ReleaseFiles(releasesDir(server.config.dataDir));
  const names = Object.keys(folder.bytes).concat(['latest.yml', 'latest-linux.yml']);
  const candidates = await Promise.all(
    names.map(async (name) => {
      const path = join(folder.dir, name);
      return { name, path, digest: await files.digestOf(path), upload: false };
    }),
  );
  const release = await publishRelease(server.pool, files, {
    orgId: org.organisation.id,
    actorUserId: null,
    files: candidates,
  });
  data.release = { id: release.id, version: release.version, file: 'Okno-Setup-1.0.0.exe' };
});

afterAll(async () => {
  console.log(
    `authorisation matrix: ${outcome.cases} cases, ${outcome.leaks.length} leaks, ` +
      `${outcome.wrong.length} wrong answers, ${outcome.serverErrors.length} answers of 5xx`,
  );
  await server?.close();
});

function templateDoc(id: string, owner: Owner) {
  return {
    id,
    orgId: owner === 'other' ? other.organisation.id : org.organisation.id,
    title: `${marker(owner)} шаблон`,
    body: 'Уважаемый заявитель!',
    categoryCode: null,
    departmentId: null,
    authorId: null,
    personal: false,
    updatedAt: Date.now(),
    _deleted: false,
  };
}

function expectClean(label: string) {
  expect({ label, leaks: outcome.leaks, wrong: outcome.wrong, serverErrors: outcome.serverErrors }).toEqual({
    label,
    leaks: [],
    wrong: [],
    serverErrors: [],
  });
}

const servedCollections = () =>
  (Object.keys(collectionPolicy) as OknoCollectionName[]).filter((c) => collectionPolicy[c].served);

// ── Replicated collections ─────────────────────────────────────────────────────────────────────

describe('replicated collections', () => {
  it('declares a policy for every desktop collection, and serves exactly the replicated ones', () => {
    expect(Object.keys(collectionPolicy).sort()).toEqual(
      [...replicatedCollectionNames, ...localOnlyCollectionNames].sort(),
    );
    expect(servedCollections().sort()).toEqual([...replicatedCollectionNames].sort());
  });

  it('pull: each caller gets exactly the documents of its scope', async () => {
    await pullMatrix('pull');
    expectClean('pull');
  });

  it('push: a write is stored exactly when the policy allows it, and answers leak nothing', async () => {
    await pushMatrix();
    expectClean('push');
  });

  it('pull after every attempted write: still exactly the documents of each scope', async () => {
    await pullMatrix('pull after writes');
    expectClean('pull after writes');
  });

  it('stream: each caller receives the live changes of its scope and nothing else', async () => {
    await streamMatrix();
    expectClean('stream');
  });
});

async function pullMatrix(label: string): Promise<void> {
  for (const caller of callers) {
    for (const collection of Object.keys(collectionPolicy) as OknoCollectionName[]) {
      const policy = collectionPolicy[collection];
      const name = `${label} ${collection} as ${caller.name}`;
      const scope = caller.stranger ? 'organisation' : scopeOf(caller, policy.read);
      const readable = ownersVisible(caller, scope);
      const allowed = policy.served && caller.role !== null && scope !== 'none';
      const response = await fetch(`${server.url}/api/v1/sync/${collection}/pull?limit=1000`, {
        headers: caller.target.headers,
      });
      const text = await response.text();
      record(name, response.status, allowed, text, forbiddenMarkers(readable));
      if (response.status !== 200) continue;
      const docs = JSON.parse(text).documents as Json[];
      checkDocuments(name, collection, docs, readable);
      // Not a leak, but a matrix that allows nothing proves nothing: the scope's own documents arrive.
      const ids = new Set(docs.map((d) => String(d.id)));
      for (const [key, owner] of owners) {
        const [of, id] = key.split('/') as [string, string];
        if (of === collection && readable.includes(owner) && !ids.has(id))
          outcome.wrong.push(`${name}: missing ${key}`);
      }
    }
  }
}

let n = 0;
async function pushMatrix(): Promise<void> {
  for (const caller of callers) {
    const readable = readableContent(caller);
    for (const dept of ['d1', 'd2'] as const) {
      const orgId = org.organisation.id;
      const writes = (collection: OknoCollectionName) => {
        const scope = caller.stranger ? 'none' : scopeOf(caller, collectionPolicy[collection].write);
        return ownersVisible(caller, scope).includes(dept) && caller.role !== null;
      };
      const push = async (collection: string, rows: unknown[], label: string) => {
        const response = await pushRows(caller.target, collection, rows, 'refusals=1');
        const text = JSON.stringify(response.body);
        const name = `push ${collection} ${label} (${dept}) as ${caller.name}`;
        // A refused row is a 200 with a refusal: judge by what was stored (below), not by status.
        record(name, response.status, caller.role !== null, text, forbiddenMarkers(readable));
        return name;
      };
      const stored = (name: string, allowed: boolean, happened: boolean) => {
        if (allowed && !happened) outcome.wrong.push(`${name}: not stored`);
        if (!allowed && happened) outcome.leaks.push(`${name}: stored out of scope`);
      };

      // Appeals: edit the department's appeal (a caller without the right knows only its id).
      n += 1;
      const appealId = data.appeal[dept];
      const master = await masterOf(server.pool, 'sync_appeals', appealId);
      const mayEditAppeal = writes('appeals');
      const assumed = mayEditAppeal
        ? master
        : { ...newFormalAppeal(orgId, org.departments.d1.id), id: appealId, _deleted: false };
      const subject = `правка ${n}`;
      let name = await push(
        'appeals',
        [{ newDocumentState: { ...assumed, subject }, assumedMasterState: assumed }],
        'edit',
      );
      stored(
        name,
        mayEditAppeal,
        (await masterOf(server.pool, 'sync_appeals', appealId)).subject === subject,
      );

      // Appeals: create one in the department.
      const created = newFormalAppeal(orgId, org.departments[dept].id);
      name = await push('appeals', [{ newDocumentState: { ...created, _deleted: false } }], 'create');
      const createdRow = await server.pool.query('SELECT 1 FROM sync_appeals WHERE org_id = $1 AND id = $2', [
        orgId,
        created.id,
      ]);
      stored(name, mayEditAppeal, (createdRow.rowCount ?? 0) > 0);
      if ((createdRow.rowCount ?? 0) > 0) own('appeals', created.id, dept);

      // Appeals: server-owned fields set by the client (a link to the department's chat, a number)
      // on a new appeal in a department the caller may write — never stored, whoever pushes.
      const ownDept = org.departments[writes('appeals') ? dept : 'd1'].id;
      const forged: Record<string, unknown> = {
        conversationId: data.conversation[dept],
        registrationNumber: `ОГ-1999-${String(n).padStart(6, '0')}`,
        legalDeadline: '1999-01-01',
        triage: {
          at: 1,
          incident: { value: true, confidence: 1, because: ['подделка'] },
          category: [],
          department: [{ value: org.departments[otherDept(dept)].id, confidence: 1, because: ['подделка'] }],
          urgency: { urgent: true, confidence: 1, signs: ['fire'], because: ['подделка'] },
        },
      };
      const linked = { ...newFormalAppeal(orgId, ownDept), ...forged, _deleted: false };
      name = await push('appeals', [{ newDocumentState: linked }], 'create with server-owned fields');
      const linkedRow = await masterOf(server.pool, 'sync_appeals', linked.id);
      if (linkedRow) {
        own('appeals', linked.id, ownDept === org.departments.d1.id ? 'd1' : 'd2');
        for (const field of collectionPolicy.appeals.serverOwned ?? []) {
          if (JSON.stringify(linkedRow[field]) === JSON.stringify(forged[field]))
            outcome.leaks.push(`${name}: stored the client's ${field}`);
        }
      }

      // Messages: a staff answer into the department's appeal, through its chat.
      const mayAnswer = writes('messages');
      const answer = {
        ...messageDoc(orgId, appealId, data.conversation[dept], 'org'),
        text: `ответ ${n}`,
        direction: 'out',
        author: { kind: 'staff', userId: caller.login?.id ?? null, displayName: caller.name },
        replyVia: 'channel',
        deliveryStatus: 'pending',
      };
      name = await push('messages', [{ newDocumentState: answer }], 'create');
      const answerRow = await server.pool.query('SELECT 1 FROM sync_messages WHERE org_id = $1 AND id = $2', [
        orgId,
        answer.id,
      ]);
      stored(name, mayAnswer, (answerRow.rowCount ?? 0) > 0);
      if ((answerRow.rowCount ?? 0) > 0) own('messages', answer.id, dept);

      // Read-only collections: an edit of an existing document of (or about) the department.
      const readOnly: [OknoCollectionName, string, string][] = [
        ['conversations', 'sync_conversations', data.conversation[dept]],
        ['departments', 'sync_departments', org.departments[dept].id],
        ['users', 'sync_users', dept === 'd1' ? org.users.operator1.id : org.users.operator2.id],
        ['organisations', 'sync_organisations', orgId],
      ];
      for (const [collection, table, id] of readOnly) {
        const before = await server.pool.query(
          `SELECT seq, doc FROM ${table} WHERE org_id = $1 AND id = $2`,
          [orgId, id],
        );
        const forged = { id, orgId, name: 'подмена', _deleted: false };
        name = await push(collection, [{ newDocumentState: forged, assumedMasterState: forged }], 'edit');
        const after = await server.pool.query(`SELECT seq, doc FROM ${table} WHERE org_id = $1 AND id = $2`, [
          orgId,
          id,
        ]);
        stored(name, writes(collection), after.rows[0]?.seq !== before.rows[0]?.seq);
      }

      // Answer templates (organisation-wide): create one.
      const template = { ...templateDoc(randomUUID(), 'org'), title: `шаблон ${n}` };
      const mayTemplate = writes('answerTemplates');
      name = await push('answerTemplates', [{ newDocumentState: template }], 'create');
      const templateRow = await server.pool.query(
        'SELECT 1 FROM sync_answer_templates WHERE org_id = $1 AND id = $2',
        [orgId, template.id],
      );
      stored(name, mayTemplate, (templateRow.rowCount ?? 0) > 0);
      if ((templateRow.rowCount ?? 0) > 0) own('answerTemplates', template.id, 'org');
      // Ids are per organisation: another organisation's push makes a template of its own.
      if (caller.stranger) own('answerTemplates', template.id, 'other');
    }
    // Collections the server does not serve.
    for (const collection of localOnlyCollectionNames) {
      const response = await pushRows(caller.target, collection, []);
      record(
        `push ${collection} as ${caller.name}`,
        response.status,
        false,
        JSON.stringify(response.body),
        [],
      );
    }
  }
}

async function streamMatrix(): Promise<void> {
  {
    const received = new Map<string, { ids: Set<string>; text: string[] }>();
    const streams: { close(): void }[] = [];
    for (const caller of callers) {
      for (const collection of Object.keys(collectionPolicy) as OknoCollectionName[]) {
        const key = `${caller.name}/${collection}`;
        const bucket = { ids: new Set<string>(), text: [] as string[] };
        received.set(key, bucket);
        const url = `${server.url}/api/v1/sync/${collection}/stream`;
        const policy = collectionPolicy[collection];
        const allowed = policy.served && caller.role !== null;
        const response = await fetch(url, {
          headers: caller.target.headers,
          signal: AbortSignal.timeout(500),
        })
          .then(async (r) => ({ status: r.status, body: r.ok ? '' : await r.text() }))
          .catch(() => ({ status: 200, body: '' }));
        record(`stream ${collection} as ${caller.name}`, response.status, allowed, response.body, []);
        if (!allowed) continue;
        const stream = openStream(url, caller.target.headers, (message) => {
          if (message === 'RESYNC') return;
          bucket.text.push(JSON.stringify(message));
          for (const doc of (message as Json).documents) bucket.ids.add(String(doc.id));
        });
        await stream.opened;
        streams.push(stream);
      }
    }

    // One change of every collection in each department, the organisation and another organisation.
    const orgId = org.organisation.id;
    const changed: [OknoCollectionName, string][] = [];
    for (const dept of ['d1', 'd2'] as const) {
      const master = await masterOf(server.pool, 'sync_appeals', data.appeal[dept]);
      await pushRows(supervisor, 'appeals', [
        { newDocumentState: { ...master, category: 'roads' }, assumedMasterState: master },
      ]);
      changed.push(['appeals', data.appeal[dept]]);
      const inbound = messageDoc(orgId, data.appeal[dept], data.conversation[dept], dept);
      await writeServerDocs(server.pool, 'messages', orgId, [inbound]);
      own('messages', inbound.id, dept);
      changed.push(['messages', inbound.id]);
      await writeServerDocs(server.pool, 'conversations', orgId, [
        conversationDoc(orgId, data.conversation[dept], dept),
      ]);
      changed.push(['conversations', data.conversation[dept]]);
    }
    for (const target of [org, other]) {
      await server.pool.query('UPDATE departments SET name = name WHERE org_id = $1', [
        target.organisation.id,
      ]);
      await server.pool.query(`UPDATE users SET display_name = display_name || '.' WHERE org_id = $1`, [
        target.organisation.id,
      ]);
      await server.pool.query('UPDATE organisations SET name = name WHERE id = $1', [target.organisation.id]);
    }
    for (const d of Object.values(org.departments)) changed.push(['departments', d.id]);
    changed.push(['users', org.users.operator1.id], ['organisations', orgId]);
    const template = templateDoc(randomUUID(), 'org');
    await pushRows(supervisor, 'answerTemplates', [{ newDocumentState: template }]);
    own('answerTemplates', template.id, 'org');
    changed.push(['answerTemplates', template.id]);
    const otherTemplate = templateDoc(randomUUID(), 'other');
    const otherAdmin = callers.find((c) => c.stranger)!;
    await pushRows(otherAdmin.target, 'answerTemplates', [{ newDocumentState: otherTemplate }]);
    own('answerTemplates', otherTemplate.id, 'other');

    const expected = (caller: Caller, collection: OknoCollectionName) => {
      if (!collectionPolicy[collection].served || caller.role === null) return [];
      if (caller.stranger) return collection === 'answerTemplates' ? [otherTemplate.id] : [];
      const readable = ownersVisible(caller, scopeOf(caller, collectionPolicy[collection].read));
      return changed
        .filter(([c, id]) => c === collection && readable.includes(owners.get(`${c}/${id}`)!))
        .map(([, id]) => id);
    };
    await vi.waitFor(
      () => {
        for (const caller of callers) {
          for (const collection of Object.keys(collectionPolicy) as OknoCollectionName[]) {
            const ids = received.get(`${caller.name}/${collection}`)!.ids;
            for (const id of expected(caller, collection))
              expect(ids, `${caller.name} ${collection}`).toContain(id);
          }
        }
      },
      { timeout: 10_000, interval: 100 },
    );
    for (const stream of streams) stream.close();
    for (const caller of callers) {
      for (const collection of Object.keys(collectionPolicy) as OknoCollectionName[]) {
        const bucket = received.get(`${caller.name}/${collection}`)!;
        const scope = caller.stranger ? 'organisation' : scopeOf(caller, collectionPolicy[collection].read);
        const readable = ownersVisible(caller, scope);
        const name = `stream ${collection} as ${caller.name} (delivered)`;
        outcome.cases += 1;
        checkDocuments(
          name,
          collection,
          [...bucket.ids].map((id) => ({ id })),
          readable,
        );
        for (const secret of forbiddenMarkers(readable)) {
          if (bucket.text.some((t) => t.includes(secret))) outcome.leaks.push(`${name}: contains ${secret}`);
        }
      }
    }
  }
}

// ── HTTP routes ────────────────────────────────────────────────────────────────────────────────

/** The request each route is tried with, for a caller and a department (`method`: GET or HEAD). */
type Attempt = (caller: Caller, dept: Dept, method: string) => Promise<Response>;
/** A problem group holding the department's appeal (seeded again after a test took it apart). */
async function matrixProblem(dept: Dept): Promise<string> {
  const problemId = `matrix-problem-${dept}`;
  await server.pool.query(
    `INSERT INTO problems (org_id, id, created_by) VALUES ($1, $2, 'matrix') ON CONFLICT DO NOTHING`,
    [org.organisation.id, problemId],
  );
  await server.pool.query(
    `INSERT INTO problem_members (org_id, problem_id, appeal_id, added_by) VALUES ($1, $2, $3, 'matrix')
     ON CONFLICT DO NOTHING`,
    [org.organisation.id, problemId, data.appeal[dept]],
  );
  return problemId;
}
const json = (caller: Caller, body: unknown): RequestInit => ({
  method: 'POST',
  headers: { ...caller.target.headers, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const freshSession = async (caller: Caller) => (caller.login ? loginAs(server, caller.login) : null);

/** The user and department of this organisation the administration routes change (made on first use). */
const adminTargets = { user: '', department: '', made: 0 };
async function adminTarget(): Promise<typeof adminTargets> {
  if (adminTargets.user) return adminTargets;
  const orgId = org.organisation.id;
  const { user } = await createUser(server.pool, {
    orgId,
    login: `matrix-target-${tag}`,
    displayName: 'Матрица цель',
    role: 'operator',
    departments: [org.departments.d1.id],
    password: testPassword,
  });
  own('users', user.id, 'org');
  const department = await createDepartment(server.pool, { orgId, code: 'MTX', name: 'Матрица отдел' });
  own('departments', department.id, 'org');
  return Object.assign(adminTargets, { user: user.id, department: department.id });
}
/** A new user or department made by an allowed caller belongs to the caller's organisation. */
async function adminMade(caller: Caller, collection: 'users' | 'departments', response: Response) {
  if (response.status !== 201) return response;
  const body = (await response.clone().json()) as Json;
  const made = (body.user ?? body.department) as Json;
  own(collection, String(made.id), caller.stranger ? 'other' : 'org');
  return response;
}
const patch = (caller: Caller, body: unknown): RequestInit => ({ ...json(caller, body), method: 'PATCH' });
/** A fresh territory of the organisation for each attempt at changing or removing one. */
async function matrixTerritory(): Promise<string> {
  adminTargets.made += 1;
  const territory = await createTerritory(
    server.pool,
    org.organisation.id,
    {
      kind: 'district',
      parentId: null,
      name: `Матрица цель ${adminTargets.made}`,
      variants: [],
      streets: [],
    },
    { userId: null, deviceId: null },
  );
  return territory.id;
}

/** A file on a message of the department's appeal (uploaded by the supervisor; made on first use). */
const appealFiles = new Map<Dept, string>();
async function appealFile(dept: Dept): Promise<string> {
  const made = appealFiles.get(dept);
  if (made) return made;
  const uploaded = await fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/files?name=plan.pdf`, {
    method: 'POST',
    headers: { ...supervisor.headers, 'content-type': 'application/octet-stream' },
    body: '%PDF-1.7 plan',
  });
  const { file } = (await uploaded.json()) as Json;
  const message = {
    ...messageDoc(org.organisation.id, data.appeal[dept], data.conversation[dept], dept),
    attachments: [file],
  };
  await writeServerDocs(server.pool, 'messages', org.organisation.id, [message]);
  own('messages', message.id, dept);
  appealFiles.set(dept, file.id);
  return file.id;
}

/** A receipt letter of the department's appeal (issued on first use). */
const appealLetters = new Map<Dept, string>();
async function appealLetter(dept: Dept): Promise<string> {
  const made = appealLetters.get(dept);
  if (made) return made;
  const { letter } = await inTransaction(server.pool, (tx) =>
    issueLetter(tx, {
      orgId: org.organisation.id,
      appealId: data.appeal[dept],
      kind: 'receipt',
      now: Date.now(),
    }),
  );
  appealLetters.set(dept, letter.id);
  return letter.id;
}

/** A staff answer of the department's appeal held for approval (migration 540's trigger opens its approval). */
async function matrixHeldAnswer(dept: Dept): Promise<string> {
  const id = randomUUID();
  const orgId = org.organisation.id;
  await writeServerDocs(server.pool, 'messages', orgId, [
    {
      ...messageDoc(orgId, data.appeal[dept], data.conversation[dept], dept),
      id,
      direction: 'out',
      author: { kind: 'staff', userId: org.users.operator1.id, displayName: 'Исполнитель' },
      replyVia: 'channel',
      deliveryStatus: 'pending',
      deliveryError: 'quality:approval.awaiting',
    },
  ]);
  own('messages', id, dept);
  return id;
}
/** The citizen's undecided «Нет» on the d1 appeal (decided again by each allowed caller). */
async function matrixUnhelpful(): Promise<string> {
  await server.pool.query(
    `INSERT INTO quality_verdicts (org_id, appeal_id, code, asked_via, value, answered_at)
     VALUES ($1, $2, $3, 'chat', 'no', now())
     ON CONFLICT (org_id, appeal_id) DO UPDATE SET decision = NULL, value = 'no'`,
    [org.organisation.id, data.appeal.d1, randomUUID().replace(/-/g, '').slice(0, 16)],
  );
  return data.appeal.d1;
}
const attempts: Record<string, Attempt> = {
  'GET /health': (c, _d, method) => fetch(`${server.url}/health`, { method, headers: c.target.headers }),
  'GET /ready': (c, _d, method) => fetch(`${server.url}/ready`, { method, headers: c.target.headers }),
  'POST /api/v1/auth/login': (c) =>
    fetch(`${server.url}/api/v1/auth/login`, {
      ...json(
        c,
        c.login ? { login: c.login.login, password: c.login.password } : { login: 'nobody', password: 'x' },
      ),
      headers: { 'content-type': 'application/json' },
    }),
  // The caller's own new password, then the old one back (the other cases sign in with it).
  'POST /api/v1/auth/password': async (c) => {
    const change = (password: string, newPassword: string) =>
      fetch(`${server.url}/api/v1/auth/password`, {
        ...json(c, { login: c.login?.login ?? 'nobody', password, newPassword }),
        headers: { 'content-type': 'application/json' },
      });
    const response = await change(c.login?.password ?? 'x', 'matrix: a password of its own');
    if (c.login && response.ok) await change('matrix: a password of its own', c.login.password);
    return response;
  },
  'POST /api/v1/auth/refresh': async (c) => {
    const session = await freshSession(c);
    return fetch(`${server.url}/api/v1/auth/refresh`, {
      ...json(c, { refreshToken: session?.refreshToken ?? 'rt1.not-a-token' }),
      headers: { 'content-type': 'application/json' },
    });
  },
  'POST /api/v1/auth/logout': async (c) => {
    const session = await freshSession(c);
    return fetch(`${server.url}/api/v1/auth/logout`, { method: 'POST', headers: session?.headers ?? {} });
  },
  'GET /api/v1/me': (c, _d, method) =>
    fetch(`${server.url}/api/v1/me`, { method, headers: c.target.headers }),
  'POST /api/v1/applicants/:id/passport/reveal': (c, dept) =>
    fetch(
      `${server.url}/api/v1/applicants/${data.applicant[dept]}/passport/reveal`,
      json(c, { reason: 'матрица' }),
    ),
  'GET /api/v1/appeals/:id/history': (c, dept, method) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/history`, { method, headers: c.target.headers }),
  'POST /api/v1/appeals/:id/passport': (c, dept) =>
    fetch(
      `${server.url}/api/v1/appeals/${data.receptionAppeal.get(`${c.name}/${dept}`)}/passport`,
      json(c, passports[otherDept(dept)]),
    ),
  'GET /api/v1/appeals/:id/co-signers': (c, dept, method) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/co-signers`, {
      method,
      headers: c.target.headers,
    }),
  'POST /api/v1/appeals/:id/co-signers/reveal': (c, dept) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/co-signers/reveal`, json(c, {})),
  'GET /api/v1/appeals/:id/applicant-appeals': (c, dept, method) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/applicant-appeals`, {
      method,
      headers: c.target.headers,
    }),
  // Every seeded appeal, of both departments and of the other organisation, has this phone.
  'POST /api/v1/applicants/appeals': (c) =>
    fetch(`${server.url}/api/v1/applicants/appeals`, json(c, { phone: '+79161234567', subject: 'тема' })),
  'POST /api/v1/appeals/:id/repeat': (c, dept) =>
    fetch(
      `${server.url}/api/v1/appeals/${data.appeal[dept]}/repeat`,
      json(c, { previousId: data.appeal[dept] }),
    ),
  'GET /api/v1/appeals/:id/problem-candidates': (c, dept, method) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/problem-candidates`, {
      method,
      headers: c.target.headers,
    }),
  'GET /api/v1/problems/:id': async (c, dept, method) =>
    fetch(`${server.url}/api/v1/problems/${await matrixProblem(dept)}`, {
      method,
      headers: c.target.headers,
    }),
  'POST /api/v1/problems': (c, dept) =>
    fetch(`${server.url}/api/v1/problems`, json(c, { appealIds: [data.appeal[dept], data.appeal[dept]] })),
  'DELETE /api/v1/problems/:id/members/:appealId': async (c, dept) =>
    fetch(`${server.url}/api/v1/problems/${await matrixProblem(dept)}/members/${data.appeal[dept]}`, {
      method: 'DELETE',
      headers: c.target.headers,
    }),
  'POST /api/v1/problems/:id/answer': async (c, dept) =>
    fetch(
      `${server.url}/api/v1/problems/${await matrixProblem(dept)}/answer`,
      json(c, { text: 'Ответ всем.' }),
    ),
  'POST /api/v1/appeals/:id/comment-invitation': (c, dept) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/comment-invitation`, json(c, {})),
  'DELETE /api/v1/appeals/:id/repeat': async (c, dept) => {
    // A mark to take back, so an allowed caller is answered 200 and a refused one 403/404.
    await server.pool.query(
      `INSERT INTO appeal_repeats (org_id, appeal_id, previous_id, evidence, marked_by)
       VALUES ($1, $2, $3, '{phone}', 'matrix') ON CONFLICT DO NOTHING`,
      [org.organisation.id, data.appeal[dept], data.appeal[otherDept(dept)]],
    );
    return fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/repeat`, {
      method: 'DELETE',
      headers: c.target.headers,
    });
  },
  'GET /api/v1/appeals/:id/files/:fileId': async (c, dept, method) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/files/${await appealFile(dept)}`, {
      method,
      headers: c.target.headers,
    }),
  'POST /api/v1/appeals/:id/files': (c, dept) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/files?name=${encodeURIComponent('схема.pdf')}`, {
      method: 'POST',
      headers: { ...c.target.headers, 'content-type': 'application/octet-stream' },
      body: '%PDF-1.7 схема',
    }),
  'POST /api/v1/appeals/:id/scans': (c, dept) =>
    fetch(
      `${server.url}/api/v1/appeals/${data.receptionAppeal.get(`${c.name}/${dept}`)}/scans?name=${encodeURIComponent('скан.pdf')}`,
      {
        method: 'POST',
        headers: { ...c.target.headers, 'content-type': 'application/octet-stream' },
        body: '%PDF-1.7 скан заявления',
      },
    ),
  'GET /api/v1/appeals/:id/letters': (c, dept, method) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/letters`, { method, headers: c.target.headers }),
  'POST /api/v1/appeals/:id/letters': (c, dept) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/letters`, json(c, { kind: 'receipt' })),
  'GET /api/v1/appeals/:id/letters/:letterId/:format': async (c, dept, method) =>
    fetch(`${server.url}/api/v1/appeals/${data.appeal[dept]}/letters/${await appealLetter(dept)}/pdf`, {
      method,
      headers: c.target.headers,
    }),
  'GET /api/v1/archive/appeals': (c, _d, method) =>
    fetch(`${server.url}/api/v1/archive/appeals?q=${encodeURIComponent('тема')}`, {
      method,
      headers: c.target.headers,
    }),
  'GET /api/v1/triage/accuracy': (c, _d, method) =>
    fetch(`${server.url}/api/v1/triage/accuracy`, { method, headers: c.target.headers }),
  'GET /api/v1/triage/auto-routing': (c, _d, method) =>
    fetch(`${server.url}/api/v1/triage/auto-routing`, { method, headers: c.target.headers }),
  'GET /api/v1/triage/desktop-model': (c, _d, method) =>
    fetch(`${server.url}/api/v1/triage/desktop-model`, { method, headers: c.target.headers }),
  'GET /api/v1/triage/desktop-learner': (c, _d, method) =>
    fetch(`${server.url}/api/v1/triage/desktop-learner`, { method, headers: c.target.headers }),
  'GET /api/v1/triage/category-map': (c, _d, method) =>
    fetch(`${server.url}/api/v1/triage/category-map`, { method, headers: c.target.headers }),
  'PUT /api/v1/triage/category-map': (c) =>
    fetch(`${server.url}/api/v1/triage/category-map`, {
      ...json(c, { portal: 'Безнадзорные животные', subcategory: 'landscaping.stray-animals' }),
      method: 'PUT',
    }),
  'DELETE /api/v1/triage/category-map': (c) =>
    fetch(`${server.url}/api/v1/triage/category-map?portal=${encodeURIComponent('Безнадзорные животные')}`, {
      method: 'DELETE',
      headers: c.target.headers,
    }),
  'PUT /api/v1/triage/category-map/department': (c) =>
    fetch(`${server.url}/api/v1/triage/category-map/department`, {
      ...json(c, { category: 'landscaping', departmentId: (c.stranger ? other : org).departments.d2.id }),
      method: 'PUT',
    }),
  'DELETE /api/v1/triage/category-map/department': (c) =>
    fetch(`${server.url}/api/v1/triage/category-map/department?category=landscaping`, {
      method: 'DELETE',
      headers: c.target.headers,
    }),
  'GET /api/v1/triage/accuracy/departments': (c, _d, method) =>
    fetch(`${server.url}/api/v1/triage/accuracy/departments`, { method, headers: c.target.headers }),
  'GET /api/v1/triage/auto-routing/decisions': (c, _d, method) =>
    fetch(`${server.url}/api/v1/triage/auto-routing/decisions`, { method, headers: c.target.headers }),
  'PUT /api/v1/triage/auto-routing/:category': (c) =>
    fetch(`${server.url}/api/v1/triage/auto-routing/utilities`, {
      ...json(c, { threshold: 0.9 }),
      method: 'PUT',
    }),
  'POST /api/v1/triage/auto-routing/decisions/:appealId/undo': async (c) => {
    // An automatic decision not yet undone that leaves the appeal where it is (d1 → d1), so an allowed
    // undo answers 200 without moving the world's appeal.
    const d1 = org.departments.d1.id;
    await server.pool.query(
      `INSERT INTO triage_auto_decisions (org_id, appeal_id, decided_at, from_department_id, to_department_id, confidence, threshold)
       VALUES ($1, $2, now(), $3, $3, 0.9, 0.8)
       ON CONFLICT (org_id, appeal_id) DO UPDATE SET undone_at = NULL, undone_by = NULL`,
      [org.organisation.id, data.appeal.d1, d1],
    );
    return fetch(`${server.url}/api/v1/triage/auto-routing/decisions/${data.appeal.d1}/undo`, json(c, {}));
  },
  'GET /api/v1/admin/calendars': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/calendars`, { method, headers: c.target.headers }),
  'POST /api/v1/admin/calendars': (c) =>
    fetch(`${server.url}/api/v1/admin/calendars`, json(c, { xml: '<calendar/>' })),
  'GET /api/v1/admin/users': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/users`, { method, headers: c.target.headers }),
  'POST /api/v1/admin/users': async (c) => {
    adminTargets.made += 1;
    const body = {
      login: `matrix-made-${tag}-${adminTargets.made}`,
      displayName: 'Новый',
      role: 'supervisor',
    };
    return adminMade(c, 'users', await fetch(`${server.url}/api/v1/admin/users`, json(c, body)));
  },
  'PATCH /api/v1/admin/users/:id': async (c) =>
    fetch(
      `${server.url}/api/v1/admin/users/${(await adminTarget()).user}`,
      patch(c, { position: `Специалист ${c.name}` }),
    ),
  'POST /api/v1/admin/users/:id/password': async (c) =>
    fetch(`${server.url}/api/v1/admin/users/${(await adminTarget()).user}/password`, json(c, {})),
  'GET /api/v1/admin/users/:id/sessions': async (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/users/${(await adminTarget()).user}/sessions`, {
      method,
      headers: c.target.headers,
    }),
  'POST /api/v1/admin/users/:id/sessions/end': async (c) =>
    fetch(`${server.url}/api/v1/admin/users/${(await adminTarget()).user}/sessions/end`, json(c, {})),
  'GET /api/v1/admin/departments': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/departments`, { method, headers: c.target.headers }),
  'POST /api/v1/admin/departments': async (c) => {
    adminTargets.made += 1;
    const body = { code: `M${adminTargets.made}`, name: `Матрица ${adminTargets.made}` };
    return adminMade(c, 'departments', await fetch(`${server.url}/api/v1/admin/departments`, json(c, body)));
  },
  'PATCH /api/v1/admin/departments/:id': async (c) =>
    fetch(
      `${server.url}/api/v1/admin/departments/${(await adminTarget()).department}`,
      patch(c, { name: `Матрица отдел ${c.name}` }),
    ),
  'GET /api/v1/admin/organisation': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/organisation`, { method, headers: c.target.headers }),
  // The retention every test organisation has: allowed callers change nothing the other suites count with.
  'PATCH /api/v1/admin/organisation': (c) =>
    fetch(`${server.url}/api/v1/admin/organisation`, patch(c, { retentionYears: 5 })),
  'GET /api/v1/admin/releases': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/releases`, { method, headers: c.target.headers }),
  'POST /api/v1/admin/releases/uploads': (c) =>
    fetch(`${server.url}/api/v1/admin/releases/uploads?name=matrix.exe`, {
      method: 'POST',
      headers: { ...c.target.headers, 'content-type': 'application/octet-stream' },
      body: 'MZ matrix',
    }),
  'POST /api/v1/admin/releases': (c) =>
    fetch(
      `${server.url}/api/v1/admin/releases`,
      json(c, { files: [{ uploadId: '00000000-0000-7000-8000-000000000000', name: 'latest.yml' }] }),
    ),
  'PATCH /api/v1/admin/releases/:id': (c) =>
    fetch(`${server.url}/api/v1/admin/releases/${data.release.id}`, patch(c, { rolloutPercent: 50 })),
  'POST /api/v1/admin/releases/:id/withdraw': (c) =>
    fetch(`${server.url}/api/v1/admin/releases/${data.release.id}/withdraw`, json(c, {})),
  'GET /api/v1/updates/status': (c, _d, method) =>
    fetch(`${server.url}/api/v1/updates/status?platform=win`, { method, headers: c.target.headers }),
  'GET /api/v1/updates/:platform/:file': (c, _d, method) =>
    fetch(`${server.url}/api/v1/updates/win/latest.yml`, { method, headers: c.target.headers }),
  'GET /api/v1/updates/:platform/files/:version/:name': (c, _d, method) =>
    fetch(`${server.url}/api/v1/updates/win/files/${data.release.version}/${data.release.file}`, {
      method,
      headers: c.target.headers,
    }),
  'GET /api/v1/updates/desktops': (c, _d, method) =>
    fetch(`${server.url}/api/v1/updates/desktops`, { method, headers: c.target.headers }),
  'GET /api/v1/admin/journal': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/journal?kind=users`, { method, headers: c.target.headers }),
  'GET /api/v1/admin/channels': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/channels`, { method, headers: c.target.headers }),
  'POST /api/v1/admin/channels': (c) => {
    adminTargets.made += 1;
    const body = { network: 'portal', accountId: `matrix-portal-${tag}-${adminTargets.made}` };
    return fetch(`${server.url}/api/v1/admin/channels`, json(c, body));
  },
  'PATCH /api/v1/admin/channels/:id': (c) =>
    fetch(
      `${server.url}/api/v1/admin/channels/${data.portalAccount}`,
      patch(c, { title: `Портал ${c.name}` }),
    ),
  'POST /api/v1/admin/channels/:id/check': (c) =>
    fetch(`${server.url}/api/v1/admin/channels/${data.portalAccount}/check`, json(c, {})),
  'GET /api/v1/admin/letterhead': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/letterhead`, { method, headers: c.target.headers }),
  'PUT /api/v1/admin/letterhead': (c) =>
    fetch(`${server.url}/api/v1/admin/letterhead`, {
      ...json(c, {
        fullName: `Администрация ${c.name}`,
        address: '',
        contacts: '',
        executorPhone: '',
        signatories: [{ name: 'И. И. Иванов', position: 'Глава' }],
        outgoingPattern: 'Исх-{N}/{YYYY}',
      }),
      method: 'PUT',
    }),
  'GET /api/v1/admin/letterhead/logo': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/letterhead/logo`, { method, headers: c.target.headers }),
  'PUT /api/v1/admin/letterhead/logo': (c) =>
    fetch(`${server.url}/api/v1/admin/letterhead/logo`, {
      method: 'PUT',
      headers: { ...c.target.headers, 'content-type': 'image/png' },
      // A 1×1 PNG: the server reads the image as the letters' renderer will.
      body: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
        'base64',
      ),
    }),
  'DELETE /api/v1/admin/letterhead/logo': (c) =>
    fetch(`${server.url}/api/v1/admin/letterhead/logo`, { method: 'DELETE', headers: c.target.headers }),
  'GET /api/v1/admin/letterhead/preview.pdf': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/letterhead/preview.pdf`, { method, headers: c.target.headers }),
  'GET /api/v1/admin/classifier': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/classifier`, { method, headers: c.target.headers }),
  'PUT /api/v1/admin/classifier': (c) =>
    fetch(`${server.url}/api/v1/admin/classifier`, {
      ...json(c, {
        format: 'okno-classifier/1',
        edition: `Матрица ${c.name}`,
        entries: [{ code: '0001.0000.0000.0000', title: 'Государство, общество, политика' }],
      }),
      method: 'PUT',
    }),
  'POST /api/v1/admin/classifier/import': (c) =>
    fetch(
      `${server.url}/api/v1/admin/classifier/import`,
      json(c, {
        fileName: 'edition.csv',
        edition: `Матрица ${c.name}`,
        content: Buffer.from(
          'Код;Наименование\n0001.0000.0000.0000;Государство, общество, политика\n',
        ).toString('base64'),
      }),
    ),
  'GET /api/v1/classifier': (c, _d, method) =>
    fetch(`${server.url}/api/v1/classifier`, { method, headers: c.target.headers }),
  'GET /api/v1/admin/territories': (c, _d, method) =>
    fetch(`${server.url}/api/v1/admin/territories`, { method, headers: c.target.headers }),
  'POST /api/v1/admin/territories': (c) => {
    adminTargets.made += 1;
    const body = { kind: 'district', parentId: null, name: `Матрица район ${adminTargets.made}` };
    return fetch(`${server.url}/api/v1/admin/territories`, json(c, body));
  },
  'PATCH /api/v1/admin/territories/:id': async (c) =>
    fetch(
      `${server.url}/api/v1/admin/territories/${await matrixTerritory()}`,
      patch(c, { variants: [`вариант ${c.name}`] }),
    ),
  'POST /api/v1/admin/territories/:id/delete': async (c) =>
    fetch(`${server.url}/api/v1/admin/territories/${await matrixTerritory()}/delete`, json(c, {})),
  'POST /api/v1/admin/territories/import': (c) => {
    adminTargets.made += 1;
    const file = `Район;Населённый пункт\nМатрица ${adminTargets.made};Посёлок ${adminTargets.made}\n`;
    const body = { fileName: 'matrix.csv', content: Buffer.from(file).toString('base64') };
    return fetch(`${server.url}/api/v1/admin/territories/import`, json(c, body));
  },
  'GET /api/v1/control/dashboard': (c, _d, method) =>
    fetch(`${server.url}/api/v1/control/dashboard?period=month`, { method, headers: c.target.headers }),
  'GET /api/v1/control/appeals': (c, _d, method) =>
    fetch(`${server.url}/api/v1/control/appeals?period=month&category=`, {
      method,
      headers: c.target.headers,
    }),
  'GET /api/v1/control/alerts': (c, _d, method) =>
    fetch(`${server.url}/api/v1/control/alerts`, { method, headers: c.target.headers }),
  'GET /api/v1/reports/sstu': (c, _d, method) =>
    fetch(`${server.url}/api/v1/reports/sstu?month=2026-11`, { method, headers: c.target.headers }),
  'GET /api/v1/reports/sstu.xlsx': (c, _d, method) =>
    fetch(`${server.url}/api/v1/reports/sstu.xlsx?month=2026-11`, { method, headers: c.target.headers }),
  'POST /api/v1/reports/sstu/final': (c) =>
    fetch(`${server.url}/api/v1/reports/sstu/final`, json(c, { month: '2026-11' })),
  'GET /api/v1/reports/on-time': (c, _d, method) =>
    fetch(`${server.url}/api/v1/reports/on-time?from=2026-11-01&to=2026-11-30`, {
      method,
      headers: c.target.headers,
    }),
  'GET /api/v1/reports/on-time.xlsx': (c, _d, method) =>
    fetch(`${server.url}/api/v1/reports/on-time.xlsx?from=2026-11-01&to=2026-11-30`, {
      method,
      headers: c.target.headers,
    }),
  'GET /api/v1/quality/approval-rules': (c, _d, method) =>
    fetch(`${server.url}/api/v1/quality/approval-rules`, { method, headers: c.target.headers }),
  'PUT /api/v1/quality/approval-rules': (c) =>
    fetch(`${server.url}/api/v1/quality/approval-rules`, {
      ...json(c, {
        departmentId: (c.stranger ? other : org).departments.d2.id,
        regime: 'formal',
        required: false,
      }),
      method: 'PUT',
    }),
  'GET /api/v1/quality/approvals': (c, _d, method) =>
    fetch(`${server.url}/api/v1/quality/approvals`, { method, headers: c.target.headers }),
  'POST /api/v1/quality/approvals/:id/approve': async (c, dept) =>
    fetch(`${server.url}/api/v1/quality/approvals/${await matrixHeldAnswer(dept)}/approve`, json(c, {})),
  'POST /api/v1/quality/approvals/:id/return': async (c, dept) =>
    fetch(
      `${server.url}/api/v1/quality/approvals/${await matrixHeldAnswer(dept)}/return`,
      json(c, { comment: 'Уточните срок.' }),
    ),
  'GET /api/v1/quality/verdicts': (c, _d, method) =>
    fetch(`${server.url}/api/v1/quality/verdicts`, { method, headers: c.target.headers }),
  'POST /api/v1/quality/verdicts/:id/decision': async (c) =>
    fetch(
      `${server.url}/api/v1/quality/verdicts/${await matrixUnhelpful()}/decision`,
      json(c, { decision: 'accepted' }),
    ),
  'GET /api/v1/quality/brush-off': (c, _d, method) =>
    fetch(`${server.url}/api/v1/quality/brush-off`, { method, headers: c.target.headers }),
  'PUT /api/v1/quality/brush-off': (c) =>
    fetch(`${server.url}/api/v1/quality/brush-off`, { ...json(c, { phrases: null }), method: 'PUT' }),
  'GET /api/v1/quality/summary': (c, _d, method) =>
    fetch(`${server.url}/api/v1/quality/summary`, { method, headers: c.target.headers }),
  'GET /api/v1/quality/summary/appeals': (c, _d, method) =>
    fetch(`${server.url}/api/v1/quality/summary/appeals?by=department&key=&outcome=asked`, {
      method,
      headers: c.target.headers,
    }),
  'GET /verdict': (c, _d, method) =>
    fetch(`${server.url}/verdict?t=not.a-token&v=no`, { method, headers: c.target.headers }),
  'POST /verdict': (c) =>
    fetch(`${server.url}/verdict?t=not.a-token`, {
      method: 'POST',
      headers: { ...c.target.headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'value=no',
    }),
  'POST /api/v1/channels/vk/:token': (c) =>
    fetch(`${server.url}/api/v1/channels/vk/not-a-secret`, json(c, {})),
  'POST /api/v1/channels/telegram/:token': (c) =>
    fetch(`${server.url}/api/v1/channels/telegram/not-a-secret`, json(c, {})),
  'POST /api/v1/channels/max/:token': (c) =>
    fetch(`${server.url}/api/v1/channels/max/not-a-secret`, json(c, {})),
  'POST /api/v1/channels/ok/:token': (c) =>
    fetch(`${server.url}/api/v1/channels/ok/not-a-secret`, json(c, {})),
  'POST /api/v1/intake/portal': (c) => fetch(`${server.url}/api/v1/intake/portal`, json(c, { id: 'P-1' })),
  'POST /api/v1/intake/portal/import': (c) =>
    fetch(`${server.url}/api/v1/intake/portal/import?account=${data.portalAccount}`, {
      method: 'POST',
      headers: { ...c.target.headers, 'content-type': 'text/csv' },
      body: 'id;fz59;category;text;lastName;firstName;email\r\n',
    }),
};

/** HEAD is GET without a body: same policy, same attempt. */
const policyKey = (route: RouteEntry) => `${route.method === 'HEAD' ? 'GET' : route.method} ${route.url}`;

describe('HTTP routes', () => {
  it('declares a policy and an attempt for every route of the server, and none for a route that is gone', () => {
    const table = routeTable(server.app);
    expect(table.length).toBeGreaterThan(15);
    for (const route of table) expect(server.app.hasRoute(route)).toBe(true);
    const keys = new Set(table.map(policyKey));
    expect([...keys].filter((k) => !(k in routePolicy))).toEqual([]);
    expect(Object.keys(routePolicy).filter((k) => !keys.has(k))).toEqual([]);
    const tried = Object.keys(routePolicy).filter((k) => routePolicy[k]!.access.kind !== 'sync');
    expect(tried.filter((k) => !(k in attempts))).toEqual([]);
  });

  it('answers every caller as the policy says, never with 5xx, and leaks nothing', async () => {
    // Reads before the writes, the writes, and the reads again (a write may have opened something).
    for (const [phase, effect] of [
      ['', 'read'],
      ['', 'write'],
      ['after writes: ', 'read'],
    ] as const) {
      for (const route of routeTable(server.app)) {
        await tryRoute(route, phase, effect);
      }
    }
    expectClean('routes');
    // Every route three times for every role: about 80 s on a loaded 2-core machine, 20–30 s quiet.
  }, 300_000);
});

const auditCount = async (userId: string, action: string) =>
  (
    await server.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM audit_log WHERE actor_user_id = $1 AND action = $2',
      [userId, action],
    )
  ).rows[0]!.n;

async function tryRoute(route: RouteEntry, phase: string, effect: 'read' | 'write'): Promise<void> {
  {
    const key = policyKey(route);
    const policy = routePolicy[key];
    if (!policy || policy.access.kind === 'sync' || policy.effect !== effect) return;
    const access = policy.access;
    const departmental =
      access.kind === 'scoped' && (access.target === 'department' || access.target === 'applicant');
    for (const caller of callers) {
      for (const dept of departmental ? (['d1', 'd2'] as const) : (['d1'] as const)) {
        let allowed: boolean;
        let readable: Owner[] = caller.stranger ? ['other'] : [];
        if (access.kind === 'public') allowed = true;
        else if (access.kind === 'secret') allowed = false;
        else if (access.kind === 'signedIn') allowed = caller.role !== null;
        else {
          const scope = scopeOf(caller, access.scopes);
          const reach = ownersVisible(caller, scope);
          const targetDepts = access.target === 'applicant' ? [...applicantDepts[dept]] : [dept];
          allowed =
            access.target === 'department' || access.target === 'applicant'
              ? !caller.stranger && targetDepts.some((d) => reach.includes(d))
              : access.target === 'organisation'
                ? !caller.stranger && scope !== 'none'
                : scope !== 'none';
          if (departmental && allowed) readable = readableContent(caller);
        }
        const name = `${phase}${route.method} ${route.url}${departmental ? ` (${dept})` : ''} as ${caller.name}`;
        const audited = policy.auditsRefusals && caller.login ? policy.auditsRefusals : null;
        const auditedBefore = audited ? await auditCount(caller.login!.id, audited) : 0;
        const response = await attempts[key]!(caller, dept, route.method);
        const body = route.method === 'HEAD' ? '' : await response.text();
        let forbidden = forbiddenMarkers(readable.length > 0 ? readable : readableContent(caller));
        // The one answer that may show a passport: its allowed reveal.
        if (key === 'POST /api/v1/applicants/:id/passport/reveal' && allowed)
          forbidden = forbidden.filter((m) => m !== passports[dept].number);
        record(name, response.status, allowed, body, forbidden, policy.alsoAllowed);
        if (key === 'POST /api/v1/appeals/:id/passport') {
          const doc = await masterOf(
            server.pool,
            'sync_appeals',
            data.receptionAppeal.get(`${caller.name}/${dept}`)!,
          );
          const linked = doc.applicant.applicantId !== null;
          if (!allowed && linked) outcome.leaks.push(`${name}: passport recorded out of scope`);
          if (allowed && !linked) outcome.wrong.push(`${name}: passport not recorded`);
          for (const known of ['d1', 'd2'] as const) {
            if (doc.applicant.applicantId !== data.applicant[known]) continue;
            // Linking the applicant on file is allowed only to whoever could see them.
            if (![...applicantDepts[known]].some((d) => readableContent(caller).includes(d)))
              outcome.leaks.push(`${name}: linked another department's applicant`);
            applicantDepts[known].add(dept);
          }
        }
        if (audited && !allowed && response.status !== 401) {
          if ((await auditCount(caller.login!.id, audited)) !== auditedBefore + 1)
            outcome.wrong.push(`${name}: refusal not audited (${audited})`);
        }
      }
    }
  }
}
