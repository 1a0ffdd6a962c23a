/**
 * AI attribution of the demo's PRs by the default rules of product.md §4, read from the markers a
 * real export shows (trailers, message bodies, authors, labels, branches, Copilot usage) — never from
 * the generator's ground truth. The demo loads its own rows until the importers (issue 3) land; their
 * attribution module, with user-editable rules, then replaces this one.
 */
import type { DemoCopilotDay, DemoPullRequest } from './model';
import { dayStartMs } from './period';

export type AiConfidence = 'none' | 'low' | 'medium' | 'high';

/** Rule names as stored in pull_requests.ai_evidence. */
export const AI_RULES = {
  coAuthoredBy: 'trailer-co-authored-by',
  madeWith: 'trailer-made-with',
  generatedBy: 'trailer-generated-by',
  generatedWith: 'body-generated-with',
  botAuthor: 'bot-author',
  label: 'label',
  branchPrefix: 'branch-prefix',
  copilotUsage: 'copilot-usage',
} as const;

const RULE_CONFIDENCE: Readonly<Record<string, AiConfidence>> = {
  [AI_RULES.coAuthoredBy]: 'high',
  [AI_RULES.madeWith]: 'high',
  [AI_RULES.generatedBy]: 'high',
  [AI_RULES.generatedWith]: 'high',
  [AI_RULES.botAuthor]: 'high',
  [AI_RULES.label]: 'medium',
  [AI_RULES.branchPrefix]: 'medium',
  [AI_RULES.copilotUsage]: 'low',
};
const CONFIDENCE_ORDER: readonly AiConfidence[] = ['none', 'low', 'medium', 'high'];

/** Assistant names and noreply addresses that make a co-author an AI (case-insensitive). */
const AI_COAUTHOR_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/copilot/i, 'copilot'],
  [/claude|@anthropic\.com/i, 'claude'],
  [/cursor/i, 'cursor'],
  [/codex|openai/i, 'codex'],
  [/gemini/i, 'gemini'],
  [/devin/i, 'devin'],
  [/amazon q/i, 'amazon-q'],
  [/windsurf/i, 'windsurf'],
];
const AGENT_AUTHORS: ReadonlyMap<string, string> = new Map([
  ['copilot-swe-agent[bot]', 'copilot'],
  ['copilot', 'copilot'],
  ['devin-ai-integration[bot]', 'devin'],
  ['claude[bot]', 'claude'],
  ['cursor[bot]', 'cursor'],
  ['codex', 'codex'],
]);
const AI_LABELS: ReadonlyMap<string, string | null> = new Map([
  ['ai-assisted', null],
  ['ai-generated', null],
  ['copilot', 'copilot'],
]);
const BRANCH_PREFIXES: ReadonlyArray<[string, string]> = [
  ['copilot/', 'copilot'],
  ['claude/', 'claude'],
  ['cursor/', 'cursor'],
  ['codex/', 'codex'],
  ['devin/', 'devin'],
];

function toolIn(text: string): string | null {
  for (const [pattern, tool] of AI_COAUTHOR_PATTERNS) if (pattern.test(text)) return tool;
  return null;
}

/** Git trailers: "Key: value" lines of a message's last paragraph. */
export function trailersOf(message: string): string[] {
  const paragraphs = message.trim().split(/\n\s*\n/);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1]! : '';
  const lines = last.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.length > 0 && lines.every((l) => /^[A-Za-z][A-Za-z0-9-]*: \S/.test(l)) ? lines : [];
}

export interface MessageEvidence {
  rules: string[];
  tool: string | null;
}

