/**
 * The real server's HTTP API for end-to-end journeys: sign in as a demo account, read through pull,
 * and create or edit appeals through the same push endpoint the desktop uses (the demo seed creates
 * no appeals). Requests go through the web shell's origin, whose proxy forwards /api/v1 to the server.
 */
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, request } from '@playwright/test';
import { demoPassword } from '../../../server/src/accounts/seed-demo';
import type { Appeal } from '../../../shared/model/appeal';
import { newAppeal } from '../../../shared/model/new-appeal';

// biome-ignore lint/suspicious/noExplicitAny: documents as the server returns them
export type Json = any;

export interface ApiSession {
  readonly request: APIRequestContext;
  readonly accessToken: string;
  readonly user: { id: string; orgId: string; departmentIds: string[]; displayName: string };
}

export async function signIn(request: APIRequestContext, login: string): Promise<ApiSession> {
  const response = await request.post('/api/v1/auth/login', { data: { login, password: demoPassword } });
  if (!response.ok()) throw new Error(`sign in ${login}: ${response.status()} ${await response.text()}`);
  const body = await response.json();
  return { request, accessToken: body.accessToken, user: body.user };
}

/** The server itself (module-level helpers have no test fixtures, hence no web-shell base URL). */
export const serverUrl = `http://127.0.0.1:${process.env.OKNO_E2E_SERVER_PORT ?? 18787}`;

/** Signs in outside a test's fixtures, with a request context of its own straight to the server. */
export async function apiLogin(login: string): Promise<ApiSession> {
  return signIn(await request.newContext({ baseURL: serverUrl }), login);
}

const auth = (session: ApiSession) => ({ authorization: `Bearer ${session.accessToken}` });

export async function pullAll(session: ApiSession, collection: string): Promise<Json[]> {
  const byId = new Map<string, Json>();
  let checkpoint: unknown = null;
  for (;;) {
    const query = `checkpoint=${encodeURIComponent(JSON.stringify(checkpoint))}&limit=1000`;
    const response = await session.request.get(`/api/v1/sync/${collection}/pull?${query}`, {
      headers: auth(session),
    });
    if (!response.ok()) throw new Error(`pull ${collection}: ${response.status()}`);
    const body = await response.json();
    for (const doc of body.documents) byId.set(doc.id, doc);
    checkpoint = body.checkpoint;
    if (body.documents.length < 1000) break;
  }
  return [...byId.values()].filter((doc) => !doc._deleted);
}

export async function push(session: ApiSession, collection: string, rows: unknown[]): Promise<Json> {
  const response = await session.request.post(`/api/v1/sync/${collection}/push?refusals=1`, {
    headers: auth(session),
    data: rows,
  });
  if (!response.ok()) throw new Error(`push ${collection}: ${response.status()} ${await response.text()}`);
  return response.json();
}

export async function departmentsByCode(session: ApiSession): Promise<Record<string, string>> {
  const departments = await pullAll(session, 'departments');
  return Object.fromEntries(departments.map((d) => [d.code, d.id]));
}

export async function userIdByLogin(session: ApiSession, displayName: string): Promise<string> {
  const users = await pullAll(session, 'users');
  const found = users.find((u) => u.displayName === displayName);
  if (!found) throw new Error(`no user ${displayName}`);
  return found.id;
}

export interface NewAppeal {
  readonly subject: string;
  readonly text?: string;
  readonly departmentId: string;
  readonly regime?: Appeal['regime'];
  readonly channel?: Appeal['channel'];
  readonly urgent?: boolean;
  readonly category?: string | null;
  readonly applicant?: { lastName: string; firstName: string; patronymic?: string | null };
  /** Over the default phone and postal address (no e-mail). */
  readonly contacts?: Partial<Appeal['applicant']['contacts']>;
  /** Received this many hours ago (sets the deadline the server computes). */
  readonly receivedHoursAgo?: number;
  /** Received at this instant (epoch ms), over `receivedHoursAgo`. */
  readonly receivedAt?: number;
}

/** A new appeal as a desktop creates it; the server sets status, registration and deadlines. */
export function appealDoc(orgId: string, spec: NewAppeal): Appeal {
  const receivedAt = spec.receivedAt ?? Date.now() - (spec.receivedHoursAgo ?? 1) * 3_600_000;
  const regime = spec.regime ?? 'incident';
  const applicant = spec.applicant ?? { lastName: 'Смирнов', firstName: 'Олег', patronymic: 'Игоревич' };
  return newAppeal({
    id: randomUUID(),
    orgId,
    regime,
    channel: spec.channel ?? 'vk',
    urgent: spec.urgent ?? false,
    kind: { form: regime === 'formal' ? 'application' : null },
    applicant: {
      applicantId: null,
      name: {
        lastName: applicant.lastName,
        firstName: applicant.firstName,
        patronymic: applicant.patronymic ?? null,
      },
      contacts: {
        phone: '+79161234567',
        email: null,
        postalAddress: 'г. Демо, ул. Центральная, д. 1, кв. 1',
        ...spec.contacts,
      },
      identification: regime === 'formal' ? 'in-person-document' : 'none',
      passportMasked: null,
      nameMatch: { verdict: 'not_checked', profileName: null, checkedAt: null },
    },
    subject: spec.subject,
    text: spec.text ?? spec.subject,
    category: spec.category ?? null,
    departmentId: spec.departmentId,
    receivedAt,
    conversationId: '',
  });
}

/** Creates appeals; returns the server's stored states (with status, registration number, deadlines). */
export async function createAppeals(session: ApiSession, specs: readonly NewAppeal[]): Promise<Json[]> {
  const docs = specs.map((spec) => appealDoc(session.user.orgId, spec));
  const answer = await push(
    session,
    'appeals',
    docs.map((doc) => ({ newDocumentState: { ...doc, _deleted: false } })),
  );
  const refused = answer.refusals ?? [];
  if (refused.length > 0) throw new Error(`appeals refused: ${JSON.stringify(refused)}`);
  const stored = new Map((answer.conflicts as Json[]).map((doc) => [doc.id, doc]));
  return docs.map((doc) => stored.get(doc.id) ?? { ...doc, _deleted: false });
}

/** Edits an appeal as an up-to-date desktop would (assumed master = the current server state). */
export async function editAppeal(
  session: ApiSession,
  id: string,
  patch: Record<string, unknown>,
): Promise<Json> {
  const current = (await pullAll(session, 'appeals')).find((doc) => doc.id === id);
  if (!current) throw new Error(`appeal ${id} not visible`);
  const answer = await push(session, 'appeals', [
    { newDocumentState: { ...current, ...patch, updatedAt: Date.now() }, assumedMasterState: current },
  ]);
  return answer;
}

export async function appealOnServer(session: ApiSession, id: string): Promise<Json | undefined> {
  return (await pullAll(session, 'appeals')).find((doc) => doc.id === id);
}

/** A subject unique to one test run, so journeys running in parallel never see each other's appeals. */
export const uniqueSubject = (text: string) => `${text} · ${randomUUID().slice(0, 6)}`;

export async function appealHistory(session: ApiSession, id: string): Promise<Json[]> {
  const response = await session.request.get(`/api/v1/appeals/${id}/history`, { headers: auth(session) });
  if (!response.ok()) throw new Error(`history ${id}: ${response.status()}`);
  return (await response.json()).entries;
}
