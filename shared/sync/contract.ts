/**
 * The client–server sync contract: what the desktop's replication (renderer/sync/) and the server's
 * sync plugin (server/src/sync/, protocol in its README.md) say to each other over
 * `/api/v1/sync/:collection/{pull,push,stream}` and `/api/v1/auth/*`. Like the window–main bridge
 * (shared/bridge/okno-bridge.ts), this module *is* the contract: both sides are typed against it, so
 * a new refusal code, a changed answer or a new collection is a type error on the side that does not
 * know it yet (the desktop needs a text for every refusal code: renderer/app/refusal-text.ts).
 */
import type { Role } from '../model/roles';

/**
 * The replicated collections, in the order a first sync pulls them (the desktop schemas: shared/schemas).
 * @public part of the contract, though today both sides read it from shared/schemas/collections.ts.
 */
export { replicatedCollectionNames } from '../schemas/collections';

/**
 * Why the server refused (part of) a pushed change; each code is an i18n key of the `sync`
 * namespace, and the desktop explains each one (`params`, when present, fill its text).
 */
export const refusalCodes = {
  /** The document is not (or no longer) in the user's scope; the conflict is a tombstone. */
  outOfScope: 'sync:refusal.outOfScope',
  /** Clients may not write this collection. */
  readOnly: 'sync:refusal.readOnly',
  /** The user's role may not change `fields`. */
  roleMayNotChange: 'sync:refusal.roleMayNotChange',
  /** `fields` are owned by the server (registration, deadlines, delivery); the master's values stay. */
  serverOwned: 'sync:refusal.serverOwned',
  /** The status change `params.from` → `params.to` is not an action this role may take. */
  statusTransition: 'sync:refusal.statusTransition',
  /** `fields` were changed on the server since the client's last pull; the per-field rule kept the server's. */
  concurrentEdit: 'sync:refusal.concurrentEdit',
  /** The document does not match the collection's schema (`params.problem`). */
  invalidDocument: 'sync:refusal.invalidDocument',
  /** Sent messages and other records cannot be edited or deleted from a desktop. */
  immutable: 'sync:refusal.immutable',
  /** A closed appeal's subject, category and urgency stay as they were when it closed (`fields`). */
  closedAppeal: 'sync:refusal.closedAppeal',
  /** A new staff answer without a reply route, or one the appeal cannot take (no conversation, e-mail or postal address). */
  replyViaMissing: 'sync:refusal.replyViaMissing',
  replyViaChannel: 'sync:refusal.replyViaChannel',
  replyViaEmail: 'sync:refusal.replyViaEmail',
  replyViaPost: 'sync:refusal.replyViaPost',
  /** An answer's files: not uploaded for this appeal (`params.problem` notUploaded), or too many or too large together. */
  answerFiles: 'sync:refusal.answerFiles',
  /** An appeal's `attachments`: a new one is not a scan uploaded to this appeal, or one the server had was left out; the server's list stays. */
  appealScans: 'sync:refusal.appealScans',
  /** An answer template this official may not write, or one that breaks its rules (`params.problem`: a key of templates:problem, with `name` or `max`). */
  template: 'sync:refusal.template',
} as const;

export type RefusalName = keyof typeof refusalCodes;
export type RefusalCode = (typeof refusalCodes)[RefusalName];

/** A refusal as the server explains it: `{ code, params? }` is the shape of a RefusedChange's `reason`. */
export interface Refusal {
  code: RefusalCode;
  /** `others`: the further codes of the same row, comma-separated. */
  params?: Record<string, string | number>;
  /** The top-level fields whose pushed values were not taken. */
  fields?: string[];
}

export interface DocumentRefusal extends Refusal {
  id: string;
}

/**
 * The replication checkpoint `{ "seq": <integer> }`: the highest server sequence number the client
 * has received for a collection (server/src/sync/checkpoint.ts parses and checks it).
 */
export interface Checkpoint {
  seq: number;
}

/** `GET …/pull?checkpoint=<json>&limit=<n>`: documents after the checkpoint, oldest first. */
export interface PullAnswer<Doc = unknown> {
  documents: Doc[];
  checkpoint: Checkpoint;
}

/**
 * `POST …/push?refusals=1` (the desktop asks for reasons): the master states of the rows not taken
 * as sent, for RxDB's conflict handler, and why. Without `refusals=1` the answer is `conflicts` alone
 * (what a plain RxDB client expects).
 */
export interface PushAnswer<Doc = unknown> {
  conflicts: Doc[];
  refusals: DocumentRefusal[];
}

/**
 * Every error leaves the server as `{ error: { code, message } }` with a 4xx/5xx status (server/src/http/errors.ts):
 * `code` is stable and machine-readable (clients translate it), `message` is for developers and logs.
 */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/**
 * The signed-in user as the server sends it (`POST /api/v1/auth/login`, `…/refresh`). The desktop
 * keeps its own view of it, `SessionUser` (renderer/api/client.ts `parseUser`: the login typed at
 * sign-in, and a role this desktop may not know yet).
 */
export interface AuthUser {
  id: string;
  orgId: string;
  displayName: string;
  role: Role;
  departmentIds: string[];
}
