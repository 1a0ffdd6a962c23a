/**
 * The streams of one repository (docs/github-sync.md#what-is-fetched):
 *
 *   pulls        GET /repos/O/R/pulls?state=all&sort=updated&direction=desc, newest first, until the
 *                first PR older than the cursor. Per page, for the PRs on it: details of merged PRs
 *                (additions, deletions, changed files, merge commit), reviews of merged and open PRs,
 *                commits of merged PRs (trailers for attribution). The page and everything fetched for
 *                it are committed before the pass moves on.
 *   commits      GET /repos/O/R/commits?since=cursor−1 day (default branch: squash and merge commits).
 *   deployments  GET /repos/O/R/deployments newest first until the cursor; statuses of each; then the
 *                statuses of stored deployments that had not finished, as they may have since.
 */
import type { GitHubStreamReport } from '../../shared/domain';
import { ghPrJson } from '../importers/formats/github/gh-pr-json';
import { restCommits } from '../importers/formats/github/rest-commits';
import { restDeployments, restDeploymentStatuses } from '../importers/formats/github/rest-deployments';
import { restPulls } from '../importers/formats/github/rest-pulls';
import { restReviews } from '../importers/formats/github/rest-reviews';
import type { Page } from './client';
import { addCounts, laterOf, minus, type SyncContext } from './context';
import type { RequestPurpose } from './failures';
import { asPages, asRecords, jsonText, known } from './pages';
import { countPass, loadState, savePage, type StreamKey } from './state';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Pending deployments younger than this get their statuses fetched again. */
const OPEN_DEPLOYMENT_WINDOW = 30 * DAY;

interface PullItem {
  number: number;
  state?: string;
  html_url?: string;
  created_at?: string;
  updated_at?: string;
  merged_at?: string | null;
}

interface CommitItem {
  sha: string;
  author?: { login?: string } | null;
  commit?: { message?: string; author?: { name?: string; email?: string; date?: string } | null; committer?: { date?: string } | null };
}

interface DeploymentItem {
  id: number | string;
  created_at?: string;
}

export interface RepoReports {
  pulls: GitHubStreamReport;
  reviews: GitHubStreamReport;
  commits: GitHubStreamReport;
  deployments: GitHubStreamReport;
  statuses: GitHubStreamReport;
}

interface PassSpec<T> {
  key: StreamKey;
  purpose: RequestPurpose;
  what: string;
  /** The first page, given the lower bound (cursor minus overlap, or the `since` day) or null. */
  firstUrl(bound: string | null): string;
  /** 'desc': newest first, stop at the first item below the bound. 'since': the server filters. */
  order: 'desc' | 'since';
  overlapMs: number;
  keyOf(item: T): string | null | undefined;
  handle(items: T[], page: Page<T>, pageNo: number): Promise<void>;
}

/**
 * One pass over a list, resumable: continues an interrupted pass at its saved next page, else starts
 * at the first page. After each page's rows are committed the next page is saved; when the pass ends
 * the cursor moves to the newest item it saw.
 */
async function runPass<T>(ctx: SyncContext, spec: PassSpec<T>, report: GitHubStreamReport): Promise<void> {
  const state = await loadState(ctx.ws, spec.key);
  const bound = state.cursor ? minus(state.cursor, spec.overlapMs) : ctx.since;
  const stopAt = bound ? Date.parse(bound) : null;
  // Resume only at an address of this API base (a workspace file could have been tampered with).
  const resume = state.passNextUrl?.startsWith(`${ctx.apiBase}/`) ? state.passNextUrl : null;
  let passCursor = resume ? state.passCursor : null;
  const start = resume ?? spec.firstUrl(bound);
  ctx.progress.stream(spec.key.stream);
  let pageNo = 0;
  for await (const page of ctx.client.pages<T>(spec.purpose, spec.what, start)) {
    pageNo = Number(new URL(page.url).searchParams.get('page')) || pageNo + 1;
    let fresh = page.items;
    let reachedBound = false;
    if (spec.order === 'desc' && stopAt !== null) {
      const older = page.items.findIndex((item) => {
        const key = spec.keyOf(item);
        return key ? Date.parse(key) < stopAt : false;
      });
      if (older >= 0) {
        fresh = page.items.slice(0, older);
        reachedBound = true;
      }
    }
    for (const item of fresh) passCursor = laterOf(passCursor, spec.keyOf(item));
    if (fresh.length > 0) await spec.handle(fresh, page, pageNo);
    const nextUrl = reachedBound ? null : page.nextUrl;
    await savePage(ctx.ws, spec.key, { cursor: state.cursor, passCursor: laterOf(state.cursor, passCursor), nextUrl, pages: 1, records: fresh.length });
    report.pages += 1;
    report.records += fresh.length;
    ctx.progress.page(fresh.length);
    if (nextUrl === null) break;
  }
  report.complete = true;
}

