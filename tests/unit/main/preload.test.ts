import { bridgeEventNames, bridgeMethodPaths } from '../../../shared/bridge/channels';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async () => 'answer'), on: vi.fn(), removeListener: vi.fn() },
}));
vi.mock('electron', () => electron);

/** Every member of an exposed object as a dotted path: `platform`, `secureStore.isAvailable`, … */
function memberPaths(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, member]) =>
    typeof member === 'object' && member !== null
      ? memberPaths(member, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

let exposed: { name: string; api: Record<string, unknown>; calls: number } | null = null;

/** The preload runs once per window; import it once and keep what it exposed. */
async function exposedBridge() {
  if (!exposed) {
    await import('../../../main/preload');
    const calls = electron.contextBridge.exposeInMainWorld.mock.calls as unknown as [
      string,
      Record<string, unknown>,
    ][];
    exposed = { name: calls[0]![0], api: calls[0]![1], calls: calls.length };
  }
  expect(exposed.calls).toBe(1);
  return exposed;
}

describe('preload', () => {
  it('exposes one object, window.okno, with exactly the members of OknoBridge', async () => {
    const { name, api } = await exposedBridge();
    expect(name).toBe('okno');
    expect(memberPaths(api).sort()).toEqual(['platform', ...bridgeMethodPaths, ...bridgeEventNames].sort());
    expect(api.platform).toBe('electron');
  });

  it('never hands the window ipcRenderer or a generic send function', async () => {
    const { api } = await exposedBridge();
    const members = memberPaths(api);
    expect(members).not.toContain('ipcRenderer');
    expect(members.some((member) => /^(send|invoke|on)$/.test(member))).toBe(false);
  });

  it('sends each call on the channel named after its method path', async () => {
    const { api } = await exposedBridge();
    const bridge = api as unknown as import('../../../shared/bridge/okno-bridge').OknoBridge;
    await bridge.secureStore.setRefreshToken('token-1');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(
      'okno:secureStore.setRefreshToken',
      'token-1',
    );
    await bridge.saveAsPdf({ html: '<p>1</p>', title: 'Обращение' }, 'ОГ-2026-000001');
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(
      'okno:saveAsPdf',
      { html: '<p>1</p>', title: 'Обращение' },
      'ОГ-2026-000001',
    );
  });

  it('forwards "open appeal" events with a string id only, and unsubscribes', async () => {
    const { api } = await exposedBridge();
    const bridge = api as unknown as import('../../../shared/bridge/okno-bridge').OknoBridge;
    const listener = vi.fn();
    const unsubscribe = bridge.onOpenAppeal(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) as unknown as [
      string,
      (e: unknown, id: unknown) => void,
    ];
    expect(channel).toBe('okno-event:onOpenAppeal');
    forward({}, 'appeal-7');
    forward({}, { id: 'not-a-string' });
    expect(listener).toHaveBeenCalledExactlyOnceWith('appeal-7');
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(channel, forward);
  });
});
