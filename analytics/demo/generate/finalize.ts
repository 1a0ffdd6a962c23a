/**
 * The last PR pass: numbers per repo (in creation order, with the gaps issues leave in GitHub's shared
 * number space), then wording — titles, branches, bodies and commit headlines that carry the Jira
 * keys, revert references and agent branch prefixes the importers will look for.
 */
import type { Rng } from '../../stats/random';
import type { DemoIssue, DemoPullRequest } from '../model';
import { compareStrings, type PrDraft } from './context';
import { capitalise, featurePhrase, fixPhrase, followUpHeadline, prBody, slugify } from './text';

export function assignNumbers(rng: Rng, prs: PrDraft[]): void {
  const byRepo = new Map<string, PrDraft[]>();
  for (const pr of prs) {
    const list = byRepo.get(pr.repo) ?? [];
    list.push(pr);
    byRepo.set(pr.repo, list);
  }
  for (const repo of [...byRepo.keys()].sort(compareStrings)) {
    const list = byRepo.get(repo)!.sort((a, b) => a.createdMs - b.createdMs || compareStrings(a.githubNodeId, b.githubNodeId));
    let number = rng.int(100, 2500);
    for (const pr of list) {
      pr.number = number;
      number += 1 + (rng.bernoulli(0.25) ? rng.int(1, 3) : 0);
    }
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function branchPrefix(rng: Rng, pr: PrDraft): string {
  if (pr.kind === 'agent-bot') return pr.agentTool === 'devin' ? `devin/${Math.floor(pr.createdMs / 1000)}-` : 'copilot/';
  if (pr.kind === 'agent-branch') return `${pr.agentTool}/`;
  if (pr.fixesBug) return 'fix/';
  return `${rng.pick(['feature', 'feat', 'chore', pr.owner.login])}/`;
}

function wordRegular(rng: Rng, pr: PrDraft): void {
  const key = pr.issueLink?.issue.key ?? null;
  const place = pr.issueLink?.place ?? null;
  const phrase = pr.fixesBug ? fixPhrase(rng, pr.topic) : featurePhrase(rng, pr.topic);
  pr.title = key && place === 'title' ? (rng.bernoulli(0.5) ? `${key} ${phrase}` : `[${key}] ${phrase}`) : phrase;
  pr.headRef = `${branchPrefix(rng, pr)}${key && place === 'branch' ? `${key}-` : ''}${slugify(phrase)}`;
  const body = [prBody(rng, pr.topic)];
  if (key && place === 'body') body.push(`${rng.pick(['Fixes', 'Closes', 'Resolves'])} ${key}`);
  if (pr.kind === 'agent-bot' && pr.agentTool === 'devin') body.push(`Link to Devin run: https://app.devin.ai/sessions/${rng.hex(32)}\nRequested by: ${pr.owner.name} (@${pr.owner.login})`);
  if (pr.kind === 'agent-bot' && pr.agentTool === 'copilot') body.push(`Created by Copilot coding agent at the request of @${pr.owner.login}.`);
  if (pr.kind === 'agent-branch' && pr.agentTool === 'claude' && pr.commits.some((c) => c.body.includes('Claude Code'))) {
    body.push('🤖 Generated with [Claude Code](https://claude.com/claude-code)');
  }
  pr.body = body.join('\n\n');
  pr.commits.forEach((commit, i) => {
    commit.headline = i === 0 ? (key && place === 'commit' ? `${key}: ${lowerFirst(phrase)}` : phrase) : followUpHeadline(rng);
  });
  if (pr.fixesBug && !pr.labels.includes('bug') && rng.bernoulli(0.6)) pr.labels.push('bug');
}

function wordHotfix(rng: Rng, pr: PrDraft): void {
  const incident = pr.incident!;
  const phrase = fixPhrase(rng, pr.topic);
  pr.title = `Hotfix: ${lowerFirst(phrase)}`;
  pr.headRef = `hotfix/${slugify(phrase)}`;
  pr.body = `Mitigates PagerDuty incident #${incident.number} (${incident.title}).\nhttps://acme.pagerduty.com/incidents/${incident.id}`;
  pr.commits.forEach((commit, i) => (commit.headline = i === 0 ? `Hotfix: ${lowerFirst(phrase)}` : 'Add regression test'));
}

function wordRevert(pr: PrDraft): void {
  const target = pr.revertOf!;
  pr.title = `Revert "${target.title}"`;
  pr.headRef = `revert-${target.number}-${target.headRef}`;
  pr.body = `Reverts ${target.repo}#${target.number}`;
  for (const commit of pr.commits) {
    commit.headline = `Revert "${target.title}"`;
    commit.body = `This reverts commit ${target.mergeCommitSha ?? target.commits[target.commits.length - 1]!.sha}.`;
  }
  pr.revertsNumber = target.number;
}

/** Word every PR, oldest first (a revert's target is always worded before the revert). */
export function wordPullRequests(rng: Rng, prs: PrDraft[]): void {
  const ordered = prs.slice().sort((a, b) => a.createdMs - b.createdMs || compareStrings(a.repo, b.repo) || a.number - b.number);
  for (const pr of ordered) {
    if (pr.kind === 'hotfix') wordHotfix(rng, pr);
    else if (pr.kind === 'revert') wordRevert(pr);
    else wordRegular(rng, pr);
  }
}

/**
 * Jira's GitHub integration ("Custom field (Development)") counts PRs whose title or branch carries
 * the key — reverts of a keyed PR included, as in real life.
 */
export function countDevelopmentPrs(issues: DemoIssue[], prs: readonly PrDraft[]): void {
  const byKey = new Map(issues.map((i) => [i.key, i]));
  const keyPattern = /\b([A-Z][A-Z0-9]+-\d+)\b/g;
  for (const pr of prs) {
    const keys = new Set([...`${pr.title} ${pr.headRef.toUpperCase()}`.matchAll(keyPattern)].map((m) => m[1]!));
    for (const key of keys) {
      const issue = byKey.get(key);
      if (!issue) continue;
      issue.devPrCount++;
      const touched = pr.closedMs ?? pr.createdMs;
      issue.devLastUpdatedMs = Math.max(issue.devLastUpdatedMs ?? 0, touched);
    }
  }
}

/** The public shape: drops generation-only fields. */
export function toPullRequest(draft: PrDraft): DemoPullRequest {
  const { owner: _owner, agentTool: _agentTool, issueLink: _issueLink, fixesBug: _fixesBug, incident: _incident, revertOf: _revertOf, deployedMs: _deployedMs, ...pr } = draft;
  return { ...pr, title: pr.title || capitalise(pr.topic) };
}
