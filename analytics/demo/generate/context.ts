/**
 * State shared by the generation stages: the org, per-person traits, the team-month AI targets, and
 * PR drafts — PRs whose wording is filled in last, once Jira keys and PR numbers exist.
 */
import type { Rng } from '../../stats/random';
import type { AiTool, DemoIncident, DemoIssue, DemoPerson, DemoPullRequest, DemoRepo, Seniority } from '../model';
import type { TeamSpec } from '../org';
import { DAY_MS, HOUR_MS, PERIOD_START_MS, isWeekend, toSecond } from '../period';

export interface PersonTraits {
  /** Personal PR-rate multiplier (mean 1). */
  prRate: number;
  /** Personal appetite for AI tools (mean ~1). */
  aiAffinity: number;
  /** Commits under GitHub's noreply address instead of the corporate one. */
  usesNoreplyEmail: boolean;
}

export type IssueLinkPlace = 'title' | 'branch' | 'body' | 'commit';

export interface PrDraft extends DemoPullRequest {
  /** The engineer who owns the work (for bot PRs: whoever asked the agent). */
  owner: DemoPerson;
  /** Tool behind an agent PR (null for regular PRs, whose commits carry their own tools). */
  agentTool: AiTool | null;
  /** The Jira issue the PR mentions, and where (keys exist only once all issues are numbered). */
  issueLink: { issue: DemoIssue; place: IssueLinkPlace } | null;
  fixesBug: boolean;
  incident: DemoIncident | null;
  revertOf: PrDraft | null;
  /** First successful production deployment that shipped it. */
  deployedMs: number | null;
}

export interface GenerationContext {
  rng: Rng;
  teams: readonly TeamSpec[];
  people: readonly DemoPerson[];
  peopleByTeam: ReadonlyMap<string, readonly DemoPerson[]>;
  repos: readonly DemoRepo[];
  reposByTeam: ReadonlyMap<string, readonly DemoRepo[]>;
  traits: ReadonlyMap<string, PersonTraits>;
  /** Team id → target AI share per month index. */
  targetShares: ReadonlyMap<string, readonly number[]>;
}

export const SENIORITY_PR_FACTOR: Readonly<Record<Seniority, number>> = { junior: 0.8, mid: 1.0, senior: 1.1, staff: 0.8 };
export const SENIORITY_AI_FACTOR: Readonly<Record<Seniority, number>> = { junior: 1.15, mid: 1.05, senior: 0.95, staff: 0.75 };
/** Seniors and staff engineers do most reviewing. */
export const SENIORITY_REVIEW_WEIGHT: Readonly<Record<Seniority, number>> = { junior: 0.4, mid: 1, senior: 2, staff: 2.5 };

export function isActive(person: DemoPerson, ms: number): boolean {
  return ms >= person.startMs && ms < person.endMs;
}

export function activeMembers(ctx: GenerationContext, teamId: string, ms: number): DemoPerson[] {
  return (ctx.peopleByTeam.get(teamId) ?? []).filter((p) => isActive(p, ms));
}

/**
 * A plausible working moment in [lo, hi): weekdays (weekend work ~10% as often), hours clustered
 * around 12:30 UTC (a Berlin office day).
 */
export function workingMoment(rng: Rng, lo: number, hi: number): number {
  for (let attempt = 0; attempt < 12; attempt++) {
    const day = Math.floor((lo + rng.uniform() * (hi - lo)) / DAY_MS) * DAY_MS;
    if (isWeekend(day) && rng.bernoulli(0.9)) continue;
    const hours = Math.min(21, Math.max(6, rng.normal(12.5, 2.8)));
    const t = toSecond(day + hours * HOUR_MS + rng.int(0, 59) * 1000);
    if (t >= lo && t < hi) return t;
  }
  return toSecond(Math.max(lo, Math.min(hi - 1000, lo + rng.uniform() * (hi - lo))));
}

/** Clamp an instant into the period and a person's tenure. */
export function clampToTenure(ms: number, person: DemoPerson): number {
  return Math.max(ms, PERIOD_START_MS, person.startMs);
}

/** Split `total` into `parts` non-negative integers with random (gamma-weighted) proportions. */
export function splitInteger(rng: Rng, total: number, parts: number): number[] {
  if (parts <= 1) return [total];
  const weights = Array.from({ length: parts }, () => rng.gamma(1.2));
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((w / sum) * total));
  let left = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) out[i] = out[i]! + 1;
  return out;
}

/** Code-unit string order: locale-independent, so sorting never depends on the machine's ICU data. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
