/**
 * Live GitHub sync (issue 8, docs/github-sync.md): for chosen repos of an org, pull requests (with
 * details, reviews and commits), default-branch commits, deployments and their statuses, plus the
 * org's Copilot usage-metrics reports — fetched incrementally and loaded through the same importers,
 * attribution and linking as export files.
 *
 * Failure handling: a repo GitHub will not show (404/403) is reported and the others still sync; a
 * refused token (401), missing SSO authorisation, a rate limit that does not clear, GitHub staying
 * down, or a cancel stop the sync — everything committed before is kept, and the next sync resumes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GitHubRepoSyncReport, GitHubStream, GitHubSyncReport } from '../../shared/domain';
import { UndertowError } from '../errors';
import type { Workspace } from '../workspace/workspace';
import { GitHubClient, type ClientHooks } from './client';
import { syncCopilot } from './copilot';
import { emptyReport, type SyncContext } from './context';
import { GitHubSyncError } from './failures';
import { deriveIfPending, PageSink } from './pages';
import { SyncProgress, type ProgressSink } from './progress';
import { syncCommits, syncDeployments, syncPulls, type RepoReports } from './repo-streams';
import { getRepo, listOrgRepos } from './repos';
import { recordError } from './state';

export interface SyncOptions extends ClientHooks {
  ws: Workspace;
  token: string;
  /** Normalised API base (api-base.ts). */
  apiBase: string;
  org: string;
  /** NAME or OWNER/NAME; every repo of the org except forks when omitted. */
  repos?: readonly string[] | undefined;
  /** First sync of a stream: history from this day (YYYY-MM-DD). */
  since?: string | undefined;
  /** Fetch the org's Copilot usage reports (default true). */
  copilot?: boolean | undefined;
  userAgent: string;
  signal?: AbortSignal;
  onProgress?: ProgressSink;
  /** Where page files are written while they are imported (default: the OS temp directory). */
  tempDir?: string;
}

/** Validate the requested repo names before anything goes over the network. */
export function requestedRepos(org: string, repos: readonly string[] | undefined): string[] | null {
  if (!repos) return null;
  const names = repos.map((r) => {
    const [owner, name] = r.includes('/') ? (r.split('/') as [string, string]) : [org, r];
    if (owner.toLowerCase() !== org.toLowerCase()) {
      throw new UndertowError('invalid_request', `${r} is not a repository of ${org}; sync one organisation at a time.`);
    }
    return `${org}/${name}`;
  });
  return [...new Map(names.map((n) => [n.toLowerCase(), n])).values()];
}

export async function syncGitHub(options: SyncOptions): Promise<GitHubSyncReport> {
  const now = options.now ?? Date.now;
  const wanted = requestedRepos(options.org, options.repos);
  const report: GitHubSyncReport = {
    org: options.org,
    apiBase: options.apiBase,
    startedAt: new Date(now()).toISOString(),
    finishedAt: '',
    repos: [],
    copilot: null,
    requests: 0,
    rateLimit: null,
    derived: false,
  };
  const progress = new SyncProgress(options.org, options.onProgress ?? (() => undefined));
  const client = new GitHubClient({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.sleep ? { sleep: options.sleep } : {}),
    now,
    token: options.token,
    apiBase: options.apiBase,
    userAgent: options.userAgent,
    ...(options.signal ? { signal: options.signal } : {}),
    onWait: (wait) => progress.waiting(wait),
    onRateLimit: (rate) => progress.rate(rate),
  });
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'undertow-github-'));
  const ctx: SyncContext = {
    ws: options.ws,
    client,
    sink: new PageSink(options.ws, dir),
    apiBase: options.apiBase,
    org: options.org,
    since: options.since ? `${options.since}T00:00:00Z` : null,
    progress,
    now,
  };
  let failed: unknown = null;
  try {
    progress.message(`Listing the repositories of ${options.org}`);
    const repos = wanted ?? (await listOrgRepos(client, options.org)).filter((r) => !r.fork).map((r) => r.fullName);
    progress.repos(repos.length);
    for (const [i, repo] of repos.entries()) {
      progress.repo(repo, i + 1);
      const repoReport: GitHubRepoSyncReport = { repo, streams: [] };
      report.repos.push(repoReport);
      await syncRepo(ctx, repoReport, wanted !== null);
    }
    if (options.copilot !== false) {
      progress.repo(null, repos.length);
      report.copilot = emptyReport('copilot');
      await guarded(ctx, `org:${options.org}`, 'copilot', report.copilot, () => syncCopilot(ctx, report.copilot!));
    }
  } catch (err) {
    if (err instanceof GitHubSyncError) report.error = err.failure;
    else failed = err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  // Attribution and links for everything imported, also after a stop (what was written is kept).
  try {
    progress.message('Updating AI attribution and links');
    report.derived = await deriveIfPending(options.ws);
  } catch (err) {
    failed ??= err;
  }
  if (failed) throw failed;
  report.requests = client.requests;
  report.rateLimit = client.rateLimit;
  report.finishedAt = new Date(now()).toISOString();
  return report;
}

async function syncRepo(ctx: SyncContext, repoReport: GitHubRepoSyncReport, lookUp: boolean): Promise<void> {
  if (lookUp) {
    // Canonical OWNER/NAME, and one clear message when the repo is missing or hidden from the token.
    const [owner, name] = repoReport.repo.split('/') as [string, string];
    try {
      repoReport.repo = (await getRepo(ctx.client, owner, name)).fullName;
    } catch (err) {
      if (!(err instanceof GitHubSyncError) || err.fatal) throw err;
      repoReport.error = err.failure;
      await recordError(ctx.ws, { apiBase: ctx.apiBase, scope: repoReport.repo, stream: 'pulls' }, err.failure.message);
      return;
    }
  }
  const repo = repoReport.repo;
  const reports: RepoReports = {
    pulls: emptyReport('pulls'),
    reviews: emptyReport('reviews'),
    commits: emptyReport('commits'),
    deployments: emptyReport('deployments'),
    statuses: emptyReport('statuses'),
  };
  repoReport.streams = [reports.pulls, reports.reviews, reports.commits, reports.deployments, reports.statuses];
  await guarded(ctx, repo, 'pulls', reports.pulls, () => syncPulls(ctx, repo, reports));
  if (reports.pulls.error?.kind === 'not_found') return;
  await guarded(ctx, repo, 'commits', reports.commits, () => syncCommits(ctx, repo, reports));
  await guarded(ctx, repo, 'deployments', reports.deployments, () => syncDeployments(ctx, repo, reports));
}

/** Run one stream; a failure is recorded on it, and only a fatal one stops the sync. */
async function guarded(ctx: SyncContext, scope: string, stream: GitHubStream, report: { error?: GitHubSyncError['failure'] }, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (!(err instanceof GitHubSyncError)) throw err;
    report.error = err.failure;
    await recordError(ctx.ws, { apiBase: ctx.apiBase, scope, stream }, err.failure.message).catch(() => undefined);
    if (err.fatal) throw err;
  }
}
