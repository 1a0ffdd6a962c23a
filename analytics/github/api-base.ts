/**
 * The REST API base a sync talks to: github.com (https://api.github.com), GitHub Enterprise Server
 * (https://HOST/api/v3) or a local test server. Checked before any request is made.
 */
import { UndertowError } from '../errors';

export const GITHUB_COM_API = 'https://api.github.com';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Normalise what a person types: `github.com` → api.github.com; an Enterprise Server host without a
 * path gets GHES's `/api/v3`; a trailing slash goes. Plain http is accepted only on this machine
 * (loopback), since the token travels in every request's Authorization header.
 */
export function normalizeApiBase(input: string | undefined): string {
  if (!input) return GITHUB_COM_API;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UndertowError('invalid_request', `"${input}" is not an address; expected https://api.github.com or https://HOST/api/v3 for GitHub Enterprise Server.`);
  }
  if (url.username || url.password) {
    throw new UndertowError('invalid_request', 'The GitHub address must not contain a user name or password; set the token separately.');
  }
  if (url.search || url.hash) throw new UndertowError('invalid_request', 'The GitHub address must not contain a query (?…) or fragment (#…).');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new UndertowError('invalid_request', `The GitHub address must use https (plain http only for a server on this machine): ${url.origin}.`);
  }
  const host = url.hostname.toLowerCase();
  if (host === 'github.com' || host === 'www.github.com' || host === 'api.github.com') return GITHUB_COM_API;
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path || '/api/v3'}`;
}
