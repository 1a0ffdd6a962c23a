/**
 * Published figures (product.md §1) turned into priors for the scenario model when a workspace
 * cannot support its own fit, and the defaults of every editable assumption with its range and
 * source. Where no published figure exists the source says so: those are judgement calls the user
 * is expected to look at.
 */
import type { AssumptionInfo, AssumptionKey } from '../../shared/scenarios';
import type { Outcome } from './model';

export interface Prior {
  /** Log ratio at 100% vs 0% AI share. */
  logRr: number;
  sd: number;
  source: string;
}

export const PUBLISHED_PRIORS: Record<Outcome | 'throughput', Prior> = {
  incidents: {
    logRr: Math.log(1.235),
    sd: 0.15,
    source: 'Prior: +23.5% incidents per PR (Cortex, Engineering in the Age of AI: 2026 Benchmark Report), sd 0.15 on the log scale',
  },
  changeFailures: {
    logRr: Math.log(1.3),
    sd: 0.15,
    source: 'Prior: ~+30% change failure rate (Cortex, 2026 Benchmark Report), sd 0.15 on the log scale',
  },
  bugs: {
    logRr: Math.log(1.09),
    sd: 0.15,
    source: 'Prior: +9% bugs per developer for high-AI teams (Faros AI, The AI Productivity Paradox, 2025), sd 0.15 on the log scale',
  },
  throughput: {
    logRr: Math.log(1.2),
    sd: 0.25,
    source:
      'Prior: +20% PRs per author (Cortex 2026); sd 0.25 spans DORA 2024 (−1.5% throughput per +25% adoption) to Faros AI 2025 (+98% PRs merged for high-AI teams)',
  },
};

const judgement = 'Undertow default (judgement; no published figure) — set it from your own experience';

export function defaultAssumptions(): Record<AssumptionKey, AssumptionInfo> {
  const a = (key: AssumptionKey, label: string, unit: string, value: number, min: number, max: number, source: string, uncertain: boolean): AssumptionInfo => ({
    key,
    label,
    unit,
    value,
    min,
    max,
    source,
    calibrated: false,
    uncertain,
  });
  return {
    kappa: a('kappa', 'Incident reduction from a senior review (κ)', 'share', 0.3, 0, 0.8, judgement, true),
    lambda: a('lambda', 'Incident reduction per unit of refactoring stock (λ)', 'per share of capacity', 1, 0, 3, judgement, true),
    tau: a('tau', 'Refactoring benefit half-life scale (τ)', 'months', 6, 1, 24, judgement, true),
    extraSeniorHours: a('extraSeniorHours', 'Extra senior review hours per tiered PR (h)', 'hours', 0.75, 0, 4, `${judgement}; AI PRs carry ~1.7x the review issues (CodeRabbit, State of AI vs Human Code Generation, Dec 2025)`, true),
    reviewHoursPerPr: a('reviewHoursPerPr', 'Review hours per PR without AI (h₀)', 'hours', 1, 0.25, 4, judgement, false),
    rho: a('rho', 'Extra review time of AI-written code (ρ)', 'ratio at 100% AI', 0.91, 0, 2, '+91% review time for high-AI teams (Faros AI, The AI Productivity Paradox, 2025)', true),
    seniorReviewHoursPerMonth: a('seniorReviewHoursPerMonth', 'Spare review hours per senior engineer per month', 'hours', 8, 0, 40, judgement, false),
    reviewUtilisation: a('reviewUtilisation', 'Share of review capacity in use today', 'share', 0.85, 0.5, 1, judgement, false),
    ticketShareFromIncidents: a('ticketShareFromIncidents', 'Share of support tickets driven by incidents (p)', 'share', 0.25, 0, 1, judgement, false),
    npsSensitivity: a('npsSensitivity', 'NPS points lost when every account is hit by an incident (Δ)', 'NPS points', 20, 0, 100, judgement, false),
    costPerEngineerHour: a('costPerEngineerHour', 'Cost per engineer-hour', '$', 100, 0, 500, 'Undertow default; enter your loaded cost', false),
    costPerIncident: a('costPerIncident', 'Cost per incident', '$', 5000, 0, 200000, 'Undertow default; enter your own (response time, credits, churn)', false),
    engineerHoursPerMonth: a('engineerHoursPerMonth', 'Working hours per engineer per month', 'hours', 140, 80, 180, 'Undertow default (≈ 35 h × 4 weeks)', false),
  };
}
