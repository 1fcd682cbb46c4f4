import type { ServerAddressState } from '../../shared/bridge/okno-bridge';
import { checkServerUrl, type ServerCheck } from '../../shared/bridge/server-address';

/** The settings file in the userData folder; only main/ reads or writes it. */
export interface SettingsFile {
  read(): Promise<string | null>;
  write(text: string): Promise<void>;
}

export interface ServerSettings {
  /** Reads the settings file once; call before the window opens. */
  load(): Promise<void>;
  /** The address requests are forwarded to now (`null`: none chosen and no default). */
  address(): string | null;
  current(): ServerAddressState;
  /** Probes the address and remembers it when it is an Okno server this desktop can work with. */
  choose(address: string): Promise<ServerCheck>;
  forget(): Promise<void>;
}

/**
 * The server address of this desktop, kept in `settings.json` in the userData folder:
 * `{ "serverAddress": "https://…" }` once chosen, `null` after «Сменить сервер» (ask again, default or
 * not), absent on a first start (then the demo build's default, if it has one).
 * A remembered address that no longer passes the checks (a hand-edited file) counts as none.
 */
export function createServerSettings(deps: {
  readonly file: SettingsFile;
  /** OKNO_SERVER_URL of a demo or development start, already checked by main.ts; none when installed. */
  readonly defaultAddress: string | null;
  readonly probe: (address: string) => Promise<ServerCheck>;
}): ServerSettings {
  let settings: Record<string, unknown> = {};

  function remembered(): string | null | undefined {
    if (!('serverAddress' in settings)) return undefined;
    const value = settings.serverAddress;
    if (typeof value !== 'string') return null;
    const checked = checkServerUrl(value);
    return checked.ok ? checked.url : null;
  }

  async function save(next: Record<string, unknown>): Promise<void> {
    await deps.file.write(`${JSON.stringify(next, null, 2)}\n`);
    settings = next;
  }

  const address = () => {
    const chosen = remembered();
    return chosen === undefined ? deps.defaultAddress : chosen;
  };

  return {
    async load() {
      const text = await deps.file.read().catch(() => null);
      try {
        const parsed: unknown = text === null ? {} : JSON.parse(text);
        settings =
          typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? { ...parsed } : {};
      } catch {
        settings = {};
      }
    },
    address,
    current: () => ({ address: address(), chosen: typeof remembered() === 'string' }),
    async choose(raw) {
      const checked = await deps.probe(raw);
      if (checked.ok) await save({ ...settings, serverAddress: checked.address });
      return checked;
    },
    async forget() {
      await save({ ...settings, serverAddress: null });
    },
  };
}
