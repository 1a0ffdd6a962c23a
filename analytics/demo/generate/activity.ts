/**
 * Engineering activity: each team's AI adoption path, and the pull requests its engineers open —
 * commits (with the AI markers of their tools), reviews, and merge or close times.
 */
import type { Rng } from '../../stats/random';
import type { AiCommitMode, AiTool, CommitAuthor, DemoBot, DemoCommit, DemoPerson, DemoReview, ReviewState } from '../model';
import { DEMO_BOTS, TEAM_SPECS, type TeamSpec } from '../org';
import { DAY_MS, HOUR_MS, PERIOD_END_MS, PERIOD_MONTHS, calendarMonth, monthStartMs, toSecond } from '../period';
import { DEMO_TRUTH } from '../truth';
import {
  SENIORITY_AI_FACTOR,
  SENIORITY_PR_FACTOR,
  SENIORITY_REVIEW_WEIGHT,
  activeMembers,
  clampToTenure,
  splitInteger,
  workingMoment,
  type GenerationContext,
  type PersonTraits,
  type PrDraft,
} from './context';
import { aiTrailerBlock } from './text';

const COPILOT_COAUTHOR: CommitAuthor = { login: 'Copilot', name: 'Copilot', email: '175728472+Copilot@users.noreply.github.com' };
const CLAUDE_COAUTHOR: CommitAuthor = { login: '', name: 'Claude', email: 'noreply@anthropic.com' };
/** Expected AI fraction of a commit's lines when an IDE or chat assisted only part of it. */
const PARTIAL_AI_FRACTION = { min: 0.4, max: 0.9 };
/** Agent PRs and AI-heavy PRs are bigger (Faros AI 2025: +154% PR size on high-AI teams). */
const AI_SIZE_FACTOR = 0.6;

/**
 * Team target AI share per month: 0 before adoption, then plateau·(1 − e^{−(t−a+1)/ramp}) with
 * ±8% month-to-month wobble.
 */
export function targetSharesFor(team: TeamSpec, rng: Rng): number[] {
  const ramp = DEMO_TRUTH.adoption.rampMonths;
  return Array.from({ length: PERIOD_MONTHS }, (_, t) => {
    if (team.adoptionMonth === null || t < team.adoptionMonth) return 0;
    const level = team.plateau * (1 - Math.exp(-(t - team.adoptionMonth + 1) / ramp));
    return Math.min(0.95, Math.max(0, level * Math.exp(rng.normal(0, 0.08))));
  });
}

/**
 * The per-commit AI probability in mixed PRs that makes a team-month's expected line share equal
 * its target, given that agent PRs are wholly AI and larger, and that IDE/chat-assisted commits are
 * only partly AI. Solved by bisection (the share is monotone in the probability).
 */
