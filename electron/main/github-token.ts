/**
 * The desktop shell's GitHub token store: encrypted with Electron's safeStorage (macOS Keychain,
 * Windows DPAPI, libsecret/kwallet on Linux) in `<userData>/github-token.bin`, never in a workspace
 * and never logged. Where the OS offers no real keychain (Linux falling back to safeStorage's
 * 'basic_text' backend, whose key is hard-coded) the token is kept in memory for this session only
 * and the status says so. Type-only `electron` import, so it is unit-tested with a fake safeStorage.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import type { GitHubTokenStatus } from '../../shared/domain';
import type { GitHubTokenStore } from '../../analytics/github/token';

export type TokenCrypto = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'> & {
  getSelectedStorageBackend?: () => string;
};

export function safeStorageTokenStore(file: string, crypto: TokenCrypto, platform: NodeJS.Platform = process.platform): GitHubTokenStore {
  let memory: string | null = null;
  let sessionOnly = false;

  const secure = (): boolean => {
    if (!crypto.isEncryptionAvailable()) return false;
    // getSelectedStorageBackend exists on Linux only.
    const backend = platform === 'linux' ? crypto.getSelectedStorageBackend?.() : undefined;
    return backend !== 'basic_text' && backend !== 'unknown';
  };

  const readStored = async (): Promise<string | null> => {
    if (!secure()) return null;
    try {
      const token = crypto.decryptString(await readFile(file));
      return token || null;
    } catch {
      // Missing file, or encrypted by another OS user/keychain: as good as no token.
      return null;
    }
  };

  const status = async (): Promise<GitHubTokenStatus> => {
    const configured = memory !== null || (await readStored()) !== null;
    if (sessionOnly || !secure()) {
      return {
        configured,
        storage: 'memory',
        persistent: false,
        note: 'This system offers no OS keychain to encrypt the token with, so it is kept in memory until Undertow quits.',
      };
    }
    return { configured, storage: 'os-keychain', persistent: true };
  };

  return {
    get storage() {
      return sessionOnly || !secure() ? ('memory' as const) : ('os-keychain' as const);
    },
    async get() {
      return memory ?? (await readStored());
    },
    async set(token) {
      memory = token;
      if (secure()) {
        await mkdir(dirname(file), { recursive: true });
        const temp = `${file}.tmp`;
        await writeFile(temp, crypto.encryptString(token), { mode: 0o600 });
        await rename(temp, file);
        sessionOnly = false;
      } else {
        sessionOnly = true;
        await rm(file, { force: true });
      }
      return status();
    },
    async clear() {
      memory = null;
      sessionOnly = false;
      await rm(file, { force: true });
      return status();
    },
    status,
  };
}
