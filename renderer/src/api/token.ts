/**
 * Browser mode's per-launch token. `npm run serve` prints `http://127.0.0.1:PORT/#token=XYZ`; the page
 * reads the token from the fragment once, keeps it in sessionStorage (so a reload keeps working) and
 * removes it from the visible URL so it does not end up in screenshots or bookmarks.
 */
export const TOKEN_STORAGE_KEY = 'undertow.token';

/** The token in a location fragment such as `#token=abc` (or `#a=b&token=abc`), else null. */
export function parseTokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token');
  return token && token.trim() !== '' ? token.trim() : null;
}

/** The fragment with the token removed (other parameters are kept), including the leading '#', or ''. */
export function hashWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.delete('token');
  const rest = params.toString();
  return rest ? `#${rest}` : '';
}

export interface TokenEnv {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  sessionStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

/** Read the token (fragment first, then sessionStorage), remember it and strip it from the URL. */
export function acquireToken(env: TokenEnv): string | null {
  const fromHash = parseTokenFromHash(env.location.hash);
  if (fromHash) {
    safely(() => env.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromHash));
    const url = `${env.location.pathname}${env.location.search}${hashWithoutToken(env.location.hash)}`;
    env.history.replaceState(env.history.state, '', url);
    return fromHash;
  }
  return safely(() => env.sessionStorage.getItem(TOKEN_STORAGE_KEY)) ?? null;
}

/** Forget a token the host rejected, so a stale one from an earlier launch does not linger. */
export function forgetToken(env: Pick<TokenEnv, 'sessionStorage'>): void {
  safely(() => env.sessionStorage.removeItem(TOKEN_STORAGE_KEY));
}

function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined; // storage can be disabled; the token then lives only for this page load
  }
}