export function mixedCommitAiProbability(targetShare: number): number {
  if (targetShare <= 0) return 0;
  const modes = DEMO_TRUTH.measurement.mixedCommitModes;
  const partialMean = (PARTIAL_AI_FRACTION.min + PARTIAL_AI_FRACTION.max) / 2;
  const aiFractionOfAiCommit = modes.trailer + (modes.ide + modes.invisible) * partialMean;
  const agentShare = DEMO_TRUTH.measurement.agentPrShareOfShare * targetShare;
  const agentSize = 1 + AI_SIZE_FACTOR;
  const lineShare = (p: number): number => {
    const mixedSize = (1 - agentShare) * (1 + AI_SIZE_FACTOR * p);
    return (agentShare * agentSize + mixedSize * p * aiFractionOfAiCommit) / (agentShare * agentSize + mixedSize);
  };
  let lo = 0;
  let hi = 0.97;
  if (lineShare(hi) <= targetShare) return hi;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (lineShare(mid) < targetShare) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function botFor(login: string): DemoBot {
  const bot = DEMO_BOTS.find((b) => b.login === login);
  if (!bot) throw new Error(`Unknown demo bot ${login}`);
  return bot;
}

function trailerTool(rng: Rng, team: TeamSpec): AiTool {
  const tools = ['copilot', 'claude', 'cursor'] as const;
  return rng.weighted(tools, tools.map((t) => team.trailerTools[t]));
}

function humanAuthor(ctx: GenerationContext, person: DemoPerson): CommitAuthor {
  const usesNoreply = ctx.traits.get(person.login)?.usesNoreplyEmail ?? false;
  return { login: person.login, name: person.name, email: usesNoreply ? person.noreplyEmail : person.email };
}

interface CommitPlan {
  mode: AiCommitMode;
  tool: AiTool | null;
  /** Whether the commit message carries the tool's marker. */
  marked: boolean;
}

/** Commits of a PR: sizes split at random, times before the PR opens, markers per the plan. */
function buildCommits(
  ctx: GenerationContext,
  rng: Rng,
  draft: { owner: DemoPerson; createdMs: number; additions: number; deletions: number; bot: DemoBot | null },
  plans: readonly CommitPlan[],
): DemoCommit[] {
  const additions = splitInteger(rng, draft.additions, plans.length);
  const deletions = splitInteger(rng, draft.deletions, plans.length);
  const times: number[] = [];
  let t = draft.createdMs;
  for (let i = plans.length - 1; i >= 0; i--) {
    t = toSecond(clampToTenure(t - rng.exponential(3 * HOUR_MS), draft.owner));
    times[i] = Math.min(t, draft.createdMs);
  }
  const human = humanAuthor(ctx, draft.owner);
  return plans.map((plan, i) => {
    const lines = additions[i]!;
    let authors: CommitAuthor[];
    let body = '';
    if (draft.bot) {
      authors = [{ login: draft.bot.commitLogin, name: draft.bot.commitName, email: draft.bot.commitEmail }, human];
      body = draft.bot.tool === 'devin' ? `Co-Authored-By: ${draft.owner.name} <${draft.owner.email}>` : `Co-authored-by: ${draft.owner.name} <${draft.owner.email}>`;
    } else {
      authors = [human];
      if (plan.marked && plan.tool) {
        body = aiTrailerBlock(plan.tool);
        if (plan.tool === 'copilot') authors.push(COPILOT_COAUTHOR);
        if (plan.tool === 'claude') authors.push(CLAUDE_COAUTHOR);
      }
    }
    const aiLines =
      plan.mode === 'trailer' || plan.mode === 'agent'
        ? lines
        : plan.mode === 'ide' || plan.mode === 'invisible'
          ? Math.round(lines * rng.between(PARTIAL_AI_FRACTION.min, PARTIAL_AI_FRACTION.max))
          : 0;
    return {
      sha: rng.hex(40),
      authoredMs: times[i]!,
      committedMs: times[i]!,
      authors,
      headline: '',
      body,
      additions: lines,
      deletions: deletions[i]!,
      truth: { mode: plan.mode, tool: plan.tool, aiLines },
    };
  });
}

function pickReviewers(ctx: GenerationContext, rng: Rng, pr: PrDraft, count: number): string[] {
  const excluded = new Set([pr.owner.login]);
  const pool = activeMembers(ctx, pr.teamId, pr.createdMs).filter((p) => !excluded.has(p.login));
  const reviewers: string[] = [];
  if (pr.requestedBy) {
    reviewers.push(pr.requestedBy);
  }
  while (reviewers.length < count) {
    let candidates = pool.filter((p) => !reviewers.includes(p.login));
    // Some reviews come from a neighbouring team (platform owners, shared libraries).
    if (candidates.length === 0 || rng.bernoulli(0.08)) {
      candidates = ctx.people.filter((p) => p.teamId !== pr.teamId && p.startMs <= pr.createdMs && p.endMs > pr.createdMs && !reviewers.includes(p.login));
    }
    if (candidates.length === 0) break;
    reviewers.push(rng.weighted(candidates, candidates.map((p) => SENIORITY_REVIEW_WEIGHT[p.seniority])).login);
  }
  return reviewers;
}

/**
 * Reviews, then merge or close. Time to first review grows with the PR's AI share (planted:
 * ×2.0 at 100%); AI-heavy PRs also draw more change requests. Anything that would happen after the
 * period ends stays open, as a real export taken on 2026-10-31 would show it.
 */
export function scheduleLifecycle(
  ctx: GenerationContext,
  rng: Rng,
  pr: PrDraft,
  options: { closeProbability: number; fast: boolean; reviewMedianHours: number },
): void {
  const share = pr.additions > 0 ? pr.truth.aiLines / pr.additions : 0;
  const willMerge = !rng.bernoulli(options.closeProbability);
  let reviewCount = options.fast ? 1 : rng.weightedIndex([0.08, 0.5, 0.32, 0.1]);
  if (pr.requestedBy) reviewCount = Math.max(1, reviewCount);
  const reviewers = pickReviewers(ctx, rng, pr, reviewCount);
  const waitRatio = Math.exp(Math.log(DEMO_TRUTH.reviewWait.firstReviewMedianRatioAt100) * share);
  let t = pr.createdMs + (options.fast ? rng.lognormalMedian(0.4, 0.6) : rng.lognormalMedian(options.reviewMedianHours * waitRatio, DEMO_TRUTH.reviewWait.sigma)) * HOUR_MS;
  const reviews: DemoReview[] = [];
  let movedFixCommit = false;
  reviewers.forEach((reviewer, i) => {
    const last = i === reviewers.length - 1;
    let state: ReviewState;
    if (last) state = willMerge ? 'APPROVED' : rng.bernoulli(0.5) ? 'CHANGES_REQUESTED' : 'COMMENTED';
    else state = rng.bernoulli(0.25 * (1 + 0.7 * share)) ? 'CHANGES_REQUESTED' : 'COMMENTED';
    const submittedMs = toSecond(t);
    const latestCommit = pr.commits.filter((c) => c.authoredMs <= submittedMs).at(-1) ?? pr.commits[0]!;
    reviews.push({ id: `PRR_kwDO${rng.hex(12).toUpperCase()}`, reviewer, state, submittedMs, commitSha: latestCommit.sha });
    t += rng.lognormalMedian(3, 1.0) * HOUR_MS;
    // The author answers a change request with a commit ("Address review comments").
    if (state === 'CHANGES_REQUESTED' && !last && !movedFixCommit && pr.commits.length > 1) {
      const fixAt = toSecond(submittedMs + rng.lognormalMedian(2, 0.8) * HOUR_MS);
      if (fixAt < PERIOD_END_MS) {
        const moved = pr.commits[pr.commits.length - 1]!;
        moved.authoredMs = fixAt;
        moved.committedMs = fixAt;
        movedFixCommit = true;
        t = Math.max(t, fixAt + HOUR_MS);
      }
    }
  });
  const lastReview = reviews.at(-1)?.submittedMs ?? pr.createdMs;
  const lastCommit = Math.max(...pr.commits.map((c) => c.committedMs));
  let endMs: number;
  if (willMerge) {
    endMs = reviews.length > 0 ? lastReview + rng.lognormalMedian(1.5, 1.0) * HOUR_MS : pr.createdMs + rng.lognormalMedian(4, 1.2) * HOUR_MS;
  } else {
    endMs = Math.max(lastReview, pr.createdMs) + rng.lognormalMedian(60, 1.2) * HOUR_MS;
  }
  endMs = toSecond(Math.max(endMs, lastCommit + 60_000));
  // A few PRs are abandoned without being closed: they stay open for good, as in any real repo.
  const abandoned = !willMerge && rng.bernoulli(0.03);
  if (endMs >= PERIOD_END_MS || abandoned) {
    pr.state = 'open';
    pr.isDraft = rng.bernoulli(0.25);
    pr.reviews = reviews.filter((r) => r.submittedMs < PERIOD_END_MS);
    return;
  }
  pr.reviews = reviews;
  pr.closedMs = endMs;
  if (willMerge) {
    pr.state = 'merged';
    pr.mergedMs = endMs;
    pr.mergeCommitSha = rng.hex(40);
  } else {
    pr.state = 'closed';
  }
}

const FUNCTIONAL_LABELS = ['enhancement', 'tech-debt', 'frontend', 'backend', 'dependencies', 'performance'];

export interface DraftSpec {
  team: TeamSpec;
  owner: DemoPerson;
  repo: string;
  createdMs: number;
  kind: PrDraft['kind'];
  topic: string;
  additions: number;
  deletions: number;
  plannedAiShare: number;
  plans: CommitPlan[];
  bot: DemoBot | null;
  agentTool: AiTool | null;
  labels: string[];
}

/** A PR draft with its commits; wording, number and lifecycle come later. */
export function createDraft(ctx: GenerationContext, rng: Rng, spec: DraftSpec): PrDraft {
  const commits = buildCommits(ctx, rng, { owner: spec.owner, createdMs: spec.createdMs, additions: spec.additions, deletions: spec.deletions, bot: spec.bot }, spec.plans);
  return {
    repo: spec.repo,
    number: 0,
    teamId: spec.team.id,
    githubNodeId: `PR_kwDO${rng.hex(14).toUpperCase()}`,
    author: spec.bot ? spec.bot.login : spec.owner.login,
    requestedBy: spec.bot ? spec.owner.login : null,
    kind: spec.kind,
    title: '',
    body: '',
    headRef: '',
    baseRef: 'main',
    state: 'open',
    isDraft: false,
    createdMs: spec.createdMs,
    mergedMs: null,
    closedMs: null,
    additions: spec.additions,
    deletions: spec.deletions,
    changedFiles: Math.max(1, Math.round((1 + spec.additions / 45) * rng.lognormalMedian(1, 0.4))),
    labels: spec.labels,
    mergeCommitSha: null,
    commits,
    reviews: [],
    revertsNumber: null,
    isHotfix: spec.kind === 'hotfix',
    topic: spec.topic,
    truth: { aiLines: commits.reduce((sum, c) => sum + c.truth.aiLines, 0), plannedAiShare: spec.plannedAiShare },
    owner: spec.owner,
    agentTool: spec.agentTool,
    issueLink: null,
    fixesBug: false,
    incident: null,
    revertOf: null,
    deployedMs: null,
  };
}

function prSize(rng: Rng, plannedShare: number): { additions: number; deletions: number } {
  const additions = Math.min(4000, Math.max(1, Math.round(rng.lognormalMedian(70, 1.0) * (1 + AI_SIZE_FACTOR * plannedShare))));
  const deletions = Math.min(4000, Math.round(additions * rng.lognormalMedian(0.35, 0.8)));
  return { additions, deletions };
}

function repoWeights(count: number): number[] {
  return [3, 2, 1.5].slice(0, count);
}

/** One regular or agent PR opened by `owner` at `createdMs`, given the team's target share. */
function planPullRequest(ctx: GenerationContext, rng: Rng, team: TeamSpec, owner: DemoPerson, createdMs: number, targetShare: number, mixedAiProbability: number): PrDraft {
  const repos = ctx.reposByTeam.get(team.id)!;
  const repo = rng.weighted(repos, repoWeights(repos.length)).repo;
  const topic = rng.pick(team.topics);
  const agentProbability = DEMO_TRUTH.measurement.agentPrShareOfShare * targetShare;
  const commitCount = Math.min(6, 1 + rng.poisson(1.4));
  const labels: string[] = rng.bernoulli(0.2) ? [rng.pick(FUNCTIONAL_LABELS)] : [];

  if (targetShare > 0 && rng.bernoulli(agentProbability)) {
    const size = prSize(rng, 1);
    if (team.agentBot && rng.bernoulli(0.45)) {
      const bot = botFor(team.agentBot);
      if (bot.tool === 'copilot' && rng.bernoulli(0.3)) labels.push('copilot');
      const plans = Array.from({ length: commitCount }, (): CommitPlan => ({ mode: 'agent', tool: bot.tool, marked: false }));
      return createDraft(ctx, rng, { team, owner, repo, createdMs, kind: 'agent-bot', topic, ...size, plannedAiShare: 1, plans, bot, agentTool: bot.tool, labels });
    }
    const tool = trailerTool(rng, team);
    // Agent sessions usually leave their trailer; some teams squash or strip it, leaving only the branch.
    const marked = rng.bernoulli(0.7);
    if (rng.bernoulli(0.5)) labels.push(tool === 'copilot' && rng.bernoulli(0.5) ? 'copilot' : 'ai-assisted');
    const plans = Array.from({ length: commitCount }, (): CommitPlan => ({ mode: 'agent', tool, marked }));
    return createDraft(ctx, rng, { team, owner, repo, createdMs, kind: 'agent-branch', topic, ...size, plannedAiShare: 1, plans, bot: null, agentTool: tool, labels });
  }

  const traits = ctx.traits.get(owner.login)!;
  const p = Math.min(0.97, mixedAiProbability * traits.aiAffinity);
  const modes = DEMO_TRUTH.measurement.mixedCommitModes;
  const plans = Array.from({ length: commitCount }, (): CommitPlan => {
    if (!rng.bernoulli(p)) return { mode: 'none', tool: null, marked: false };
    const mode = rng.weighted(['trailer', 'ide', 'invisible'] as const, [modes.trailer, modes.ide, modes.invisible]);
    if (mode === 'trailer') return { mode, tool: trailerTool(rng, team), marked: true };
    return { mode, tool: mode === 'ide' ? 'copilot' : 'chatgpt', marked: false };
  });
  const size = prSize(rng, p);
  return createDraft(ctx, rng, { team, owner, repo, createdMs, kind: 'regular', topic, ...size, plannedAiShare: p, plans, bot: null, agentTool: null, labels });
}

const CLOSE_PROBABILITY = { regular: 0.08, 'agent-branch': 0.12, 'agent-bot': 0.3 } as const;

/**
 * Every engineer's PRs, month by month: Poisson(weeks active · 1.1 · seniority · personal ·
 * season · e^{ln(1.15)·targetShare} · team-month shock). See DEMO_TRUTH.throughput.
 */
export function generatePullRequests(ctx: GenerationContext): PrDraft[] {
  const drafts: PrDraft[] = [];
  const throughput = DEMO_TRUTH.throughput;
  const aiThroughput = Math.log(throughput.prsPerEngineerRatioAt100);
  for (const team of TEAM_SPECS) {
    const rng = ctx.rng.fork(`prs/${team.id}`);
    const shares = ctx.targetShares.get(team.id)!;
    for (let t = 0; t < PERIOD_MONTHS; t++) {
      const share = shares[t]!;
      const mixedAiProbability = mixedCommitAiProbability(share);
      const season = DEMO_TRUTH.seasonality.throughput[calendarMonth(t)] ?? 1;
      const shock = rng.gamma(throughput.teamMonthDispersionShape, 1 / throughput.teamMonthDispersionShape);
      const lo = monthStartMs(t);
      const hi = monthStartMs(t + 1);
      for (const person of ctx.peopleByTeam.get(team.id) ?? []) {
        const from = Math.max(lo, person.startMs);
        const to = Math.min(hi, person.endMs);
        if (to <= from) continue;
        const weeks = (to - from) / (7 * DAY_MS);
        const rate = weeks * throughput.createdPrsPerEngineerWeek * SENIORITY_PR_FACTOR[person.seniority] * ctx.traits.get(person.login)!.prRate * season * Math.exp(aiThroughput * share) * shock;
        const count = rng.poisson(rate);
        for (let k = 0; k < count; k++) {
          const createdMs = workingMoment(rng, from, to);
          const draft = planPullRequest(ctx, rng, team, person, createdMs, share, mixedAiProbability);
          scheduleLifecycle(ctx, rng, draft, { closeProbability: CLOSE_PROBABILITY[draft.kind as keyof typeof CLOSE_PROBABILITY], fast: false, reviewMedianHours: team.reviewMedianHours });
          drafts.push(draft);
        }
      }
    }
  }
  return drafts;
}

/** Per-person traits, each from the person's own stream so they do not depend on roster order. */
export function personTraits(rng: Rng, person: DemoPerson): PersonTraits {
  const r = rng.fork(`traits/${person.login}`);
  const sigma = DEMO_TRUTH.throughput.personalSigma;
  return {
    prRate: r.lognormal(-(sigma * sigma) / 2, sigma),
    // Mean-1 lognormal (σ = 0.5), scaled by seniority: juniors lean on AI more, staff less.
    aiAffinity: r.lognormal(-0.125, 0.5) * SENIORITY_AI_FACTOR[person.seniority],
    usesNoreplyEmail: r.bernoulli(0.4),
  };
}
