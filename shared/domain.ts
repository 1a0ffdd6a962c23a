/** Domain types shared by the engine and the UI. Times are ISO-8601 UTC strings. */

export type ShellMode = 'desktop' | 'browser' | 'cli';
export type WorkspaceKind = 'demo' | 'user';

export interface WorkspaceSummary {
  path: string;
  /** File name without the .duckdb extension. */
  name: string;
  kind: WorkspaceKind;
  schemaVersion: number;
  /** First and last day with data (YYYY-MM-DD), null when the workspace is empty. */
  from: string | null;
  to: string | null;
}

export interface RecentWorkspace {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface AppState {
  mode: ShellMode;
  version: string;
  workspace: WorkspaceSummary | null;
  recent: RecentWorkspace[];
  /** Native open/save dialogs exist only in the desktop shell. */
  nativeDialogs: boolean;
}

/** The canonical tables of product.md §3, in the order `info` lists them. */
export const canonicalTables = [
  'teams',
  'people',
  'repos',
  'services',
  'org_map',
  'pull_requests',
  'commits',
  'reviews',
  'deployments',
  'issues',
  'incidents',
  'tickets',
  'nps_responses',
  'copilot_usage',
  'issue_pr_links',
  'incident_change_links',
  'imports',
  'import_rejects',
  'settings',
  'scenarios',
] as const;
export type CanonicalTable = (typeof canonicalTables)[number];

export interface WorkspaceInfo {
  path: string;
  kind: WorkspaceKind;
  schemaVersion: number;
  tables: Record<CanonicalTable, number>;
  from: string | null;
  to: string | null;
}

/** How much of the data attribution and linking could use: shown next to every estimate. */
export interface Coverage {
  pullRequests: {
    total: number;
    merged: number;
    /** PRs with any AI evidence (confidence high, medium or low). */
    withAiEvidence: number;
    mergedWithAiEvidence: number;
    byConfidence: { high: number; medium: number; low: number; none: number };
    /** AI-attributed added lines / added lines over merged PRs (null without merged lines). */
    mergedAiShare: number | null;
    /** PRs in repos the org map gives to no team (left out of team metrics). */
    inUnmappedRepos: number;
  };
  issues: { total: number; linkedToPr: number };
  bugs: { total: number; linkedToPr: number };
  incidents: {
    total: number;
    linked: number;
    linkedToDeployment: number;
    linkedToPr: number;
    unlinked: number;
    /** Unlinked because of the urgency/priority filters. */
    filtered: number;
    /** Unlinked because the org map gives the service to no team. */
    noTeam: number;
    /** Unlinked because no deployment or merged PR of the team fell in the window. */
    noCandidate: number;
    /** Imported but not yet linked (relink has not run since). */
    notEvaluated: number;
  };
  teams: { mapped: number; withMergedPrs: number; withIncidents: number };
  months: { withMergedPrs: number; from: string | null; to: string | null };
  /** Team × month cells with merged PRs: the statistics' unit (product.md §7). */
  teamMonths: number;
}

export interface DateRange {
  /** Inclusive first day, YYYY-MM-DD. */
  from?: string | undefined;
  /** Inclusive last day, YYYY-MM-DD. */
  to?: string | undefined;
}

/** One month of the Overview: the board story in raw counts and rates. */
export interface OverviewMonth {
  /** YYYY-MM */
  month: string;
  mergedPrs: number;
  /** Line-weighted AI share of merged PRs' added lines, 0..1; null when no lines were merged. */
  aiShare: number | null;
  incidents: number;
  bugs: number;
  tickets: number;
  /** Net Promoter Score −100..100; null when there were no responses. */
  nps: number | null;
  npsResponses: number;
}

export interface Headline {
  key: 'mergedPrs' | 'aiShare' | 'incidents' | 'bugs' | 'tickets' | 'nps';
  label: string;
  /** Value over the latest complete month. */
  value: number | null;
  /** Value over the month before it. */
  previous: number | null;
  unit: 'count' | 'share' | 'score';
  /** Month the value refers to (YYYY-MM). */
  month: string | null;
}

export interface OverviewData {
  months: OverviewMonth[];
  headlines: Headline[];
}

export interface TeamRow {
  teamId: string;
  name: string;
  engineers: number;
  repos: number;
  mergedPrs: number;
  aiShare: number | null;
  incidents: number;
}

/** Progress of a long job (demo build, import, export), pushed as an event. */
export interface JobProgress {
  jobId: string;
  kind: 'demo' | 'import' | 'export' | 'sync';
  label: string;
  /** 0..1, or null when the total is unknown. */
  fraction: number | null;
  done: boolean;
  error?: string;
  /** GitHub sync jobs: where the sync is (repo, stream, pages, rows, rate limit). */
  sync?: GitHubSyncProgress;
  /** Import jobs: the file being imported (0-based index of `count`) and its own progress. */
  file?: { path: string; index: number; count: number; fraction: number | null; label: string };
}

export interface ImportReject {
  /** CSV: spreadsheet row (header = 1); JSON: 1-based record index. */
  line: number;
  field: string | null;
  reason: string;
}

export interface ImportTableCounts {
  table: string;
  inserted: number;
  updated: number;
  unchanged: number;
  duplicates: number;
}

/** What one file did: counts of its own records, every table it touched, its first rejects. */
export interface ImportFileReport {
  path: string;
  format: string | null;
  formatLabel: string | null;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Records that repeated a key already in the same file, merged into one. */
  duplicates: number;
  rejected: number;
  /** The first rejects; all of them are stored in the workspace's import_rejects table. */
  rejects: ImportReject[];
  tables: ImportTableCounts[];
  /** The file failed as a whole: nothing from it was stored. */
  error?: string;
  /** The `imports` row the file wrote (its stored rejects: `imports:rejects`); absent when nothing was stored. */
  importId?: number;
}

export interface ImportReport {
  /** Zone applied to timestamps written without one. */
  timeZone: string;
  files: ImportFileReport[];
}

// ── Live GitHub sync (docs/github-sync.md) ──────────────────────────────────────────────────────

/** What a sync fetches per repo (pulls, reviews, commits, deployments, statuses) and per org (copilot). */
export type GitHubStream = 'pulls' | 'reviews' | 'commits' | 'deployments' | 'statuses' | 'copilot';

export type GitHubFailureKind =
  | 'unauthorized' // 401: the token is wrong, expired or revoked
  | 'sso' // 403 with X-GitHub-SSO: the token is not authorised for the org's SAML SSO
  | 'forbidden' // 403: the token lacks a scope/permission, or the org blocks it
  | 'not_found' // 404: no such org/repo, or the token cannot see it
  | 'rate_limited' // still rate limited after waiting and retrying
  | 'server' // GitHub kept answering 5xx
  | 'network' // no answer (DNS, connection refused, reset, timeout)
  | 'invalid' // a request or answer GitHub/Undertow could not use (422, unreadable page)
  | 'import' // a fetched page could not be imported
  | 'cancelled'; // the user cancelled the sync

/** Why (part of) a sync stopped. The message says what to do and never contains the token. */
export interface GitHubFailure {
  kind: GitHubFailureKind;
  message: string;
  /** HTTP status, when GitHub answered. */
  status?: number;
  /** SAML SSO: the page where the user authorises the token for the organisation. */
  ssoUrl?: string;
}

/** What one stream did during a sync. Rows are counted as the import reports them. */
export interface GitHubStreamReport {
  stream: GitHubStream;
  /** API pages (and Copilot report files) fetched and imported. */
  pages: number;
  /** Records in those pages. */
  records: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** The stream is up to date. False: it stopped early and the next sync resumes it. */
  complete: boolean;
  error?: GitHubFailure;
}

export interface GitHubRepoSyncReport {
  /** OWNER/REPO */
  repo: string;
  streams: GitHubStreamReport[];
  /** The repo could not be synced at all (not found, no access); its streams were not fetched. */
  error?: GitHubFailure;
}

export interface GitHubRateLimit {
  limit: number | null;
  remaining: number;
  /** When the primary rate limit resets (ISO UTC). */
  resetAt: string | null;
}

/** The answer of `github:sync`. A sync that stops early still answers: what it imported is kept. */
export interface GitHubSyncReport {
  org: string;
  apiBase: string;
  startedAt: string;
  finishedAt: string;
  repos: GitHubRepoSyncReport[];
  /** Copilot usage-metrics reports of the org; null when not requested. */
  copilot: GitHubStreamReport | null;
  /** Requests sent to GitHub (retries included). */
  requests: number;
  rateLimit: GitHubRateLimit | null;
  /** Attribution and linking were recomputed after the new rows. */
  derived: boolean;
  /** The sync stopped before the end (401, SSO, GitHub unreachable, cancelled…); the next sync resumes. */
  error?: GitHubFailure;
}

/** Carried by `job:progress` events of kind 'sync'. */
export interface GitHubSyncProgress {
  org: string;
  /** OWNER/REPO, or null for org-level work (repo list, Copilot reports). */
  repo: string | null;
  stream: GitHubStream | null;
  /** 1-based position of the repo and the number of repos. */
  repoIndex: number;
  repoCount: number;
  /** Pages and records of the current stream so far. */
  pages: number;
  records: number;
  rateLimitRemaining: number | null;
  rateLimitResetAt: string | null;
  /** Set while the sync waits for a rate limit or before a retry (ISO UTC). */
  waitingUntil: string | null;
}

/** How far one stream has been synced (`github:status`). */
export interface GitHubStreamStatus {
  apiBase: string;
  /** OWNER/REPO, or org:ORG for Copilot reports. */
  scope: string;
  stream: GitHubStream;
  /** The high-water mark of the last completed pass (ISO time; a day for Copilot). */
  cursor: string | null;
  lastSyncedAt: string | null;
  /** A pass was interrupted; the next sync continues it from the page where it stopped. */
  resumable: boolean;
  pages: number;
  records: number;
  lastError: string | null;
}

export interface GitHubSyncStatus {
  /** A sync is running in this session. */
  running: boolean;
  streams: GitHubStreamStatus[];
}

/** A repository of the org, for the repo picker (`github:listRepos`). */
export interface GitHubRepoSummary {
  /** OWNER/REPO */
  fullName: string;
  name: string;
  private: boolean;
  archived: boolean;
  fork: boolean;
  defaultBranch: string | null;
  pushedAt: string | null;
}

/** Where the GitHub token lives: the OS keychain via Electron safeStorage (desktop), the host process's memory (browser mode), GITHUB_TOKEN (CLI). */
export type GitHubTokenStorage = 'os-keychain' | 'memory' | 'environment';

/** Never the token itself. */
export interface GitHubTokenStatus {
  configured: boolean;
  storage: GitHubTokenStorage;
  /** The token survives a restart of the app. */
  persistent: boolean;
  /** Why the token is kept only for this session, or how to set it (CLI). */
  note?: string;
}

// ── Statistics: effect estimates, event study, cohorts, dose-response (product.md §7, docs/methods.md) ──

/** The outcomes of the effect model: counts per team-month, with merged PRs as exposure. */
export const effectOutcomes = ['incidents', 'bugs', 'reverts', 'change_failures'] as const;
export type EffectOutcome = (typeof effectOutcomes)[number];

/** A 90% interval [low, high]. */
export type Interval90 = [number, number];

/** A normal prior on the log rate ratio at 100% vs 0% AI share, from a published figure (product.md §1). */
export interface EffectPrior {
  /** exp(prior mean): the rate ratio the prior is centred on. */
  rateRatio: number;
  ci90: Interval90;
  logMean: number;
  logSd: number;
  /** The publication(s) the prior comes from. */
  source: string;
  /** How the published figure was turned into the numbers above. */
  derivation: string;
}

/** The prior combined with this workspace's data (penalised IRLS, see docs/methods.md). */
export interface EffectPosterior {
  /** Posterior rate ratio (the mode of the penalised fit). */
  estimate: number;
  ci90: Interval90;
  /** Share of the posterior precision that comes from the data (0 = prior only, 1 = data only). */
  dataWeight: number;
}

export interface EffectLag {
  /** Months between the AI share and the outcome (0 = same month). */
  lag: number;
  /** Log rate ratio per 100% AI share at this lag; the estimate is exp of their sum. */
  coefficient: number;
}

/** One outcome's estimate: rate ratio at 100% vs 0% AI share, summed over lags 0–2. */
export interface EffectEstimate {
  outcome: EffectOutcome;
  /** ok: enough data; thin: an estimate with warnings; insufficient: no estimate (see warnings). */
  status: 'ok' | 'thin' | 'insufficient';
  /** Rate ratio at 100% vs 0% AI share (exp of the summed lag coefficients); null when insufficient. */
  estimate: number | null;
  /** 90% team-cluster bootstrap percentile interval. */
  ci90: Interval90 | null;
  /** Team-months in the fit. */
  n: number;
  teams: number;
  months: number;
  /** Outcome count in the fitted team-months. */
  events: number;
  /** Standard deviation of the team-months' AI share (lag 0). */
  aiShareSd: number;
  lags: EffectLag[];
  method: string;
  /** Pearson dispersion φ = X²/(n − p) of the Poisson fit (1 = Poisson; > 1 overdispersed). */
  overdispersion: number | null;
  bootstrap: { reps: number; failed: number; seed: number };
  /** Present when priors were requested. */
  prior: EffectPrior | null;
  posterior: EffectPosterior | null;
  warnings: string[];
  notes: string[];
}

export interface EventStudyTerm {
  /** Months since adoption (−1 is the reference and has no term). */
  eventTime: number;
  rateRatio: number | null;
  ci90: Interval90 | null;
  /** Team-months in this event-time bin. */
  n: number;
}

export interface EventStudyOutcome {
  outcome: EffectOutcome;
  terms: EventStudyTerm[];
  /** Joint Wald test that the pre-adoption terms are 0 (cluster-robust); null when not testable. */
  preTrendPValue: number | null;
  n: number;
  warnings: string[];
}

/** Staggered-adoption event study: a check that teams did not differ before they adopted AI. */
export interface EventStudy {
  /** A team adopts in the first month its AI share exceeds this. */
  threshold: number;
  window: { from: number; to: number; reference: number };
  adoption: Array<{ team: string; month: string | null }>;
  method: string;
  outcomes: EventStudyOutcome[];
  warnings: string[];
}

/** The `analysis:effects` answer: estimates, the event-study check and the data coverage behind them. */
export interface EffectsReport {
  unit: 'team-month';
  seed: number;
  bootstrap: number;
  priors: boolean;
  /** Months the estimates use (YYYY-MM), null for an empty workspace. */
  months: { from: string | null; to: string | null };
  effects: EffectEstimate[];
  eventStudy: EventStudy;
  coverage: Coverage;
  /** Milliseconds spent fitting (main fits, bootstrap, event study). */
  timings: { fitMs: number; bootstrapMs: number; eventStudyMs: number };
}

export type CohortMetric = 'review_wait_hours' | 'time_to_merge_hours' | 'size_lines' | 'revert_rate' | 'linked_bug_rate' | 'linked_incident_rate';

export interface CohortValue {
  /** Median (hours, lines) or rate (0..1); null without data. */
  value: number | null;
  ci90: Interval90 | null;
  /** PRs the value is computed over. */
  n: number;
  /** Rates: PRs with the event. */
  count?: number;
}

export interface CohortComparison {
  metric: CohortMetric;
  label: string;
  kind: 'median' | 'rate';
  unit: 'hours' | 'lines' | 'share';
  ai: CohortValue;
  nonAi: CohortValue;
  /** AI / non-AI (ratio of medians or of rates) with its 90% interval. */
  ratio: number | null;
  ratioCi90: Interval90 | null;
  method: string;
}

/** AI-assisted (any AI evidence) vs non-AI merged PRs. */
export interface CohortReport {
  seed: number;
  bootstrap: number;
  range: { from: string | null; to: string | null };
  definition: string;
  comparisons: CohortComparison[];
  warnings: string[];
}

export interface DoseResponseCell {
  outcome: EffectOutcome;
  count: number;
  /** Outcomes per 100 merged PRs. */
  per100: number | null;
  ci90: Interval90 | null;
  /** Dispersion across the bucket's team-months used to widen the interval (≥ 1). */
  dispersion: number | null;
}

export interface DoseResponseBucket {
  label: string;
  /** AI share bounds [lower, upper) (upper null = to 100%). */
  lower: number;
  upper: number | null;
  teamMonths: number;
  mergedPrs: number;
  meanAiShare: number | null;
  outcomes: DoseResponseCell[];
}

/** Outcome rates by AI-share bucket of team-months (descriptive: not adjusted for team or month). */
export interface DoseResponseReport {
  range: { from: string | null; to: string | null };
  buckets: DoseResponseBucket[];
  method: string;
  warnings: string[];
}

export interface LaggedTerm {
  /** Months from the AI share (month t) to the outcome (month t + lag). */
  lag: number;
  /** Rate ratio of the outcome at t + lag per 100% AI share at t (team and month fixed effects). */
  rateRatio: number | null;
  ci90: Interval90 | null;
  n: number;
}

export interface LaggedReport {
  range: { from: string | null; to: string | null };
  method: string;
  outcomes: Array<{ outcome: EffectOutcome; lags: LaggedTerm[] }>;
  warnings: string[];
}

// ── Metrics (docs/metrics.md): every definition by period, team or repo, with drill-down.

export type MetricGrain = 'week' | 'month';
/** One row per period (`none`), per team of the teams table, or per repo with activity. */
export type MetricBreakdown = 'none' | 'team' | 'repo';
/** DORA 2023 performance level (Accelerate State of DevOps Report 2023); see docs/metrics.md. */
export type DoraLevel = 'elite' | 'high' | 'medium' | 'low';

/** A number for all merged PRs of the cell and for its AI-assisted and other PRs (any AI evidence or none). */
export interface AiSplit {
  all: number | null;
  ai: number | null;
  nonAi: number | null;
}

export interface MetricsRow {
  /** YYYY-MM (month) or YYYY-Www (ISO week, Monday first). */
  period: string;
  /** First day of the period, YYYY-MM-DD. */
  periodStart: string;
  /** Days of the period inside the requested range (a partial first or last period has fewer). */
  days: number;
  /** The row's team (breakdown by team, or the team filter); for a repo row, the repo's owning team. */
  team: string | null;
  repo: string | null;

