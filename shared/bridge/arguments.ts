import type { BridgeArgs, BridgeMethodPath } from './channels';
import type { DeadlineNotificationKind, PrintableDocument } from './okno-bridge';
import { maxServerAddressLength } from './server-address';

/**
 * One validator per bridge method: main/ never trusts what a window sends. Each returns the
 * arguments typed, or `null` when their shape is wrong (the call is then refused).
 */
export type BridgeArgumentValidators = {
  [P in BridgeMethodPath]: (args: readonly unknown[]) => BridgeArgs<P> | null;
};

/** Large enough for a printed appeal with its whole conversation, small enough to refuse abuse. */
const maxPrintableHtmlLength = 5_000_000;
const maxTextLength = 2_000;
const notificationKinds: readonly DeadlineNotificationKind[] = ['due-today', 'overdue', 'assigned'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, maxLength = maxTextLength): value is string {
  return typeof value === 'string' && value.length <= maxLength;
}

function asPrintableDocument(value: unknown): PrintableDocument | null {
  if (!isRecord(value) || !isText(value.html, maxPrintableHtmlLength) || !isText(value.title)) return null;
  return { html: value.html, title: value.title };
}

function none(args: readonly unknown[]): [] | null {
  return args.length === 0 ? [] : null;
}

export const bridgeArgumentValidators: BridgeArgumentValidators = {
  getAppInfo: none,
  'secureStore.isAvailable': none,
  'secureStore.getRefreshToken': none,
  'secureStore.setRefreshToken': (args) => {
    const [token] = args;
    if (args.length !== 1) return null;
    return token === null || isText(token, 16_384) ? [token] : null;
  },
  'server.current': none,
  'server.forget': none,
  // Only the text's shape here: main/ checks the address itself (https or loopback) before any request.
  'server.choose': (args) =>
    args.length === 1 && isText(args[0], maxServerAddressLength) ? [args[0]] : null,
  notify: (args) => {
    const [notification] = args;
    if (args.length !== 1 || !isRecord(notification)) return null;
    const { kind, appealId, title, body } = notification;
    if (!notificationKinds.includes(kind as DeadlineNotificationKind)) return null;
    if (!isText(appealId, 200) || !isText(title) || !isText(body)) return null;
    return [{ kind: kind as DeadlineNotificationKind, appealId, title, body }];
  },
  setDueCount: (args) => {
    const [count] = args;
    const valid = args.length === 1 && Number.isSafeInteger(count) && (count as number) >= 0;
    return valid ? [count as number] : null;
  },
  printAppeal: (args) => {
    const document = args.length === 1 ? asPrintableDocument(args[0]) : null;
    return document ? [document] : null;
  },
  'updates.state': none,
  'updates.check': none,
  'updates.report': (args) => {
    const [session] = args;
    if (args.length !== 1 || !isRecord(session)) return null;
    const { accessToken, unsyncedChanges } = session;
    if (!(accessToken === null || isText(accessToken, 16_384))) return null;
    if (!Number.isSafeInteger(unsyncedChanges) || (unsyncedChanges as number) < 0) return null;
    return [{ accessToken, unsyncedChanges: unsyncedChanges as number }];
  },
  saveAsPdf: (args) => {
    const document = args.length === 2 ? asPrintableDocument(args[0]) : null;
    return document && isText(args[1], 255) ? [document, args[1]] : null;
  },
};
