/**
 * Turning what GitHub answered into a failure a person can act on (docs/github-sync.md#when-a-sync-stops):
 * which token scope or permission is missing, SSO authorisation, repo access. Messages never contain
 * the token: every one passes through `redact` with it.
 */
import type { GitHubFailure, GitHubFailureKind } from '../../shared/domain';

/** What a request was for: names the thing in messages and the permission it needs. */
export type RequestPurpose = 'repos' | 'pulls' | 'reviews' | 'pull-commits' | 'commits' | 'deployments' | 'statuses' | 'copilot' | 'download';

const NEEDS: Record<RequestPurpose, string> = {
  repos: 'a classic token needs `repo` (private repositories) and `read:org`; a fine-grained token needs the organisation as resource owner and "Metadata: read" on the repositories',
  pulls: 'a classic token needs `repo`; a fine-grained token needs "Pull requests: read"',
  reviews: 'a classic token needs `repo`; a fine-grained token needs "Pull requests: read"',
  'pull-commits': 'a classic token needs `repo`; a fine-grained token needs "Pull requests: read"',
  commits: 'a classic token needs `repo`; a fine-grained token needs "Contents: read"',
  deployments: 'a classic token needs `repo` (or `repo_deployment`); a fine-grained token needs "Deployments: read"',
  statuses: 'a classic token needs `repo` (or `repo_deployment`); a fine-grained token needs "Deployments: read"',
  copilot:
    'Copilot usage metrics need the organisation\'s "Copilot usage metrics" policy enabled and an organisation owner (or a role with "View Organization Copilot Metrics"); a classic token needs `read:org`, a fine-grained token the organisation permission "Organization Copilot metrics: read" (the API exists on GitHub.com, not on Enterprise Server: sync without Copilot there and import the reports as files)',
  download: 'the report download link may have expired; sync again to get a fresh one',
};

/** Failures that end the whole sync: every later request would fail the same way. */
export const FATAL_KINDS: ReadonlySet<GitHubFailureKind> = new Set(['unauthorized', 'sso', 'rate_limited', 'server', 'network', 'cancelled']);

/** A failure carried as an exception inside the engine; crosses the contract as a `GitHubFailure` value. */
export class GitHubSyncError extends Error {
  constructor(readonly failure: GitHubFailure) {
    super(failure.message);
    this.name = 'GitHubSyncError';
  }

  get fatal(): boolean {
    return FATAL_KINDS.has(this.failure.kind);
  }
}

/** What is known of a failed request, from an Octokit RequestError or a plain fetch. */
export interface FailedRequest {
  /** HTTP status; null when no answer came (network). */
  status: number | null;
  headers: Readonly<Record<string, string | undefined>>;
  /** GitHub's message, or the network error's. */
  message: string;
}

/** Replace the token wherever it might appear. */
export function redact(text: string, token: string | null | undefined): string {
  if (!token) return text;
  return text.split(token).join('[token]');
}

/** The SAML SSO authorisation page from `X-GitHub-SSO: required; url=…`, if GitHub asked for it. */
export function ssoUrl(headers: FailedRequest['headers']): string | null {
  const value = headers['x-github-sso'];
  if (!value || !/^\s*required\b/i.test(value)) return null;
  const match = /url=(\S+)/i.exec(value);
  return match?.[1] ?? null;
}

export function isRateLimited(req: FailedRequest): boolean {
  if (req.status !== 403 && req.status !== 429) return false;
  return req.status === 429 || req.headers['retry-after'] !== undefined || req.headers['x-ratelimit-remaining'] === '0' || /rate limit/i.test(req.message);
}

/** The failure for a request that will not be retried (any more). */
export function describeFailure(req: FailedRequest, what: string, purpose: RequestPurpose, token: string | null): GitHubFailure {
  const failure = build(req, what, purpose);
  failure.message = redact(failure.message, token);
  return failure;
}

function build(req: FailedRequest, what: string, purpose: RequestPurpose): GitHubFailure {
  const said = req.message ? ` GitHub said: "${oneLine(req.message)}".` : '';
  const status = req.status ?? undefined;
  const withStatus = (kind: GitHubFailureKind, message: string): GitHubFailure => (status === undefined ? { kind, message } : { kind, message, status });
  if (req.status === null) {
    return { kind: 'network', message: `No answer from GitHub while fetching ${what} (${oneLine(req.message) || 'network error'}), even after retrying. Check the connection and the GitHub address, then sync again: it resumes where it stopped.` };
  }
  if (req.status === 401) {
    return withStatus('unauthorized', `GitHub refused the token (401) while fetching ${what}: it is wrong, expired or revoked. Create a new token (${NEEDS[purpose]}) and set it again.${said}`);
  }
  const sso = ssoUrl(req.headers);
  if (req.status === 403 && sso) {
    return { ...withStatus('sso', `The organisation uses SAML single sign-on and the token is not authorised for it. Open ${sso} to authorise the token, then sync again.`), ssoUrl: sso };
  }
  if (isRateLimited(req)) {
    const reset = Number(req.headers['x-ratelimit-reset']);
    const when = Number.isFinite(reset) && reset > 0 ? ` The limit resets at ${new Date(reset * 1000).toISOString()}.` : '';
    return withStatus('rate_limited', `GitHub's rate limit is still exhausted after waiting while fetching ${what}.${when} Sync again later: it resumes where it stopped.`);
  }
  if (req.status === 403) {
    const accepted = permissionsHint(req.headers);
    return withStatus('forbidden', `GitHub refused access to ${what} (403): ${NEEDS[purpose]}.${accepted}${said}`);
  }
  if (req.status === 404) {
    const hint = purpose === 'copilot' ? NEEDS.copilot : purpose === 'download' ? NEEDS.download : `check the name, and that the token can read it (GitHub answers 404 rather than 403 for a private repository the token cannot see): ${NEEDS[purpose]}`;
    return withStatus('not_found', `GitHub found no ${what} (404): ${hint}.${said}`);
  }
  if (req.status === 410 && purpose === 'download') return withStatus('not_found', `The Copilot report download link has expired (410): ${NEEDS.download}.`);
  if (req.status >= 500) {
    return withStatus('server', `GitHub kept failing (${req.status}) while fetching ${what}, even after retrying. Sync again later: it resumes where it stopped.${said}`);
  }
  return withStatus('invalid', `GitHub could not answer the request for ${what} (${req.status}).${said}`);
}

/** GitHub names the permissions an endpoint accepts in response headers; quote them when present. */
function permissionsHint(headers: FailedRequest['headers']): string {
  const parts: string[] = [];
  const fineGrained = headers['x-accepted-github-permissions'];
  const classic = headers['x-accepted-oauth-scopes'];
  const has = headers['x-oauth-scopes'];
  if (fineGrained) parts.push(`fine-grained permissions it accepts: ${fineGrained}`);
  if (classic) parts.push(`classic scopes it accepts: ${classic}${has !== undefined ? ` (the token has: ${has || 'none'})` : ''}`);
  return parts.length ? ` GitHub lists the ${parts.join('; ')}.` : '';
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, 300);
}
