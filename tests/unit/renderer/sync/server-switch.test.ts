import type { SessionUser } from '../../../../renderer/api/client';
import { rememberOfflineLogin, verifyOfflineLogin } from '../../../../renderer/sync/offline-login';
import { forgetEverySignIn } from '../../../../renderer/sync/session';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  };
}

const user = (id: string, login: string): SessionUser => ({
  id,
  login,
  fullName: login,
  role: 'operator',
  departmentIds: [],
});

describe('«Сменить сервер» forgets every sign-in of the old server on this computer', () => {
  it("removes every official's offline sign-in and the last user, and keeps the app's other settings", async () => {
    const storage = memoryStorage();
    await rememberOfflineLogin(storage, 'demo-head', 'secret-1', user('u1', 'demo-head'));
    await rememberOfflineLogin(storage, 'demo-operator', 'secret-2', user('u2', 'demo-operator'));
    storage.setItem('okno.lastUser', JSON.stringify(user('u2', 'demo-operator')));
    storage.setItem('okno.theme', 'dark');
    expect((await verifyOfflineLogin(storage, 'demo-head', 'secret-1')).ok).toBe(true);

    forgetEverySignIn(storage);

    expect(await verifyOfflineLogin(storage, 'demo-head', 'secret-1')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await verifyOfflineLogin(storage, 'demo-operator', 'secret-2')).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(storage.getItem('okno.lastUser')).toBeNull();
    expect(storage.getItem('okno.theme')).toBe('dark');
  });
});
