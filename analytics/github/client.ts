/**
 * The one way the engine talks to GitHub: an `@octokit/rest` client (auth, base URL for Enterprise
 * Server, Link-header pagination through its paginate plugin) with Undertow's wait-and-retry policy
 * (policy.ts) wrapped around every request.
 *
 * Why not @octokit/plugin-throttling / plugin-retry: both wait on Bottleneck's internal timers, which
 * can be neither injected (tests would sleep for real, or fight fake timers against real sockets) nor
 * reported (the UI shows "waiting for the rate limit until 14:05") nor cancelled mid-wait. The
 * policy they implement is GitHub's documented ladder, which policy.ts follows in ~40 lines.
 *
 * Nothing here logs; Octokit's own logger is silenced, and errors leave as GitHubSyncError values
 * whose messages pass through `redact` with the token.
 */
import { Octokit } from '@octokit/rest';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as delay } from 'node:timers/promises';
import type { GitHubRateLimit } from '../../shared/domain';
import { describeFailure, GitHubSyncError, redact, type FailedRequest, type RequestPurpose } from './failures';
import { exhaustedUntil, retryDecision, type WaitReason } from './policy';

/** What tests (and only tests) replace: the network and the clock. */
export interface ClientHooks {
  fetch?: typeof globalThis.fetch;
  /** Waits `ms`; rejects when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Epoch milliseconds. */
  now?: () => number;
}

export interface WaitNotice {
  reason: WaitReason;
  ms: number;
  /** Epoch ms when the wait ends. */
  until: number;
}

export interface ClientOptions extends ClientHooks {
  token: string;
  apiBase: string;
  userAgent: string;
  signal?: AbortSignal;
  onWait?: (wait: WaitNotice) => void;
  onRateLimit?: (rate: GitHubRateLimit) => void;
  /** One request's time limit (connect + answer). */
  requestTimeoutMs?: number;
}

export interface Page<T> {
  items: T[];
  /** The address of this page (no credentials in it). */
  url: string;
  /** Link: rel="next", or null on the last page. */
  nextUrl: string | null;
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export class GitHubClient {
  readonly octokit: Octokit;
  /** Requests sent, retries included. */
  requests = 0;
  rateLimit: GitHubRateLimit | null = null;
  private blockedUntil = 0;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly now: () => number;
  private readonly fetchImpl: typeof globalThis.fetch;

  constructor(private readonly options: ClientOptions) {
    this.sleep = options.sleep ?? ((ms, signal) => delay(ms, undefined, signal ? { signal } : {}));
    this.now = options.now ?? Date.now;
    this.fetchImpl = options.fetch ?? globalThis.fetch;
    this.octokit = new Octokit({
      auth: options.token,
      baseUrl: options.apiBase,
      userAgent: options.userAgent,
      log: silent,
      request: { fetch: this.fetchImpl },
    });
    this.octokit.hook.wrap('request', async (request, endpoint) => {
      // The token goes only to the API base: not to a host named by a Link header or a stored URL.
      const target = this.octokit.request.endpoint.parse(endpoint).url;
      if (!target.startsWith(`${options.apiBase}/`)) {
        throw new GitHubSyncError({ kind: 'invalid', message: `Refused to send the token to ${new URL(target).origin}: it is not the GitHub address ${options.apiBase}.` });
      }
      for (let attempt = 0; ; attempt++) {
        await this.beforeRequest();
        try {
          const response = await request({ ...endpoint, request: { ...endpoint.request, signal: this.requestSignal() } });
          this.noteRate(response.headers as Record<string, string | undefined>);
          return response;
        } catch (err) {
          this.throwIfCancelled();
          const failed = failedRequest(err);
          this.noteRate(failed.headers);
          const decision = retryDecision(failed, attempt, this.now());
          if (!decision) throw err;
          await this.wait(decision.reason, decision.ms);
        }
      }
    });
  }

  /** One GET, e.g. `get('pulls', 'pull request acme/api#7', 'GET /repos/{owner}/{repo}/pulls/{pull_number}', {…})`. */
  async get<T>(purpose: RequestPurpose, what: string, route: string, params: Record<string, unknown> = {}): Promise<{ data: T; url: string }> {
    try {
      const response = await this.octokit.request(route, params);
      return { data: response.data as T, url: response.url };
    } catch (err) {
      throw this.failure(err, what, purpose);
    }
  }

  /** The address of a route's first page (to record and to resume from). */
  firstPageUrl(route: string, params: Record<string, unknown>): string {
    return this.octokit.request.endpoint(route, params).url;
  }

  /** Pages of a list, from `url` on (a first page, or the stored next page of an interrupted pass). */
  async *pages<T>(purpose: RequestPurpose, what: string, url: string): AsyncGenerator<Page<T>> {
    const iterator = this.octokit.paginate.iterator<T>({ method: 'GET', url })[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<{ data: unknown; url: string; headers: Record<string, unknown> }>;
      try {
        next = await iterator.next();
      } catch (err) {
        throw this.failure(err, what, purpose);
      }
      if (next.done) return;
      const { data, url: pageUrl, headers } = next.value;
      yield { items: Array.isArray(data) ? (data as T[]) : [], url: pageUrl || url, nextUrl: nextLink(headers.link) };
    }
  }

  /**
   * Download a signed report link to `file`, streaming (a report can be large). The token is NOT
   * sent: the link carries its own signature and may point to another host.
   */
  async download(url: string, file: string, what: string): Promise<void> {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
      throw new GitHubSyncError({ kind: 'invalid', message: `The ${what} link is not an https address; it was not downloaded.` });
    }
    for (let attempt = 0; ; attempt++) {
      await this.beforeRequest();
      let failed: FailedRequest;
      try {
        const res = await this.fetchImpl(url, { headers: { 'user-agent': this.options.userAgent }, signal: this.requestSignal() });
        if (res.ok && res.body) {
          await pipeline(Readable.fromWeb(res.body as WebReadableStream), createWriteStream(file, { mode: 0o600 }));
          return;
        }
        const headers = Object.fromEntries(res.headers);
        failed = { status: res.status, headers, message: (await res.text().catch(() => '')).slice(0, 300) };
      } catch (err) {
        this.throwIfCancelled();
        failed = { status: null, headers: {}, message: err instanceof Error ? causeMessage(err) : String(err) };
      }
      const decision = retryDecision(failed, attempt, this.now());
      if (!decision) throw new GitHubSyncError(describeFailure(failed, what, 'download', this.options.token));
      await this.wait(decision.reason, decision.ms);
    }
  }