  // AI share
  mergedPrs: number;
  addedLines: number;
  /** Σ ai_share × added lines / Σ added lines of the merged PRs; null without merged lines. */
  aiShare: number | null;
  /** Merged PRs with any AI evidence (confidence high, medium or low). */
  aiPrs: number;
  aiPrShare: number | null;

  // Throughput
  /** Org-map people (not bots) of the team, all mapped people overall; null for repo rows. */
  engineers: number | null;
  mergedPrsPerEngineerWeek: number | null;
  /** Merged PRs minus those later reverted, hotfix PRs and PRs blamed for an incident (each PR once). */
  qualityWeightedPrs: number;
  qualityWeightedPerEngineerWeek: number | null;
  revertedPrs: number;
  hotfixPrs: number;
  incidentLinkedPrs: number;

  // Stability
  /** Successful production deployments, plus merged PRs of repos without production deployments. */
  changes: number;
  changeFailures: number;
  changeFailureRate: number | null;
  incidents: number;
  /** Incident created → resolved, hours, over the period's resolved incidents. */
  restoreHoursMedian: number | null;
  restoreHoursP90: number | null;
  incidentsPer100Prs: number | null;
  bugs: number;
  bugsPer100Prs: number | null;
  bugsPer1kLines: number | null;
  /** Revert PRs merged in the period. */
  reverts: number;
  /** Share of the period's merged PRs that a merged revert later reverted. */
  revertRate: number | null;

