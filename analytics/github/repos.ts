/** The org's repositories, for the repo picker and for "sync every repo". */
import type { GitHubRepoSummary } from '../../shared/domain';
import type { GitHubClient } from './client';

interface RepoItem {
  full_name: string;
  name: string;
  private?: boolean;
  archived?: boolean;
  fork?: boolean;
  default_branch?: string | null;
  pushed_at?: string | null;
}

export function repoSummary(r: RepoItem): GitHubRepoSummary {
  return {
    fullName: r.full_name,
    name: r.name,
    private: Boolean(r.private),
    archived: Boolean(r.archived),
    fork: Boolean(r.fork),
    defaultBranch: r.default_branch ?? null,
    pushedAt: r.pushed_at ?? null,
  };
}

export async function listOrgRepos(client: GitHubClient, org: string): Promise<GitHubRepoSummary[]> {
  const repos: GitHubRepoSummary[] = [];
  const first = client.firstPageUrl('GET /orgs/{org}/repos', { org, type: 'all', sort: 'full_name', per_page: 100 });
  for await (const page of client.pages<RepoItem>('repos', `repositories of the organisation ${org}`, first)) repos.push(...page.items.map(repoSummary));
  return repos;
}

/** One repository by name: its canonical OWNER/NAME, and a clear 404 when the token cannot see it. */
export async function getRepo(client: GitHubClient, owner: string, repo: string): Promise<GitHubRepoSummary> {
  const { data } = await client.get<RepoItem>('repos', `repository ${owner}/${repo}`, 'GET /repos/{owner}/{repo}', { owner, repo });
  return repoSummary(data);
}
