/**
 * The planted effects of the demo org: the numbers the generator uses and the numbers the
 * estimators (product.md §7) should recover from it. One constant, read by the generator, the
 * tests and docs/demo-data.md, so they cannot drift apart.
 *
 * Unit: team × calendar month. "Share" means a team-month's AI line share: AI-written added lines /
 * added lines of the PRs merged that month (product.md §4). Effects of AI share are log-linear:
 * rate(share) = base · exp(β · Σ_l w_l · share_{t−l}), and the quoted rate ratio is exp(β) — the ratio
 * at 100% vs 0% share sustained over the lags, exactly the §7 estimand ("sum of lag terms").
 */
import { TEAM_SPECS } from './org';
import { monthLabel } from './period';

/** Bump when the generator's output changes: ensureDemoWorkspace rebuilds older demos. */
export const DEMO_VERSION = 3;
/** The seed of the embedded demo workspace. */
export const DEMO_SEED = 20241101;

const LAG_WEIGHTS_0_TO_2 = [0.5, 0.3, 0.2] as const;

export const DEMO_TRUTH = {
  version: DEMO_VERSION,
  period: { from: '2024-11-01', to: '2026-10-31', months: 24, timeZone: 'UTC' },
  unit: 'team-month',
  /**
   * Incidents per merged PR. Drawn per team-month as NegBin(mean μ, shape k) with
   * μ = mergedPrs · baseIncidentsPerPr(team) · monthEffect(t) · exp(ln(1.30) · Σ_l w_l · trueShare_{t−l}).
   */
  incidents: { rateRatioAt100: 1.3, lagWeights: LAG_WEIGHTS_0_TO_2, dispersionShape: 5 },
  /** Jira bugs per merged PR, counted by the month the bug was created. Same form as incidents. */
  bugs: { rateRatioAt100: 1.25, lagWeights: LAG_WEIGHTS_0_TO_2, dispersionShape: 6 },
  /** Reverts per merged PR: reverts follow within days, so only lag 0 carries the effect. */
  reverts: { rateRatioAt100: 1.4, lagWeights: [1, 0, 0] as const, dispersionShape: 10 },
  /**
   * Change failures are not drawn separately: they are the deployments / merged PRs followed by a
   * linked incident, a revert or a hotfix (product.md §6), so their rate ratio is a blend of the
   * incident (×1.30) and revert (×1.40) effects — expect roughly ×1.3–×1.4.
   */
  changeFailures: { derivedFrom: ['incidents', 'reverts', 'hotfixes'] as const, expectedRateRatioRange: [1.25, 1.45] as const },
  /** Hotfix PRs (branch hotfix/…): a share of high-urgency incidents get one within hours. */
  hotfixes: { perHighUrgencyIncident: 0.45, perLowUrgencyIncident: 0.1 },
  /**
   * Throughput: each engineer opens Poisson(weeksActive · 1.1 · seniority · personal · season ·
   * exp(ln(1.15) · targetShare)) PRs a month (~9% are closed unmerged), i.e. +15% PRs per engineer at
   * 100% AI. Driven by the team's target share for the month (the share it is ramping to).
   */
  throughput: {
    prsPerEngineerRatioAt100: 1.15,
    createdPrsPerEngineerWeek: 1.1,
    seniority: { junior: 0.8, mid: 1.0, senior: 1.1, staff: 0.8 },
    personalSigma: 0.25,
    teamMonthDispersionShape: 50,
  },
  /** Time to first review is lognormal; its median scales by ×2.0 at 100% AI share of the PR itself. */
  reviewWait: { firstReviewMedianRatioAt100: 2.0, sigma: 0.9 },
  /** Month effects: throughput seasonality (calendar month → factor) and a shared outcome trend. */
  seasonality: {
    throughput: { 1: 0.95, 8: 0.85, 12: 0.72 } as Readonly<Record<number, number>>,
    /** Outcome rates per PR drift down 12% over the period (org-wide reliability work) plus N(0, 0.08²) shocks per month, shared by all teams. */
    outcomeTrendOverPeriod: -0.12,
    outcomeMonthShockSd: 0.08,
  },
  /**
   * Support tickets: a base volume per weekday (growing 20% over the period, December ×0.8) plus
   * tickets caused by incidents (Poisson per incident) and by customer-visible bugs.
   */
  tickets: {
    basePerWeekday: 20,
    basePerWeekendDay: 5,
    growthOverPeriod: 0.2,
    perHighUrgencyIncident: 9,
    perLowUrgencyIncident: 1.5,
    customerReportedBugShare: 0.25,
  },
  /**
   * NPS: latent score N(segment mean, 1.4²) rounded and clamped to 0..10; responses from accounts hit
   * by an incident in the 30 days before answering score 1.5 points lower on average. Baseline NPS
   * lands around +30 (typical of B2B software) and falls as incidents rise.
   */
  nps: {
    responsesPerMonth: 150,
    segmentMeanScore: { Enterprise: 9.1, 'Mid-Market': 8.9, SMB: 8.6 },
    scoreSd: 1.4,
    hitWindowDays: 30,
    scoreShiftWhenHit: -1.5,
  },
  /** How AI work is (and is not) visible — measured share ≈ true share minus the invisible part. */
  measurement: {
    /** AI commits in mixed PRs: trailer-marked / Copilot IDE completions (visible only in usage reports) / pasted from a chat (invisible). */
    mixedCommitModes: { trailer: 0.5, ide: 0.42, invisible: 0.08 },
    /** Share of AI-assisted PRs opened by an agent bot or on an agent branch (whole PR AI). */
    agentPrShareOfShare: 0.27,
  },
  adoption: {
    rampMonths: 2.5,
    teams: TEAM_SPECS.map((t) => ({
      teamId: t.id,
      adoptionMonth: t.adoptionMonth === null ? null : monthLabel(t.adoptionMonth),
      plateau: t.plateau,
      baseIncidentsPerPr: t.baseIncidentsPerPr,
      baseBugsPerPr: t.baseBugsPerPr,
      baseRevertsPerPr: t.baseRevertsPerPr,
    })),
  },
} as const;

export type DemoTruth = typeof DEMO_TRUTH;

/** Σ_l w_l · share_{t−l}, with shares before the period (or missing months) taken as 0. */
export function laggedShare(shares: readonly number[], t: number, weights: readonly number[]): number {
  let total = 0;
  for (let l = 0; l < weights.length; l++) {
    const s = t - l >= 0 ? shares[t - l] ?? 0 : 0;
    total += weights[l]! * s;
  }
  return total;
}
