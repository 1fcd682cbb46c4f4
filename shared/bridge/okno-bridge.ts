/**
 * The bridge between the window (renderer/) and the Electron main process (main/).
 *
 * This interface *is* the IPC contract (the VS Code way): main/ implements every method, the preload
 * exposes an object that `satisfies OknoBridge`, and the renderer consumes it through a platform
 * adapter (Electron or web). Channel names are derived from the method paths below, never typed by hand.
 *
 * Everything crossing the bridge is plain data (structured-clone safe). Methods that main/ serves
 * return promises; `on…` members subscribe to events pushed by main/ and return an unsubscribe function.
 */

import type { ServerCheck } from './server-address';

export type BridgePlatform = 'electron' | 'web';

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly platform: BridgePlatform;
  /** Operating system as Node names it (`linux`, `win32`, `darwin`), or `browser` in the web shell. */
  readonly os: string;
}

/** Why a secret cannot be kept on this machine; the renderer translates the code for the user. */
export type SecureStoreUnavailableReason =
  /** Linux without a keyring: Chromium would "encrypt" with a hard-coded key (`basic_text`). */
  | 'basic-text-backend'
  /** The OS keychain is missing or locked. */
  | 'encryption-unavailable'
  /** A browser tab has no OS keychain. */
  | 'web-shell';

export type SecureStoreStatus =
  | { readonly available: true }
  | { readonly available: false; readonly reason: SecureStoreUnavailableReason };

export interface SecureStore {
  isAvailable(): Promise<SecureStoreStatus>;
  /** Stores the refresh token (or forgets it with `null`); reports where it refused to store it. */
  setRefreshToken(token: string | null): Promise<SecureStoreStatus>;
  getRefreshToken(): Promise<string | null>;
}

export type DeadlineNotificationKind = 'due-today' | 'overdue' | 'assigned';

/** A desktop notification about one appeal; the texts are already translated by the renderer. */
export interface DeadlineNotification {
  readonly kind: DeadlineNotificationKind;
  readonly appealId: string;
  readonly title: string;
  readonly body: string;
}

/** A self-contained HTML document (inline styles, no scripts) of an appeal card or an answer letter. */
export interface PrintableDocument {
  readonly html: string;
  readonly title: string;
}

export type PrintOutcome =
  | { readonly status: 'done'; readonly path?: string }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string };

/** Which server this desktop talks to (shared/bridge/server-address.ts). */
export interface ServerAddressState {
  /** The address in use, or `null`: the «Адрес сервера» screen must ask for one before sign-in. */
  readonly address: string | null;
  /** `true` when an official chose it on this computer; `false` for a demo build's default. */
  readonly chosen: boolean;
}

export interface ServerAddress {
  current(): Promise<ServerAddressState>;
  /** Checks the address (https or loopback, TLS, /health, version) and remembers it only when it passes. */
  choose(address: string): Promise<ServerCheck>;
  /** Forgets the address (switching servers): the app asks again, even where a default exists. */
  forget(): Promise<void>;
}

/**
 * Updates of the desktop from the organisation's own server (main/os/updates.ts, docs/RELEASES.md).
 * `idle`: not checked yet (no server or not signed in); `unavailable`: this build does not update
 * itself (a development start, the web shell); `no-release`: the server offers none for this system.
 */
export type UpdatePhase =
  | 'idle'
  | 'unavailable'
  | 'checking'
  | 'no-release'
  | 'up-to-date'
  | 'downloading'
  | 'ready'
  | 'failed';

/** Why a check or a download failed: the downloaded file's checksum, or the server/network. */
export type UpdateFailure = 'checksum' | 'network' | 'server';

export interface UpdateState {
  readonly phase: UpdatePhase;
  readonly currentVersion: string;
  /** the version the server offers this desktop, once known */
  readonly offeredVersion: string | null;
  /** 0–100 while downloading */
  readonly percent: number | null;
  /** the offered version replaces a withdrawn one this desktop runs */
  readonly downgrade: boolean;
  readonly failure: UpdateFailure | null;
  /** `ready`, but changes not yet sent to the server hold the installation back */
  readonly waitingForSync: boolean;
  /** epoch ms of the last check */
  readonly checkedAt: number | null;
}

/** What the window tells main/ so it may check for updates and knows when it may install. */
export interface UpdateSession {
  /** the signed-in session's access token, or null when signed out */
  readonly accessToken: string | null;
  /** changes waiting to reach the server (the outbox); an update is never installed while any wait */
  readonly unsyncedChanges: number;
}

export interface DesktopUpdates {
  state(): Promise<UpdateState>;
  /** Checks now (the profile's «Проверить обновления»); otherwise at start and every 4 hours. */
  check(): Promise<UpdateState>;
  report(session: UpdateSession): Promise<void>;
}

export interface OknoBridge {
  readonly platform: BridgePlatform;
  getAppInfo(): Promise<AppInfo>;
  readonly secureStore: SecureStore;
  readonly server: ServerAddress;
  notify(notification: DeadlineNotification): Promise<void>;
  /** Number of appeals due today or overdue, shown on the tray icon (0 hides the badge). */
  setDueCount(count: number): Promise<void>;
  printAppeal(document: PrintableDocument): Promise<PrintOutcome>;
  saveAsPdf(document: PrintableDocument, suggestedName: string): Promise<PrintOutcome>;
  readonly updates: DesktopUpdates;
  /** The user clicked a notification: the window should open this appeal. */
  onOpenAppeal(listener: (appealId: string) => void): () => void;
  /** The update state changed (a check, a download's progress, a finished download, a failure). */
  onUpdateState(listener: (state: UpdateState) => void): () => void;
}
