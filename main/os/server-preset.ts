import { checkServerUrl } from '../../shared/bridge/server-address';

/**
 * The server address an administrator presets when rolling the app out (docs/RELEASES.md), used as
 * this desktop's address until an official chooses another (main/os/server-settings.ts, the default).
 * The first that names an address wins:
 *   1. `--server=https://…` on the command line (a deployment tool or a shortcut starts the app with it);
 *   2. `okno-server.json` — `{ "serverAddress": "https://…" }` — in the app's resources folder: the
 *      Windows installer writes it from its `/SERVER=` option or copies the file beside the installer;
 *   3. the same file in a system folder (Linux: /etc/okno, for a deb or an AppImage rolled out centrally).
 * An address that fails the desktop's checks (plain http to another host, not a URL) is ignored and
 * logged: the «Адрес сервера» screen then asks, as without a preset.
 */
export async function readServerPreset(deps: {
  readonly argv: readonly string[];
  /** okno-server.json files, in order */
  readonly files: readonly string[];
  readonly readFile: (path: string) => Promise<string>;
  readonly log: (message: string) => void;
}): Promise<string | null> {
  const checked = (address: string, source: string): string | null => {
    const result = checkServerUrl(address);
    if (result.ok) return result.url;
    deps.log(`ignoring the preset server address from ${source} (${result.problem})`);
    return null;
  };
  const switchValue = deps.argv.find((arg) => arg.startsWith('--server='))?.slice('--server='.length);
  if (switchValue) return checked(switchValue, '--server');
  for (const file of deps.files) {
    const text = await deps.readFile(file).catch(() => null);
    if (text === null) continue;
    let address: unknown;
    try {
      address = (JSON.parse(text) as { serverAddress?: unknown }).serverAddress;
    } catch {
      address = undefined;
    }
    if (typeof address === 'string') return checked(address, file);
    deps.log(`ignoring ${file}: it must be {"serverAddress": "https://…"}`);
  }
  return null;
}
