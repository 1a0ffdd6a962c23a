/**
 * GitHub exports as a user would save them:
 * - `gh pr list --repo acme/x --state all --limit 100000 --json additions,author,baseRefName,body,
 *   changedFiles,closedAt,commits,createdAt,deletions,headRefName,isDraft,labels,mergeCommit,mergedAt,
 *   number,reviews,state,title,url` — newest first, keys in alphabetical order as gh prints them;
 *   bot authors appear as `app/<name>` with `is_bot: true`, commit co-authors (from trailers) are
 *   listed in `authors` as GitHub resolves them.
 * - `gh api --paginate repos/acme/x/deployments` and the statuses of each deployment
 *   (`…/deployments/{id}/statuses`), concatenated into one array; each status names its deployment
 *   in `deployment_url`.
 */
import type { DemoBot, DemoDeployment, DemoPerson, DemoPullRequest, DemoRepo } from '../model';
import { isoSeconds } from '../period';

const API = 'https://api.github.com';
const GITHUB_ACTIONS = { login: 'github-actions[bot]', id: 41898282, node_id: 'MDM6Qm90NDE4OTgyODI=', type: 'Bot' };
const LABEL_COLORS: Readonly<Record<string, string>> = { 'ai-assisted': '7057ff', copilot: '0e8a16', bug: 'd73a4a', hotfix: 'b60205' };

function isoOrNull(ms: number | null): string | null {
  return ms === null ? null : isoSeconds(ms);
}

export interface GithubDirectory {
  people: ReadonlyMap<string, DemoPerson>;
  bots: ReadonlyMap<string, DemoBot>;
}

function author(login: string, dir: GithubDirectory): Record<string, unknown> {
  const bot = dir.bots.get(login);
  if (bot) return { id: bot.githubNodeId, is_bot: true, login: bot.ghLogin };
  const person = dir.people.get(login);
  return { id: person?.githubNodeId ?? '', is_bot: false, login, name: person?.name ?? '' };
}

function labelId(name: string): string {
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return `LA_kwDOA${h.toString(36).toUpperCase()}`;
}

/** One repo's PRs in `gh pr list --json` shape. */
export function ghPrList(prs: readonly DemoPullRequest[], dir: GithubDirectory): unknown[] {
  return prs
    .slice()
    .sort((a, b) => b.number - a.number)
    .map((pr) => ({
      additions: pr.additions,
      author: author(pr.author, dir),
      baseRefName: pr.baseRef,
      body: pr.body,
      changedFiles: pr.changedFiles,
      closedAt: isoOrNull(pr.closedMs),
      commits: pr.commits.map((c) => ({
        authoredDate: isoSeconds(c.authoredMs),
        authors: c.authors.map((a) => ({ email: a.email, id: a.login ? dir.people.get(a.login)?.githubNodeId ?? '' : '', login: a.login, name: a.name })),
        committedDate: isoSeconds(c.committedMs),
        messageBody: c.body,
        messageHeadline: c.headline,
        oid: c.sha,
      })),
      createdAt: isoSeconds(pr.createdMs),
      deletions: pr.deletions,
      headRefName: pr.headRef,
      isDraft: pr.isDraft,
      labels: pr.labels.map((name) => ({ color: LABEL_COLORS[name] ?? 'ededed', description: '', id: labelId(name), name })),
      mergeCommit: pr.mergeCommitSha ? { oid: pr.mergeCommitSha } : null,
      mergedAt: isoOrNull(pr.mergedMs),
      number: pr.number,
      reviews: pr.reviews.map((r) => ({
        author: { login: r.reviewer },
        authorAssociation: 'MEMBER',
        body: r.state === 'CHANGES_REQUESTED' ? 'A few things to fix before this can go in.' : '',
        commit: { oid: r.commitSha },
        id: r.id,
        includesCreatedEdit: false,
        reactionGroups: [],
        state: r.state,
        submittedAt: isoSeconds(r.submittedMs),
      })),
      state: pr.state.toUpperCase(),
      title: pr.title,
      url: `https://github.com/${pr.repo}/pull/${pr.number}`,
    }));
}

function deploymentUrl(repo: string, id: number): string {
  return `${API}/repos/${repo}/deployments/${id}`;
}

/** `gh api repos/acme/x/deployments` (newest first) and the concatenated statuses of each. */
export function ghDeployments(repo: DemoRepo, deployments: readonly DemoDeployment[]): { deployments: unknown[]; statuses: unknown[] } {
  const newestFirst = deployments.filter((d) => d.repo === repo.repo).sort((a, b) => b.createdMs - a.createdMs || b.id - a.id);
  const repositoryUrl = `${API}/repos/${repo.repo}`;
  return {
    deployments: newestFirst.map((d) => ({
      url: deploymentUrl(repo.repo, d.id),
      id: d.id,
      node_id: `DE_kwDO${d.id.toString(36).toUpperCase()}`,
      task: 'deploy',
      original_environment: d.environment,
      environment: d.environment,
      description: null,
      created_at: isoSeconds(d.createdMs),
      updated_at: isoSeconds(d.finishedMs),
      statuses_url: `${deploymentUrl(repo.repo, d.id)}/statuses`,
      repository_url: repositoryUrl,
      creator: GITHUB_ACTIONS,
      sha: d.sha,
      ref: d.ref,
      payload: {},
      transient_environment: false,
      production_environment: d.environment === 'production',
      performed_via_github_app: null,
    })),
    statuses: newestFirst.flatMap((d) =>
      d.statuses
        .slice()
        .reverse()
        .map((s) => ({
          url: `${deploymentUrl(repo.repo, d.id)}/statuses/${s.id}`,
          id: s.id,
          node_id: `DES_kwDO${s.id.toString(36).toUpperCase()}`,
          state: s.state,
          creator: GITHUB_ACTIONS,
          description: s.state === 'in_progress' ? 'Deployment started' : `Deployment ${s.state}`,
          environment: d.environment,
          target_url: `https://github.com/${repo.repo}/actions/runs/${d.id + 7_000_000_000}`,
          log_url: `https://github.com/${repo.repo}/actions/runs/${d.id + 7_000_000_000}`,
          environment_url: d.environment === 'production' ? `https://${repo.name}.acme.com` : `https://${repo.name}.staging.acme.com`,
          created_at: isoSeconds(s.createdMs),
          updated_at: isoSeconds(s.createdMs),
          deployment_url: deploymentUrl(repo.repo, d.id),
          repository_url: repositoryUrl,
          performed_via_github_app: null,
        })),
    ),
  };
}
