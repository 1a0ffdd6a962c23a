import { readFileSync, existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { safeStorageTokenStore, type TokenCrypto } from '../../electron/main/github-token';
import { tempDir } from '../analytics/helpers/temp';

const TOKEN = 'ghp_DesktopTokenSecret000000000000000000';

/** A stand-in for Electron's safeStorage: reversible, but the bytes on disk are not the token. */
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): TokenCrypto {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).toString('base64').split('').reverse().join('')}`),
    decryptString: (b) => Buffer.from(b.toString().slice(4).split('').reverse().join(''), 'base64').toString(),
    getSelectedStorageBackend: () => backend,
  };
}

describe('desktop token store (safeStorage)', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  it('keeps the token encrypted in userData across restarts, and clears it', async () => {
    const file = dir.file('github-token.bin');
    const store = safeStorageTokenStore(file, fakeSafeStorage(), 'linux');
    expect(await store.status()).toEqual({ configured: false, storage: 'os-keychain', persistent: true });
    expect(await store.set(TOKEN)).toEqual({ configured: true, storage: 'os-keychain', persistent: true });
    expect(readFileSync(file).includes(Buffer.from(TOKEN))).toBe(false);
    const restarted = safeStorageTokenStore(file, fakeSafeStorage(), 'linux');
    expect(await restarted.get()).toBe(TOKEN);
    expect(await restarted.clear()).toMatchObject({ configured: false });
    expect(existsSync(file)).toBe(false);
  });

  it('without a real keychain (Linux basic_text), keeps the token in memory only and says so', async () => {
    const file = dir.file('github-token.bin');
    const store = safeStorageTokenStore(file, fakeSafeStorage('basic_text'), 'linux');
    const status = await store.set(TOKEN);
    expect(status).toMatchObject({ configured: true, storage: 'memory', persistent: false, note: expect.stringMatching(/no OS keychain/) });
    expect(existsSync(file)).toBe(false);
    expect(await store.get()).toBe(TOKEN);
    expect(await safeStorageTokenStore(file, fakeSafeStorage('basic_text'), 'linux').get()).toBeNull();
  });
});
