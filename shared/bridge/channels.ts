import type { OknoBridge } from './okno-bridge';

// biome-ignore lint/suspicious/noExplicitAny: the widest function type, used only as a type bound.
type AnyFunction = (...args: any[]) => any;

/** `'getAppInfo' | 'secureStore.isAvailable' | …`: every request the window can make to main/. */
export type BridgeMethodPath<T = OknoBridge, Prefix extends string = ''> = {
  [K in keyof T & string]: K extends `on${string}`
    ? never
    : T[K] extends AnyFunction
      ? `${Prefix}${K}`
      : T[K] extends object
        ? BridgeMethodPath<T[K], `${Prefix}${K}.`>
        : never;
}[keyof T & string];

/** The method of the interface found at a dotted path. */
export type BridgeMethod<P extends string, T = OknoBridge> = P extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? BridgeMethod<Rest, T[Head]>
    : never
  : P extends keyof T
    ? T[P] extends AnyFunction
      ? T[P]
      : never
    : never;

export type BridgeArgs<P extends BridgeMethodPath> = Parameters<BridgeMethod<P>>;
export type BridgeResult<P extends BridgeMethodPath> = Awaited<ReturnType<BridgeMethod<P>>>;

/** `'onOpenAppeal' | …`: events main/ pushes to the window. */
export type BridgeEventName = {
  [K in keyof OknoBridge]: K extends `on${string}` ? K : never;
}[keyof OknoBridge];

/** The payload a listener of the event receives. */
export type BridgeEventPayload<E extends BridgeEventName> = Parameters<Parameters<OknoBridge[E]>[0]>[0];

/** Every method path, for code that must visit them all (main/ registers one handler per path). */
export const bridgeMethodPaths = [
  'getAppInfo',
  'secureStore.isAvailable',
  'secureStore.setRefreshToken',
  'secureStore.getRefreshToken',
  'server.current',
  'server.choose',
  'server.forget',
  'notify',
  'setDueCount',
  'printAppeal',
  'saveAsPdf',
  'updates.state',
  'updates.check',
  'updates.report',
] as const satisfies readonly BridgeMethodPath[];

export const bridgeEventNames = [
  'onOpenAppeal',
  'onUpdateState',
] as const satisfies readonly BridgeEventName[];

type Assert<T extends true> = T;
type ListsEvery<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
/** Fails to compile when a method or event of the interface is missing from the lists above. */
export type BridgeListsAreComplete = [
  Assert<ListsEvery<BridgeMethodPath, (typeof bridgeMethodPaths)[number]>>,
  Assert<ListsEvery<BridgeEventName, (typeof bridgeEventNames)[number]>>,
];

/** The one place an IPC channel name is made: `okno:<method path>`. */
export function bridgeChannel<P extends BridgeMethodPath>(path: P): `okno:${P}` {
  return `okno:${path}`;
}

/** The channel of an event pushed by main/: `okno-event:<event name>`. */
export function bridgeEventChannel<E extends BridgeEventName>(name: E): `okno-event:${E}` {
  return `okno-event:${name}`;
}