/** Commit-level evidence in a commit message (trailers and body markers). */
export function messageEvidence(message: string): MessageEvidence {
  const rules = new Set<string>();
  let tool: string | null = null;
  for (const trailer of trailersOf(message)) {
    const separator = trailer.indexOf(':');
    const key = trailer.slice(0, separator).toLowerCase();
    const value = trailer.slice(separator + 1).trim();
    if (key === 'co-authored-by') {
      const named = toolIn(value);
      if (named) {
        rules.add(AI_RULES.coAuthoredBy);
        tool ??= named;
      }
    } else if (key === 'made-with') {
      rules.add(AI_RULES.madeWith);
      tool ??= toolIn(value) ?? value.toLowerCase();
    } else if (key === 'generated-by' || key === 'assisted-by') {
      rules.add(AI_RULES.generatedBy);
      tool ??= toolIn(value) ?? value.toLowerCase();
    }
  }
  const generated = /generated with \[?(claude code|cursor|copilot|codex|gemini)/i.exec(message);
  if (generated) {
    rules.add(AI_RULES.generatedWith);
    tool ??= toolIn(generated[1]!) ?? generated[1]!.toLowerCase();
  }
  return { rules: [...rules], tool };
}

export function commitMessage(headline: string, body: string): string {
  return body ? `${headline}\n\n${body}` : headline;
}

export interface CommitAttribution {
  trailers: string[];
  aiTool: string | null;
}

export interface PullRequestAttribution {
  aiShare: number;
  aiEvidence: string[];
  aiConfidence: AiConfidence;
  commits: Map<string, CommitAttribution>;
}

interface PrLevelEvidence {
  rules: string[];
  tool: string | null;
}

function prLevelEvidence(pr: DemoPullRequest): PrLevelEvidence {
  const rules: string[] = [];
  let tool: string | null = null;
  const agentTool = AGENT_AUTHORS.get(pr.author.toLowerCase()) ?? pr.commits.map((c) => AGENT_AUTHORS.get(c.authors[0]!.login.toLowerCase())).find((t) => t);
  if (agentTool) {
    rules.push(AI_RULES.botAuthor);
    tool = agentTool;
  }
  for (const label of pr.labels) {
    const key = label.toLowerCase();
    if (AI_LABELS.has(key)) {
      if (!rules.includes(AI_RULES.label)) rules.push(AI_RULES.label);
      tool ??= AI_LABELS.get(key) ?? null;
    }
  }
  const prefix = BRANCH_PREFIXES.find(([p]) => pr.headRef.toLowerCase().startsWith(p));
  if (prefix) {
    rules.push(AI_RULES.branchPrefix);
    tool ??= prefix[1];
  }
  const body = messageEvidence(pr.body);
  if (body.rules.includes(AI_RULES.generatedWith)) {
    rules.push(AI_RULES.generatedWith);
    tool ??= body.tool;
  }
  return { rules, tool };
}

function strongest(rules: Iterable<string>): AiConfidence {
  let best = 0;
  for (const rule of rules) best = Math.max(best, CONFIDENCE_ORDER.indexOf(RULE_CONFIDENCE[rule] ?? 'none'));
  return CONFIDENCE_ORDER[best]!;
}

/**
 * ai_share, ai_evidence and ai_confidence per PR ("repo#number" → attribution), plus each commit's
 * trailers and tool. A PR-level marker (agent author, AI label, agent branch, generated-with body)
 * makes the whole PR AI; otherwise AI lines are counted commit by commit. Copilot usage is the
 * fallback for commits without a marker: the author's accepted lines that day are spent on that day's
 * unmarked commits in time order, so a day's usage is never counted twice.
 */
export function attributePullRequests(prs: readonly DemoPullRequest[], usage: readonly DemoCopilotDay[]): Map<string, PullRequestAttribution> {
  const budget = new Map<string, number>();
  for (const day of usage) budget.set(`${day.login}|${day.dayMs}`, day.locAdded);

  const result = new Map<string, PullRequestAttribution>();
  const pending: Array<{ pr: DemoPullRequest; attribution: PullRequestAttribution; aiLines: Map<string, number>; rules: Set<string> }> = [];
  for (const pr of prs) {
    const prLevel = prLevelEvidence(pr);
    const rules = new Set(prLevel.rules);
    const commits = new Map<string, CommitAttribution>();
    const aiLines = new Map<string, number>();
    for (const commit of pr.commits) {
      const message = commitMessage(commit.headline, commit.body);
      const evidence = messageEvidence(message);
      for (const rule of evidence.rules) rules.add(rule);
      const botTool = AGENT_AUTHORS.get(commit.authors[0]!.login.toLowerCase()) ?? null;
      commits.set(commit.sha, { trailers: trailersOf(message), aiTool: evidence.tool ?? botTool ?? (prLevel.rules.length > 0 ? prLevel.tool : null) });
      if (evidence.rules.length > 0) aiLines.set(commit.sha, commit.additions);
    }
    const attribution: PullRequestAttribution = { aiShare: 0, aiEvidence: [], aiConfidence: 'none', commits };
    result.set(`${pr.repo}#${pr.number}`, attribution);
    if (prLevel.rules.length > 0) {
      attribution.aiShare = pr.additions > 0 ? 1 : 0;
      attribution.aiEvidence = [...rules].sort();
      attribution.aiConfidence = strongest(rules);
      continue;
    }
    pending.push({ pr, attribution, aiLines, rules });
  }

  // Copilot usage, spent in commit time order across all PRs (deterministic, no double counting).
  const unmarked = pending.flatMap((entry) =>
    entry.pr.commits.filter((c) => !entry.aiLines.has(c.sha)).map((commit) => ({ entry, commit })),
  );
  unmarked.sort((a, b) => a.commit.authoredMs - b.commit.authoredMs || (a.commit.sha < b.commit.sha ? -1 : 1));
  for (const { entry, commit } of unmarked) {
    const key = `${commit.authors[0]!.login}|${dayStartMs(commit.authoredMs)}`;
    const available = budget.get(key) ?? 0;
    if (available <= 0 || commit.additions === 0) continue;
    const spent = Math.min(available, commit.additions);
    budget.set(key, available - spent);
    entry.aiLines.set(commit.sha, spent);
    entry.rules.add(AI_RULES.copilotUsage);
    const c = entry.attribution.commits.get(commit.sha)!;
    c.aiTool ??= 'copilot';
  }

  for (const { pr, attribution, aiLines, rules } of pending) {
    const lines = [...aiLines.values()].reduce((a, b) => a + b, 0);
    attribution.aiShare = pr.additions > 0 ? Math.min(1, lines / pr.additions) : 0;
    attribution.aiEvidence = [...rules].sort();
    attribution.aiConfidence = attribution.aiEvidence.length > 0 ? strongest(rules) : 'none';
  }
  return result;
}
