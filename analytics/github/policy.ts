/**
 * When to wait and retry a GitHub request, following GitHub's documented ladder
 * (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit):
 * a `retry-after` header is obeyed; `x-ratelimit-remaining: 0` waits until `x-ratelimit-reset`;
 * another secondary limit waits a minute, then exponentially longer; 5xx answers and network errors
 * are retried with exponential backoff. Everything else (401, 403 without a rate limit, 404, 422) is
 * not retried. Pure: the clock comes in as `now`.
 */
import { isRateLimited, ssoUrl, type FailedRequest } from './failures';

export type WaitReason = 'primary-rate-limit' | 'secondary-rate-limit' | 'server-error' | 'network-error';

export interface RetryDecision {
  reason: WaitReason;
  /** Milliseconds to wait before retrying. */
  ms: number;
}

export const RETRY_LIMITS = {
  /** 5xx / network: 1 s, 2 s, 4 s, 8 s, then give up. */
  serverRetries: 4,
  backoffBaseMs: 1000,
  /** Rate limits: how many waits for one request before giving up. */
  rateLimitRetries: 8,
  /** "Otherwise, wait for at least one minute before retrying." */
  secondaryDefaultMs: 60_000,
  /** The primary limit resets within the hour; a longer wait means something else is wrong. */
  maxWaitMs: 65 * 60_000,
  /** Margin after x-ratelimit-reset, for clock skew between this machine and GitHub. */
  resetMarginMs: 1000,
} as const;

/** Whether and how long to wait before retrying a request that failed `attempt` times before. */
export function retryDecision(req: FailedRequest, attempt: number, now: number): RetryDecision | null {
  const retryAfterMs = secondsHeader(req.headers['retry-after']);
  if (req.status === null || req.status >= 500) {
    if (attempt >= RETRY_LIMITS.serverRetries) return null;
    const backoff = RETRY_LIMITS.backoffBaseMs * 2 ** attempt;
    return { reason: req.status === null ? 'network-error' : 'server-error', ms: Math.max(backoff, retryAfterMs ?? 0) };
  }
  if (!isRateLimited(req) || ssoUrl(req.headers)) return null;
  if (attempt >= RETRY_LIMITS.rateLimitRetries) return null;
  let decision: RetryDecision;
  const reset = Number(req.headers['x-ratelimit-reset']);
  if (retryAfterMs !== null) decision = { reason: 'secondary-rate-limit', ms: retryAfterMs };
  else if (req.headers['x-ratelimit-remaining'] === '0' && Number.isFinite(reset) && reset > 0) {
    decision = { reason: 'primary-rate-limit', ms: Math.max(0, reset * 1000 - now) + RETRY_LIMITS.resetMarginMs };
  } else decision = { reason: 'secondary-rate-limit', ms: RETRY_LIMITS.secondaryDefaultMs * 2 ** attempt };
  return decision.ms > RETRY_LIMITS.maxWaitMs ? null : decision;
}

/** The wait before ANY next request when a successful answer said the primary limit is used up. */
export function exhaustedUntil(headers: FailedRequest['headers']): number | null {
  if (headers['x-ratelimit-remaining'] !== '0') return null;
  const reset = Number(headers['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? reset * 1000 + RETRY_LIMITS.resetMarginMs : null;
}

function secondsHeader(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}
