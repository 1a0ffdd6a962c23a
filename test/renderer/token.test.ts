import { describe, expect, it } from 'vitest';
import { acquireToken, forgetToken, hashWithoutToken, parseTokenFromHash, TOKEN_STORAGE_KEY, type TokenEnv } from '../../renderer/src/api/token';

function fakeEnv(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored ? [[TOKEN_STORAGE_KEY, stored]] : []);
  const replaced: string[] = [];
  const env: TokenEnv = {
    location: { hash, pathname: '/', search: '' },
    history: { state: null, replaceState: (_s: unknown, _t: string, url?: string | URL | null) => void replaced.push(String(url)) },
    sessionStorage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
  };
  return { env, storage, replaced };
}

describe('per-launch token', () => {
  it('reads the token from the fragment', () => {
    expect(parseTokenFromHash('#token=abc-123_XYZ')).toBe('abc-123_XYZ');
    expect(parseTokenFromHash('#view=teams&token=t0k')).toBe('t0k');
    expect(parseTokenFromHash('#token=')).toBeNull();
    expect(parseTokenFromHash('')).toBeNull();
  });

  it('removes only the token from the fragment', () => {
    expect(hashWithoutToken('#token=abc')).toBe('');
    expect(hashWithoutToken('#view=teams&token=abc')).toBe('#view=teams');
  });

  it('keeps the token in sessionStorage and strips it from the visible URL', () => {
    const { env, storage, replaced } = fakeEnv('#token=secret');
    expect(acquireToken(env)).toBe('secret');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('secret');
    expect(replaced).toEqual(['/']);
  });

  it('falls back to the stored token after a reload (no fragment any more)', () => {
    const { env, replaced } = fakeEnv('', 'remembered');
    expect(acquireToken(env)).toBe('remembered');
    expect(replaced).toEqual([]);
  });

  it('prefers a new launch URL over a stale stored token', () => {
    const { env, storage } = fakeEnv('#token=fresh', 'stale');
    expect(acquireToken(env)).toBe('fresh');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('fresh');
  });

  it('returns null without any token and forgets a rejected one', () => {
    expect(acquireToken(fakeEnv('').env)).toBeNull();
    const { env, storage } = fakeEnv('', 'old');
    forgetToken(env);
    expect(storage.has(TOKEN_STORAGE_KEY)).toBe(false);
  });
});