  private async beforeRequest(): Promise<void> {
    this.throwIfCancelled();
    const now = this.now();
    if (this.blockedUntil > now) await this.wait('primary-rate-limit', this.blockedUntil - now);
    this.requests++;
  }

  private async wait(reason: WaitReason, ms: number): Promise<void> {
    const until = this.now() + ms;
    this.options.onWait?.({ reason, ms, until });
    try {
      await this.sleep(ms, this.options.signal);
    } catch (err) {
      this.throwIfCancelled();
      throw err;
    }
    if (reason === 'primary-rate-limit') this.blockedUntil = 0;
  }

  private requestSignal(): AbortSignal {
    const timeout = AbortSignal.timeout(this.options.requestTimeoutMs ?? 60_000);
    return this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
  }

  private throwIfCancelled(): void {
    if (this.options.signal?.aborted) {
      throw new GitHubSyncError({ kind: 'cancelled', message: 'The sync was cancelled. What was imported before is kept; the next sync resumes where this one stopped.' });
    }
  }

  private noteRate(headers: FailedRequest['headers']): void {
    const remaining = Number(headers['x-ratelimit-remaining']);
    if (headers['x-ratelimit-remaining'] === undefined || !Number.isFinite(remaining)) return;
    const limit = Number(headers['x-ratelimit-limit']);
    const reset = Number(headers['x-ratelimit-reset']);
    this.rateLimit = {
      limit: Number.isFinite(limit) ? limit : null,
      remaining,
      resetAt: Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : null,
    };
    const until = exhaustedUntil(headers);
    if (until !== null) this.blockedUntil = Math.max(this.blockedUntil, until);
    this.options.onRateLimit?.(this.rateLimit);
  }

  /** A request error as a GitHubSyncError (cancellation and our own errors pass through). */
  failure(err: unknown, what: string, purpose: RequestPurpose): GitHubSyncError {
    if (err instanceof GitHubSyncError) return err;
    if (this.options.signal?.aborted) return new GitHubSyncError({ kind: 'cancelled', message: 'The sync was cancelled. What was imported before is kept; the next sync resumes where this one stopped.' });
    return new GitHubSyncError(describeFailure(failedRequest(err), what, purpose, this.options.token));
  }

  /** Scrub the token from any text that is about to leave the engine. */
  redact(text: string): string {
    return redact(text, this.options.token);
  }
}

/** What Octokit's RequestError (or a network failure) tells about a failed request. */
function failedRequest(err: unknown): FailedRequest {
  if (typeof err === 'object' && err !== null && 'status' in err) {
    const e = err as { status: number; message?: string; response?: { headers?: Record<string, unknown>; data?: unknown } };
    if (e.response) {
      const headers = Object.fromEntries(Object.entries(e.response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v === undefined ? undefined : String(v)]));
      const data = e.response.data;
      const message = typeof data === 'object' && data !== null && 'message' in data && typeof data.message === 'string' ? data.message : typeof data === 'string' ? data : (e.message ?? '');
      return { status: e.status, headers, message };
    }
  }
  return { status: null, headers: {}, message: err instanceof Error ? causeMessage(err) : String(err) };
}

function causeMessage(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error && cause.message) return `${err.message}: ${cause.message}`;
  return err.message;
}

function nextLink(link: unknown): string | null {
  if (typeof link !== 'string') return null;
  return /<([^<>]+)>;\s*rel="next"/.exec(link)?.[1] ?? null;
}
