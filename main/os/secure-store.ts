import type { SafeStorage } from 'electron';
import type { SecureStore, SecureStoreStatus } from '../../shared/bridge/okno-bridge';

/** Where the encrypted token lives (a file in userData); injected so tests need no disk. */
export interface SecretFile {
  read(): Promise<Uint8Array | null>;
  write(data: Uint8Array): Promise<void>;
  remove(): Promise<void>;
}

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> &
  Partial<Pick<SafeStorage, 'getSelectedStorageBackend'>>;

/**
 * The refresh token, encrypted by the OS keychain through Electron's safeStorage. On Linux without a
 * keyring Chromium falls back to `basic_text` — a key hard-coded in Chromium, i.e. no protection at
 * all — so there the token is not stored (and any old copy is deleted), and the reason is reported.
 */
export function createSecureStore(
  safeStorage: SafeStorageLike,
  file: SecretFile,
  platform: string,
): SecureStore {
  function status(): SecureStoreStatus {
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      return { available: false, reason: 'basic-text-backend' };
    }
    if (!safeStorage.isEncryptionAvailable()) return { available: false, reason: 'encryption-unavailable' };
    return { available: true };
  }

  return {
    isAvailable: async () => status(),

    async setRefreshToken(token) {
      const current = status();
      if (token === null || !current.available) {
        await file.remove();
        return current;
      }
      await file.write(safeStorage.encryptString(token));
      return current;
    },

    async getRefreshToken() {
      if (!status().available) return null;
      const encrypted = await file.read();
      if (!encrypted) return null;
      try {
        return safeStorage.decryptString(Buffer.from(encrypted));
      } catch {
        // Encrypted under another OS user or a reset keychain: useless, so forget it and sign in again.
        await file.remove();
        return null;
      }
    },
  };
}
