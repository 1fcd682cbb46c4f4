import { createSecureStore, type SecretFile } from '../../../../main/os/secure-store';

function memoryFile(initial: Uint8Array | null = null) {
  let content = initial;
  const file: SecretFile = {
    read: vi.fn(async () => content),
    write: vi.fn(async (data: Uint8Array) => {
      content = data;
    }),
    remove: vi.fn(async () => {
      content = null;
    }),
  };
  return { file, stored: () => content };
}

function safeStorage(backend: string, encryptionAvailable = true) {
  return {
    isEncryptionAvailable: vi.fn(() => encryptionAvailable),
    getSelectedStorageBackend: vi.fn(() => backend as 'basic_text'),
    encryptString: vi.fn((text: string) => Buffer.from(`enc:${text}`)),
    decryptString: vi.fn((data: Buffer) => {
      const text = data.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext');
      return text.slice(4);
    }),
  };
}

describe('refresh token storage', () => {
  it('keeps the token encrypted by the OS keychain (libsecret on Linux)', async () => {
    const { file, stored } = memoryFile();
    const store = createSecureStore(safeStorage('gnome_libsecret'), file, 'linux');
    expect(await store.setRefreshToken('refresh-1')).toEqual({ available: true });
    expect(Buffer.from(stored()!).toString()).toBe('enc:refresh-1');
    expect(await store.getRefreshToken()).toBe('refresh-1');
  });

  it('does not store the token where Linux offers only the hard-coded basic_text key, and says why', async () => {
    const storage = safeStorage('basic_text');
    const { file, stored } = memoryFile();
    const store = createSecureStore(storage, file, 'linux');
    expect(await store.isAvailable()).toEqual({ available: false, reason: 'basic-text-backend' });
    expect(await store.setRefreshToken('refresh-1')).toEqual({
      available: false,
      reason: 'basic-text-backend',
    });
    expect(storage.encryptString).not.toHaveBeenCalled();
    expect(file.write).not.toHaveBeenCalled();
    expect(stored()).toBeNull();
    expect(await store.getRefreshToken()).toBeNull();
  });

  it('deletes a token stored earlier once the keyring is gone (basic_text now)', async () => {
    const { file, stored } = memoryFile(Buffer.from('enc:old'));
    const store = createSecureStore(safeStorage('basic_text'), file, 'linux');
    await store.setRefreshToken('new');
    expect(stored()).toBeNull();
  });

  it('reports a locked or missing keychain on any OS', async () => {
    const { file } = memoryFile();
    const store = createSecureStore(safeStorage('unknown', false), file, 'win32');
    expect(await store.setRefreshToken('x')).toEqual({ available: false, reason: 'encryption-unavailable' });
    expect(file.write).not.toHaveBeenCalled();
  });

  it('forgets the token on sign-out', async () => {
    const { file, stored } = memoryFile(Buffer.from('enc:old'));
    const store = createSecureStore(safeStorage('kwallet5'), file, 'linux');
    await store.setRefreshToken(null);
    expect(stored()).toBeNull();
    expect(await store.getRefreshToken()).toBeNull();
  });

  it('drops a token that cannot be decrypted any more (another user, reset keychain) instead of failing', async () => {
    const { file, stored } = memoryFile(Buffer.from('garbage'));
    const store = createSecureStore(safeStorage('gnome_libsecret'), file, 'linux');
    expect(await store.getRefreshToken()).toBeNull();
    expect(stored()).toBeNull();
  });
});