function splitRepo(repo: string): { owner: string; repo: string } {
  const [owner, name] = repo.split('/') as [string, string];
  return { owner, repo: name };
}

/** Every page of a sub-list (reviews of a PR, statuses of a deployment), counted in `report`. */
async function allPages<T>(ctx: SyncContext, purpose: RequestPurpose, what: string, route: string, params: Record<string, unknown>, report: GitHubStreamReport): Promise<T[][]> {
  const pages: T[][] = [];
  for await (const page of ctx.client.pages<T>(purpose, what, ctx.client.firstPageUrl(route, { ...params, per_page: 100 }))) {
    report.pages += 1;
    report.records += page.items.length;
    if (page.items.length > 0) pages.push(page.items);
  }
  return pages;
}

/** A PR's commits in the shape of `gh pr view N --json number,url,createdAt,commits`, which names the PR. */
function ghCommitsRecord(pr: PullItem, commits: CommitItem[]): unknown {
  return {
    number: pr.number,
    url: pr.html_url,
    createdAt: pr.created_at,
    commits: commits.map((c) => {
      const message = c.commit?.message ?? '';
      const newline = message.indexOf('\n');
      return {
        oid: c.sha,
        messageHeadline: newline < 0 ? message : message.slice(0, newline),
        messageBody: newline < 0 ? '' : message.slice(newline + 1).replace(/^\s*\n/, ''),
        authoredDate: c.commit?.author?.date ?? null,
        committedDate: c.commit?.committer?.date ?? null,
        authors: [{ login: c.author?.login ?? null, name: c.commit?.author?.name ?? null, email: c.commit?.author?.email ?? null }],
      };
    }),
  };
}

