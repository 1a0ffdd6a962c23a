/**
 * Progress of a sync as `job:progress` events: a one-line label (repo, stream, pages, records, rate
 * limit) plus the same facts as data (`sync`). Labels never contain the token or signed links.
 */
import type { GitHubRateLimit, GitHubStream, GitHubSyncProgress } from '../../shared/domain';
import type { WaitNotice } from './client';

export type ProgressSink = (label: string, fraction: number | null, detail: GitHubSyncProgress) => void;

const STREAM_LABEL: Record<GitHubStream, string> = {
  pulls: 'pull requests',
  reviews: 'reviews',
  commits: 'commits',
  deployments: 'deployments',
  statuses: 'deployment statuses',
  copilot: 'Copilot usage reports',
};

const ACTIVITY_INTERVAL_MS = 250;

export class SyncProgress {
  private detail: GitHubSyncProgress;
  private lastActivity = -Infinity;

  constructor(
    org: string,
    private readonly sink: ProgressSink,
  ) {
    this.detail = { org, repo: null, stream: null, repoIndex: 0, repoCount: 0, pages: 0, records: 0, rateLimitRemaining: null, rateLimitResetAt: null, waitingUntil: null };
  }

  repos(count: number): void {
    this.detail.repoCount = count;
  }

  repo(repo: string | null, index: number): void {
    Object.assign(this.detail, { repo, repoIndex: index, stream: null, pages: 0, records: 0 });
  }

  stream(stream: GitHubStream): void {
    Object.assign(this.detail, { stream, pages: 0, records: 0 });
    this.emit();
  }

  page(records: number): void {
    this.detail.pages += 1;
    this.detail.records += records;
    this.emit();
  }

  rate(rate: GitHubRateLimit): void {
    this.detail.rateLimitRemaining = rate.remaining;
    this.detail.rateLimitResetAt = rate.resetAt;
  }

  waiting(wait: WaitNotice): void {
    this.detail.waitingUntil = new Date(wait.until).toISOString();
    const seconds = Math.ceil(wait.ms / 1000);
    const why =
      wait.reason === 'primary-rate-limit'
        ? 'GitHub rate limit used up'
        : wait.reason === 'secondary-rate-limit'
          ? 'GitHub asked to slow down (secondary rate limit)'
          : wait.reason === 'server-error'
            ? 'GitHub answered with an error'
            : 'no answer from GitHub';
    this.emit(`${this.where()}${why}: waiting ${seconds} s (until ${this.detail.waitingUntil.slice(11, 19)} UTC), then retrying`);
    this.detail.waitingUntil = null;
  }

  /** Work inside a page (details, reviews, statuses): at most a few events a second. */
  activity(text: string): void {
    const now = performance.now();
    if (now - this.lastActivity < ACTIVITY_INTERVAL_MS) return;
    this.lastActivity = now;
    this.emit(`${this.where()}page ${this.detail.pages + 1} · ${text}`);
  }

  message(label: string): void {
    this.emit(label);
  }

  private where(): string {
    const d = this.detail;
    const repo = d.repo ? `${d.repo}${d.repoCount > 1 ? ` (${d.repoIndex}/${d.repoCount})` : ''} · ` : '';
    return `${repo}${d.stream ? `${STREAM_LABEL[d.stream]} · ` : ''}`;
  }

  private emit(label?: string): void {
    const d = this.detail;
    const rate = d.rateLimitRemaining !== null ? ` · rate limit ${d.rateLimitRemaining} left` : '';
    const text = label ?? `${this.where()}page ${d.pages} · ${d.records} records${rate}`;
    const fraction = d.repoCount > 0 ? Math.min(1, Math.max(0, (d.repoIndex - 1) / d.repoCount)) : null;
    this.sink(text, fraction, { ...d });
  }
}
