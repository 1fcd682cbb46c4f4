import { createServerSettings } from '../../../../main/os/server-settings';
import type { ServerCheck } from '../../../../shared/bridge/server-address';

function setup(initial: string | null, defaultAddress: string | null = null) {
  const file = { text: initial, writes: 0 };
  const probe = vi.fn(
    async (address: string): Promise<ServerCheck> =>
      address.includes('okno')
        ? { ok: true, address: address.trim().replace(/\/+$/, ''), version: '0.1.0' }
        : { ok: false, problem: 'not-okno' },
  );
  const settings = createServerSettings({
    file: {
      read: async () => file.text,
      write: async (text) => {
        file.text = text;
        file.writes += 1;
      },
    },
    defaultAddress,
    probe,
  });
  return { settings, file, probe };
}

describe('the server address main/ remembers (settings.json in userData)', () => {
  it('has none on the first start of an installed desktop', async () => {
    const { settings } = await loaded(setup(null));
    expect(settings.current()).toEqual({ address: null, chosen: false });
    expect(settings.address()).toBeNull();
  });

  it("uses a demo start's default until an address is chosen, and the chosen one over it", async () => {
    const { settings } = await loaded(setup(null, 'http://127.0.0.1:8787'));
    expect(settings.current()).toEqual({ address: 'http://127.0.0.1:8787', chosen: false });
    await settings.choose('https://okno.city.example');
    expect(settings.current()).toEqual({ address: 'https://okno.city.example', chosen: true });
  });

  it('remembers only an address that passed the check, keeping the other settings of the file', async () => {
    const { settings, file } = await loaded(setup('{"theme":"dark"}'));
    expect(await settings.choose('https://shop.example')).toEqual({ ok: false, problem: 'not-okno' });
    expect(file.writes).toBe(0);
    await settings.choose('https://okno.city.example/');
    expect(JSON.parse(file.text!)).toEqual({ theme: 'dark', serverAddress: 'https://okno.city.example' });
  });

  it('reads the remembered address on the next start', async () => {
    const { settings } = await loaded(
      setup('{"serverAddress":"https://okno.city.example"}', 'http://127.0.0.1:1'),
    );
    expect(settings.address()).toBe('https://okno.city.example');
  });

  it('after «Сменить сервер» asks again, even where a default exists', async () => {
    const { settings, file } = await loaded(
      setup('{"serverAddress":"https://okno.city.example"}', 'http://127.0.0.1:8787'),
    );
    await settings.forget();
    expect(JSON.parse(file.text!)).toEqual({ serverAddress: null });
    expect(settings.current()).toEqual({ address: null, chosen: false });
  });

  it.each(['{"serverAddress":"http://10.0.0.5:8787"}', '{"serverAddress":42}'])(
    'counts a hand-edited address that would not pass as none: %s',
    async (text) => {
      const { settings } = await loaded(setup(text, 'http://127.0.0.1:8787'));
      expect(settings.address()).toBeNull();
    },
  );

  it.each(['not json', '[1,2]', 'null'])('starts afresh from a damaged file: %s', async (text) => {
    const { settings } = await loaded(setup(text, 'http://127.0.0.1:8787'));
    expect(settings.current()).toEqual({ address: 'http://127.0.0.1:8787', chosen: false });
  });
});

async function loaded<T extends { settings: { load(): Promise<void> } }>(value: T): Promise<T> {
  await value.settings.load();
  return value;
}