export async function syncPulls(ctx: SyncContext, fullName: string, reports: RepoReports): Promise<void> {
  const { owner, repo } = splitRepo(fullName);
  const key: StreamKey = { apiBase: ctx.apiBase, scope: fullName, stream: 'pulls' };
  const handle = async (prs: PullItem[], page: Page<PullItem>, pageNo: number): Promise<void> => {
    addCounts(reports.pulls, await ctx.sink.importText(`${fullName} pulls page ${pageNo}`, page.url, jsonText(prs), [known(restPulls)]));

    const merged = prs.filter((p) => p.merged_at);
    if (merged.length > 0) {
      const details: unknown[] = [];
      for (const [i, pr] of merged.entries()) {
        ctx.progress.activity(`details of merged PRs ${i + 1}/${merged.length}`);
        const { data } = await ctx.client.get('pulls', `pull request ${fullName}#${pr.number}`, 'GET /repos/{owner}/{repo}/pulls/{pull_number}', { owner, repo, pull_number: pr.number });
        details.push(data);
        reports.pulls.pages += 1;
      }
      const label = `${ctx.apiBase}/repos/${fullName}/pulls/{${merged.map((p) => p.number).join(',')}}`;
      addCounts(reports.pulls, await ctx.sink.importText(`${fullName} pull request details page ${pageNo}`, label, asRecords(details), [known(restPulls)]));
    }

    const reviewed = prs.filter((p) => p.merged_at || p.state === 'open');
    const reviewPages: unknown[][] = [];
    for (const [i, pr] of reviewed.entries()) {
      ctx.progress.activity(`reviews ${i + 1}/${reviewed.length}`);
      const params = { owner, repo, pull_number: pr.number };
      reviewPages.push(...(await allPages(ctx, 'reviews', `reviews of ${fullName}#${pr.number}`, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', params, reports.reviews)));
    }
    if (reviewPages.length > 0) {
      const label = `${ctx.apiBase}/repos/${fullName}/pulls/{${reviewed.map((p) => p.number).join(',')}}/reviews`;
      addCounts(reports.reviews, await ctx.sink.importText(`${fullName} reviews page ${pageNo}`, label, asPages(reviewPages), [known(restReviews)]));
    }

    const withCommits: unknown[] = [];
    for (const [i, pr] of merged.entries()) {
      ctx.progress.activity(`commits of merged PRs ${i + 1}/${merged.length}`);
      const params = { owner, repo, pull_number: pr.number };
      const pages = await allPages<CommitItem>(ctx, 'pull-commits', `commits of ${fullName}#${pr.number}`, 'GET /repos/{owner}/{repo}/pulls/{pull_number}/commits', params, reports.commits);
      const commits = pages.flat();
      if (commits.length > 0 && pr.html_url && pr.created_at) withCommits.push(ghCommitsRecord(pr, commits));
    }
    if (withCommits.length > 0) {
      const label = `${ctx.apiBase}/repos/${fullName}/pulls/{${merged.map((p) => p.number).join(',')}}/commits`;
      addCounts(reports.commits, await ctx.sink.importText(`${fullName} pull request commits page ${pageNo}`, label, jsonText(withCommits), [known(ghPrJson)]));
    }
  };
  await runPass<PullItem>(
    ctx,
    {
      key,
      purpose: 'pulls',
      what: `pull requests of ${fullName}`,
      firstUrl: () => ctx.client.firstPageUrl('GET /repos/{owner}/{repo}/pulls', { owner, repo, state: 'all', sort: 'updated', direction: 'desc', per_page: 100 }),
      order: 'desc',
      overlapMs: MINUTE,
      keyOf: (pr) => pr.updated_at,
      handle,
    },
    reports.pulls,
  );
  reports.reviews.complete = true;
  await countPass(ctx.ws, { ...key, stream: 'reviews' }, reports.reviews.pages, reports.reviews.records, true);
}

export async function syncCommits(ctx: SyncContext, fullName: string, reports: RepoReports): Promise<void> {
  const { owner, repo } = splitRepo(fullName);
  await runPass<CommitItem>(
    ctx,
    {
      key: { apiBase: ctx.apiBase, scope: fullName, stream: 'commits' },
      purpose: 'commits',
      what: `commits of ${fullName}`,
      firstUrl: (bound) => ctx.client.firstPageUrl('GET /repos/{owner}/{repo}/commits', { owner, repo, per_page: 100, ...(bound ? { since: bound } : {}) }),
      order: 'since',
      // `since` compares committer dates; a commit pushed later with an older date is still seen
      // within a day, and through its PR's commit list otherwise.
      overlapMs: DAY,
      keyOf: (c) => c.commit?.committer?.date,
      handle: async (commits, page, pageNo) => {
        addCounts(reports.commits, await ctx.sink.importText(`${fullName} commits page ${pageNo}`, page.url, jsonText(commits), [known(restCommits)]));
      },
    },
    reports.commits,
  );
}

export async function syncDeployments(ctx: SyncContext, fullName: string, reports: RepoReports): Promise<void> {
  const { owner, repo } = splitRepo(fullName);
  const fetched = new Set<string>();
  const importStatuses = async (ids: string[], name: string): Promise<void> => {
    const pages: unknown[][] = [];
    for (const [i, id] of ids.entries()) {
      ctx.progress.activity(`statuses ${i + 1}/${ids.length}`);
      fetched.add(id);
      const params = { owner, repo, deployment_id: id };
      pages.push(...(await allPages(ctx, 'statuses', `statuses of deployment ${id} of ${fullName}`, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', params, reports.statuses)));
    }
    if (pages.length > 0) {
      const label = `${ctx.apiBase}/repos/${fullName}/deployments/{${ids.join(',')}}/statuses`;
      addCounts(reports.statuses, await ctx.sink.importText(name, label, asPages(pages), [known(restDeploymentStatuses)]));
    }
  };
  const key: StreamKey = { apiBase: ctx.apiBase, scope: fullName, stream: 'deployments' };
  await runPass<DeploymentItem>(
    ctx,
    {
      key,
      purpose: 'deployments',
      what: `deployments of ${fullName}`,
      firstUrl: () => ctx.client.firstPageUrl('GET /repos/{owner}/{repo}/deployments', { owner, repo, per_page: 100 }),
      order: 'desc',
      overlapMs: MINUTE,
      keyOf: (d) => d.created_at,
      handle: async (deployments, page, pageNo) => {
        addCounts(reports.deployments, await ctx.sink.importText(`${fullName} deployments page ${pageNo}`, page.url, jsonText(deployments), [known(restDeployments)]));
        await importStatuses(deployments.map((d) => String(d.id)), `${fullName} deployment statuses page ${pageNo}`);
      },
    },
    reports.deployments,
  );
  // Deployments stored while still queued or in progress have probably finished since.
  const since = new Date(ctx.now() - OPEN_DEPLOYMENT_WINDOW).toISOString().slice(0, 19).replace('T', ' ');
  const open = await ctx.ws.all<{ deployment_id: string }>(
    `SELECT deployment_id FROM deployments WHERE repo = $repo AND finished_at IS NULL AND created_at >= CAST($since AS TIMESTAMP) ORDER BY created_at DESC LIMIT 500`,
    { repo: fullName, since },
  );
  const pending = open.map((r) => r.deployment_id).filter((id) => !fetched.has(id));
  if (pending.length > 0) await importStatuses(pending, `${fullName} statuses of unfinished deployments`);
  reports.statuses.complete = true;
  await countPass(ctx.ws, { ...key, stream: 'statuses' }, reports.statuses.pages, reports.statuses.records, true);
}