  // DORA
  /** Median repo's changes per week. */
  deploymentsPerWeek: number | null;
  /** Median hours from first commit (or PR creation, when earlier) to merge. */
  leadTimeHours: number | null;
  dora: {
    deploymentFrequency: DoraLevel | null;
    leadTime: DoraLevel | null;
    changeFailureRate: DoraLevel | null;
    timeToRestore: DoraLevel | null;
  };

  // Review
  /** PR created → first review by someone else, hours (median). */
  firstReviewHours: AiSplit;
  /** PR created → merged, hours (median). */
  mergeHours: AiSplit;
  reviews: number;
  reviewers: number;
  /** Proxy: changed lines / 400 per review, clamped to 15–90 minutes (docs/metrics.md). */
  reviewHours: number;
  reviewHoursPerReviewer: number | null;
  reviewHoursPerPr: AiSplit;
  /** Reviews by senior, staff or principal reviewers / reviews by reviewers with a known level. */
  seniorReviewShare: AiSplit;

  // Customers (null where the scope cannot say: tickets have no repo, NPS no team or repo)
  tickets: number | null;
  /** Tickets tagged bug or incident. */
  bugIncidentTickets: number | null;
  ticketsPerWeek: number | null;
  nps: number | null;
  npsResponses: number | null;
  /** 90% interval of NPS (normal approximation of the multinomial variance). */
  npsInterval: [number, number] | null;
}

export interface MetricsSeries {
  grain: MetricGrain;
  by: MetricBreakdown;
  team: string | null;
  repo: string | null;
  /** The range the rows cover (the data's own range when not given); null for an empty workspace. */
  from: string | null;
  to: string | null;
  /** linking.incidentWindowHours: the change-failure window. */
  windowHours: number;
  rows: MetricsRow[];
}

export const drilldownMetrics = [
  'mergedPrs', 'aiShare', 'aiPrShare', 'qualityWeightedPrs', 'revertedPrs', 'hotfixPrs', 'incidentLinkedPrs', 'reverts',
  'changes', 'changeFailures', 'changeFailureRate', 'incidents', 'restoreHours', 'bugs', 'reviews', 'firstReviewHours',
  'tickets', 'bugIncidentTickets', 'nps',
] as const;
/** A metric whose underlying rows can be listed (drill-down). */
export type DrilldownMetric = (typeof drilldownMetrics)[number];

export type DrilldownKind = 'pull_request' | 'change' | 'incident' | 'bug' | 'review' | 'ticket' | 'nps_response';

/** One underlying row: its natural key, a label, when it happened, its link and the values that matter. */
export interface DrilldownRow {
  kind: DrilldownKind;
  /** Natural key, e.g. acme/api#12, a deployment id, a PagerDuty id, PAY-123. */
  key: string;
  title: string | null;
  /** ISO-8601 UTC: merged, shipped, created or responded. */
  at: string;
  team: string | null;
  repo: string | null;
  url: string | null;
  /** The row's values behind the metric (e.g. aiShare, additions, failed, restoreHours, score). */
  details: Record<string, string | number | boolean | null>;
}

export interface Drilldown {
  metric: DrilldownMetric;
  period: string;
  from: string;
  to: string;
  team: string | null;
  repo: string | null;
  /** All rows behind the cell; `rows` holds at most `limit` of them. */
  total: number;
  limit: number;
  rows: DrilldownRow[];
}
