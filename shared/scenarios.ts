/**
 * Scenario types shared by the engine (analytics/scenarios), the contract and the UI. The model is
 * product.md §8; docs/scenarios.md explains it in plain words.
 */

/** The policy levers of one scenario. Absent lever = not applied. */
export interface ScenarioLevers {
  /** Cap each targeted team's AI line share at this value (0..1). */
  capAi?: { share: number; teams?: string[] | undefined } | undefined;
  /** Every Nth sprint gives `capacity` (0..1) of that sprint to refactoring. */
  refactor?: { everyNthSprint: number; capacity: number; sprintWeeks: number } | undefined;
  /** PRs above `aboveShare` AI share need a senior review. */
  tieredReview?: { aboveShare: number } | undefined;
  /** Repos held at 0% AI share. */
  aiFreeRepos?: string[] | undefined;
}

/** Editable assumptions: every one has a value, a range and a source. */
export const assumptionKeys = [
  'kappa',
  'lambda',
  'tau',
  'extraSeniorHours',
  'reviewHoursPerPr',
  'rho',
  'seniorReviewHoursPerMonth',
  'reviewUtilisation',
  'ticketShareFromIncidents',
  'npsSensitivity',
  'costPerEngineerHour',
  'costPerIncident',
  'engineerHoursPerMonth',
] as const;
export type AssumptionKey = (typeof assumptionKeys)[number];

export interface AssumptionInfo {
  key: AssumptionKey;
  label: string;
  unit: string;
  value: number;
  min: number;
  max: number;
  /** Where the default comes from: a published source, the workspace, or our own judgement. */
  source: string;
  /** True when the value was calibrated from this workspace's data. */
  calibrated: boolean;
  /** Drawn per Monte Carlo draw as value × exp(N(0, 0.25²)), clamped to [min, max]; 0 stays 0. */
  uncertain: boolean;
}

export type ScenarioAssumptions = Partial<Record<AssumptionKey, number>>;

export interface ScenarioSpec {
  levers: ScenarioLevers;
  /** Overrides of the defaults; anything not given uses the default (calibrated or published). */
  assumptions?: ScenarioAssumptions | undefined;
  /** 1–8 quarters after the last complete month of data. */
  quarters: number;
  seed: number;
  /** Monte Carlo draws (≥ 2,000 for saved results; fewer allowed for previews). */
  draws?: number | undefined;
}

/** 5th, 50th and 95th percentile of a quantity over the Monte Carlo draws. */
export interface Band {
  p5: number;
  p50: number;
  p95: number;
}

export const scenarioMetricKeys = [
  'mergedPrs',
  'qualityWeightedThroughput',
  'incidents',
  'changeFailureRate',
  'bugs',
  'timeToRestoreHours',
  'seniorReviewHours',
  'tickets',
  'nps',
  'aiShare',
  'refactorShare',
  'cost',
] as const;
export type ScenarioMetricKey = (typeof scenarioMetricKeys)[number];

export interface ScenarioPeriod {
  /** YYYY-MM for months, YYYYQn for quarters. */
  period: string;
  metrics: Record<ScenarioMetricKey, Band>;
}

export interface ScenarioPath {
  months: ScenarioPeriod[];
  quarters: ScenarioPeriod[];
}

/** Where each fitted parameter came from: the workspace's own fit, or a published prior. */
export interface ScenarioParameter {
  key: string;
  label: string;
  /** Point value (log scale for effects). */
  value: number;
  /** Standard deviation used for the parameter draws. */
  sd: number;
  source: string;
  fromWorkspace: boolean;
}

export interface ScenarioResult {
  spec: ScenarioSpec;
  /** First projected month (YYYY-MM): the month after the last complete month of data. */
  startMonth: string;
  draws: number;
  baseline: ScenarioPath;
  scenario: ScenarioPath;
  /** scenario − baseline, per draw (same random numbers), as bands. */
  delta: ScenarioPath;
  assumptions: AssumptionInfo[];
  parameters: ScenarioParameter[];
  warnings: string[];
  millis: number;
}

export interface SavedScenario {
  id: string;
  name: string;
  levers: ScenarioLevers;
  assumptions: ScenarioAssumptions;
  quarters: number;
  seed: number;
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioComparison {
  startMonth: string;
  baseline: ScenarioPath;
  scenarios: Array<{ name: string; result: ScenarioResult }>;
}

export interface ReplayPr {
  repo: string;
  number: number;
  title: string;
  team: string | null;
  aiShare: number;
  additions: number;
  mergedAt: string;
  url: string | null;
  linkedIncidents: number;
}

/** A policy applied to the last complete quarter's actual merged PRs. */
export interface ReplayResult {
  quarter: string;
  from: string;
  to: string;
  mergedPrs: number;
  /** PRs whose AI share exceeds the cap (their AI lines would have had to be written by hand). */
  blockedByCap: { prs: number; aiLines: number; linkedIncidents: number; rows: ReplayPr[] };
  /** PRs that would have needed a senior review. */
  sentToSeniorReview: { prs: number; seniorHours: number; linkedIncidents: number; rows: ReplayPr[] };
  /** PRs in AI-free repos that used AI. */
  inAiFreeRepos: { prs: number; linkedIncidents: number; rows: ReplayPr[] };
  /** Incidents linked to any merged PR of the quarter (for scale). */
  linkedIncidentsTotal: number;
}

/** What the scenario builder needs before the first run. */
export interface ScenarioDefaults {
  startMonth: string;
  assumptions: AssumptionInfo[];
  parameters: ScenarioParameter[];
  teams: string[];
  repos: string[];
  warnings: string[];
}
