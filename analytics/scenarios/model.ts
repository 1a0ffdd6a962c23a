/**
 * The scenario model of product.md §8 as a pure function: calibration + levers + assumptions + seed
 * → monthly and quarterly bands (Monte Carlo). No I/O; calibrate.ts builds the calibration from a
 * workspace. docs/scenarios.md explains every term.
 *
 * Unit: team × month. For each draw d (parameters drawn once per draw, shared by the baseline and
 * the scenario so their difference is not drowned in noise — common random numbers):
 *
 *   AI path        s_it: baseline = each team's damped recent trend; scenario = baseline with AI-free
 *                  repos' share removed, then capped for the targeted teams.
 *   refactoring    r_t = capacity × share of month t spent in refactor sprints; stock
 *                  S_t = e^{−1/τ}·S_{t−1} + (1 − e^{−1/τ})·r_t (a decaying average of refactor time).
 *   PR demand      D_it = PRs_i · g_t · exp(θ·(s_it − s_i0)) · (1 − r_t)     (s_i0: recent share;
 *                  g_t: the month's shared swing, lognormal with the org's historical volatility)
 *   review limit   merged_it = min(D_it, R_i / (h0·(1+ρ·s_it) + h_x·q_it), (1−q_it)·D_it + P_i/h_x)
 *                  R_i: review hours the team has (recent demand / utilisation); q_it: share of PRs
 *                  above the tiered-review threshold; h_x: extra senior hours per such PR; P_i: the
 *                  senior pool's spare hours.
 *   outcomes       μ_it = merged_it · rate_i · exp(β·(Σ_l w_l s_{i,t−l} − s_i0)) · (1 − κ·q_it) · e^{−λ·S_t}
 *                  for incidents, bugs and change failures (each with its own β and rate).
 *   counts         org totals per month drawn negative binomial with the fitted overdispersion.
 *   tickets        base · ((1 − p) + p · incidents / base incidents)
 *   NPS            base − Δ · (hit share_{t−3} − base hit share), hit share ∝ incidents; clamped ±100.
 */
import { Rng } from '../stats/random';
import {
  scenarioMetricKeys,
  type AssumptionInfo,
  type AssumptionKey,
  type Band,
  type ScenarioLevers,
  type ScenarioMetricKey,
  type ScenarioParameter,
  type ScenarioPath,
  type ScenarioPeriod,
} from '../../shared/scenarios';

export const OUTCOMES = ['incidents', 'bugs', 'changeFailures'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface TeamCalibration {
  team: string;
  /** Engineers on the team (org map people). */
  fte: number;
  /** Merged PRs per month recently (the level the projection starts from). */
  mergedPerMonth: number;
  /** Recent AI line share (the level rates were measured at). */
  aiRecent: number;
  /** AI share one and two months before the first projected month (for the lag terms). */
  aiLag1: number;
  aiLag2: number;
  /** Recent monthly change of AI share (damped in the baseline). */
  aiSlope: number;
  /** Outcomes per merged PR recently, at aiRecent. */
  ratePerPr: Record<Outcome, number>;
  /** Senior reviewers (org map seniority senior/staff/principal). */
  seniors: number;
  /** Share of the team's merged PRs in each repo (for AI-free zones). */
  repoShares: Record<string, number>;
}

export interface EffectParameter {
  /** Log rate ratio at 100% vs 0% AI share (sum over lags). */
  logRr: number;
  sd: number;
  source: string;
  fromWorkspace: boolean;
}

export interface Calibration {
  /** First projected month, YYYY-MM. */
  startMonth: string;
  teams: TeamCalibration[];
  effects: Record<Outcome, EffectParameter>;
  /** θ: log change in PRs per engineer at 100% vs 0% AI share. */
  theta: EffectParameter;
  lagWeights: readonly [number, number, number];
  /** Pearson dispersion φ per outcome (1 = Poisson). */
  dispersion: Record<Outcome, number>;
  /** SD of the log of the org's monthly merged PRs around their level: month-to-month swings (holidays, launches) shared by all teams. */
  throughputVolatility: number;
  /** Changes (deployments, or merged PRs where a repo has none) per merged PR: CFR denominator. */
  changesPerMergedPr: number;
  ticketsPerMonth: number;
  incidentsPerMonth: number;
  npsBase: number;
  /** Share of customer accounts hit by incidents in a month, recently. */
  hitShareBase: number;
  /** Recent monthly median hours to restore (time to restore is not moved by the levers). */
  restoreHours: number[];
  /** For the tiered-review share: merged PRs' AI shares (sorted ascending) and the line share they had. */
  prAiShares: Float64Array;
  prAiLineShare: number;
  assumptions: Record<AssumptionKey, AssumptionInfo>;
  warnings: string[];
}

export interface SimulationInput {
  calibration: Calibration;
  levers: ScenarioLevers;
  assumptions: Record<AssumptionKey, number>;
  /** Months simulated from calibration.startMonth. Quarters are reported only when complete. */
  months: number;
  seed: number;
  draws: number;
}

export interface SimulationOutput {
  baseline: ScenarioPath;
  scenario: ScenarioPath;
  delta: ScenarioPath;
  parameters: ScenarioParameter[];
}

const BASELINE_TREND_DAMPING = 0.8;
const MAX_AI_SHARE = 0.95;

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function quarterOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** Share of each projected month's days that fall in refactor sprints (sprints start on day 1). */
export function refactorShares(startMonth: string, months: number, lever: ScenarioLevers['refactor']): Float64Array {
  const out = new Float64Array(months);
  if (!lever || lever.capacity <= 0 || lever.everyNthSprint < 1) return out;
  const sprintDays = Math.max(1, Math.round(lever.sprintWeeks * 7));
  const [y, m] = startMonth.split('-').map(Number) as [number, number];
  let day = 0;
  for (let t = 0; t < months; t++) {
    const daysInMonth = new Date(Date.UTC(y, m - 1 + t + 1, 0)).getUTCDate();
    let refactorDays = 0;
    for (let d = 0; d < daysInMonth; d++, day++) if ((Math.floor(day / sprintDays) + 1) % lever.everyNthSprint === 0) refactorDays++;
    out[t] = (lever.capacity * refactorDays) / daysInMonth;
  }
  return out;
}

/** Share of merged PRs above an AI-share threshold, scaled to a team-month's line share. */
function tieredShare(c: Calibration, threshold: number, lineShare: number): number {
  const shares = c.prAiShares;
  if (shares.length === 0 || c.prAiLineShare <= 0) return 0;
  // Binary search for the first PR strictly above the threshold.
  let lo = 0;
  let hi = shares.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (shares[mid]! > threshold) hi = mid;
    else lo = mid + 1;
  }
  const above = (shares.length - lo) / shares.length;
  return Math.min(1, (above * lineShare) / c.prAiLineShare);
}

/** The teams' calibration as typed arrays for the hot loop. */
interface TeamArrays {
  mergedPerMonth: Float64Array;
  aiRecent: Float64Array;
  rateIncidents: Float64Array;
  rateBugs: Float64Array;
  rateChangeFailures: Float64Array;
  seniors: Float64Array;
  /** Engineers of all teams together (refactoring hours). */
  fte: number;
}

function teamArrays(c: Calibration): TeamArrays {
  const f = (get: (t: TeamCalibration) => number) => Float64Array.from(c.teams, get);
  return {
    mergedPerMonth: f((t) => t.mergedPerMonth),
    aiRecent: f((t) => t.aiRecent),
    rateIncidents: f((t) => t.ratePerPr.incidents),
    rateBugs: f((t) => t.ratePerPr.bugs),
    rateChangeFailures: f((t) => t.ratePerPr.changeFailures),
    seniors: f((t) => t.seniors),
    fte: c.teams.reduce((sum, t) => sum + t.fte, 0),
  };
}

interface PathPlan {
  teams: TeamArrays;
  /** AI share per team × month (row-major: team * months + t). */
  ai: Float64Array;
  /** Lagged AI exposure minus the calibration level per team × month. */
  lagged: Float64Array;
  /** Tiered-review share per team × month. */
  tiered: Float64Array;
  refactor: Float64Array;
  stock: Float64Array;
}

function plan(c: Calibration, levers: ScenarioLevers, months: number, tau: number, applyLevers: boolean): PathPlan {
  const T = c.teams.length;
  const ai = new Float64Array(T * months);
  const lagged = new Float64Array(T * months);
  const tiered = new Float64Array(T * months);
  const [w0, w1, w2] = c.lagWeights;
  const capTeams = levers.capAi?.teams?.length ? new Set(levers.capAi.teams) : null;
  const aiFree = applyLevers ? new Set(levers.aiFreeRepos ?? []) : new Set<string>();
  for (let i = 0; i < T; i++) {
    const team = c.teams[i]!;
    let freeShare = 0;
    for (const [repo, share] of Object.entries(team.repoShares)) if (aiFree.has(repo)) freeShare += share;
    const capped = applyLevers && levers.capAi && (!capTeams || capTeams.has(team.team)) ? levers.capAi.share : Infinity;
    let drift = 0;
    let damping = 1;
    for (let t = 0; t < months; t++) {
      damping *= BASELINE_TREND_DAMPING;
      drift += team.aiSlope * damping;
      const trend = Math.min(MAX_AI_SHARE, Math.max(0, team.aiRecent + drift));
      ai[i * months + t] = Math.min(capped, trend * (1 - freeShare));
    }
    for (let t = 0; t < months; t++) {
      const s0 = ai[i * months + t]!;
      const s1 = t >= 1 ? ai[i * months + t - 1]! : team.aiLag1;
      const s2 = t >= 2 ? ai[i * months + t - 2]! : t === 1 ? team.aiLag1 : team.aiLag2;
      lagged[i * months + t] = w0 * s0 + w1 * s1 + w2 * s2 - team.aiRecent;
      tiered[i * months + t] = applyLevers && levers.tieredReview ? tieredShare(c, levers.tieredReview.aboveShare, s0) : 0;
    }
  }
  const refactor = applyLevers ? refactorShares(c.startMonth, months, levers.refactor) : new Float64Array(months);
  const stock = new Float64Array(months);
  const keep = Math.exp(-1 / Math.max(tau, 0.1));
  let s = 0;
  for (let t = 0; t < months; t++) {
    s = keep * s + (1 - keep) * refactor[t]!;
    stock[t] = s;
  }
  return { teams: teamArrays(c), ai, lagged, tiered, refactor, stock };
}

/** Per-draw parameters, shared by every path of a run. */
interface Draw {
  beta: Record<Outcome, number>;
  theta: number;
  a: Record<AssumptionKey, number>;
}

/** Spread of an uncertain assumption's draws: value × exp(N(0, 0.25²)), clamped to its range. */
const ASSUMPTION_LOG_SD = 0.25;

function drawParameters(c: Calibration, assumptions: Record<AssumptionKey, number>, rng: Rng): Draw {
  const beta = {} as Record<Outcome, number>;
  for (const o of OUTCOMES) beta[o] = rng.normal(c.effects[o].logRr, c.effects[o].sd);
  const a = { ...assumptions };
  for (const info of Object.values(c.assumptions)) {
    if (info.uncertain) a[info.key] = Math.min(info.max, Math.max(info.min, assumptions[info.key] * Math.exp(rng.normal(0, ASSUMPTION_LOG_SD))));
  }
  return { beta, theta: rng.normal(c.theta.logRr, c.theta.sd), a };
}

/** Monthly values of every metric for one draw of one path, written into `out[metric][t]`. */
/**
 * Count streams: one generator per drawn quantity, so a lever that moves one mean (incidents) never
 * shifts another's random numbers (tickets) — with common random numbers per draw, a lever that
 * changes nothing gives exactly the baseline.
 */
interface Streams {
  merged: Rng;
  incidents: Rng;
  bugs: Rng;
  changeFailures: Rng;
  tickets: Rng;
  restore: Rng;
  shock: Rng;
}

function cloneStreams(s: Streams): Streams {
  return {
    merged: s.merged.clone(),
    incidents: s.incidents.clone(),
    bugs: s.bugs.clone(),
    changeFailures: s.changeFailures.clone(),
    tickets: s.tickets.clone(),
    restore: s.restore.clone(),
    shock: s.shock.clone(),
  };
}

function streams(seed: number, draw: number): Streams {
  const base = `scenario-counts/${seed}/${draw}`;
  return {
    merged: Rng.seeded(`${base}/merged`),
    incidents: Rng.seeded(`${base}/incidents`),
    bugs: Rng.seeded(`${base}/bugs`),
    changeFailures: Rng.seeded(`${base}/change-failures`),
    tickets: Rng.seeded(`${base}/tickets`),
    restore: Rng.seeded(`${base}/restore`),
    shock: Rng.seeded(`${base}/shock`),
  };
}

/** Writes draw `d`'s monthly values into `out[metric][t * draws + d]` (period-major: a period's draws are contiguous). */
function simulatePath(c: Calibration, p: PathPlan, months: number, draw: Draw, rng: Streams, out: Record<ScenarioMetricKey, Float64Array>, d: number, draws: number): void {
  const T = c.teams.length;
  const a = draw.a;
  const h0 = a.reviewHoursPerPr;
  const hx = a.extraSeniorHours;
  const rho = a.rho;
  const kappa = a.kappa;
  const theta = draw.theta;
  const bInc = draw.beta.incidents;
  const bBug = draw.beta.bugs;
  const bCf = draw.beta.changeFailures;
  const { mergedPerMonth, aiRecent, rateIncidents, rateBugs, rateChangeFailures, seniors, fte } = p.teams;
  const reviewBase = new Float64Array(T);
  for (let i = 0; i < T; i++) reviewBase[i] = (h0 * (1 + rho * aiRecent[i]!) * mergedPerMonth[i]!) / a.reviewUtilisation;
  const seniorPool = a.seniorReviewHoursPerMonth;
  const phiInc = c.dispersion.incidents;
  const phiBug = c.dispersion.bugs;
  const phiCf = c.dispersion.changeFailures;
  for (let t = 0; t < months; t++) {
    let merged = 0;
    let aiLines = 0;
    let seniorHours = 0;
    let muInc = 0;
    let muBug = 0;
    let muCf = 0;
    const refactor = p.refactor[t]!;
    const policy = Math.exp(-a.lambda * p.stock[t]!);
    // A month's shared swing in output (mean 1), the same draw in every path.
    const vol = c.throughputVolatility;
    const swing = vol > 0 ? Math.exp(rng.shock.normal(0, vol) - (vol * vol) / 2) : 1;
    for (let i = 0; i < T; i++) {
      const k = i * months + t;
      const s = p.ai[k]!;
      const q = p.tiered[k]!;
      const demand = mergedPerMonth[i]! * swing * Math.exp(theta * (s - aiRecent[i]!)) * (1 - refactor);
      let m = Math.min(demand, reviewBase[i]! / (h0 * (1 + rho * s) + hx * q));
      if (q > 0 && hx > 0) m = Math.min(m, (1 - q) * demand + (seniors[i]! * seniorPool) / hx);
      merged += m;
      aiLines += m * s;
      seniorHours += hx * q * m;
      const x = p.lagged[k]!;
      const exposure = m * (1 - kappa * q) * policy;
      muInc += exposure * rateIncidents[i]! * Math.exp(bInc * x);
      muBug += exposure * rateBugs[i]! * Math.exp(bBug * x);
      muCf += exposure * rateChangeFailures[i]! * Math.exp(bCf * x);
    }
    const mergedCount = rng.merged.poisson(merged);
    const incidents = phiInc > 1.000001 ? rng.incidents.negativeBinomial(muInc, muInc / (phiInc - 1)) : rng.incidents.poisson(muInc);
    const bugs = phiBug > 1.000001 ? rng.bugs.negativeBinomial(muBug, muBug / (phiBug - 1)) : rng.bugs.poisson(muBug);
    const failures = Math.min(mergedCount, phiCf > 1.000001 ? rng.changeFailures.negativeBinomial(muCf, muCf / (phiCf - 1)) : rng.changeFailures.poisson(muCf));
    const p0 = a.ticketShareFromIncidents;
    const ticketMean = c.ticketsPerMonth * (1 - p0 + (c.incidentsPerMonth > 0 ? (p0 * incidents) / c.incidentsPerMonth : p0));
    const idx = t * draws + d;
    out.mergedPrs[idx] = mergedCount;
    out.qualityWeightedThroughput[idx] = mergedCount - failures;
    out.incidents[idx] = incidents;
    out.bugs[idx] = bugs;
    out.changeFailureRate[idx] = mergedCount > 0 ? failures / (mergedCount * c.changesPerMergedPr) : 0;
    out.timeToRestoreHours[idx] = c.restoreHours.length ? c.restoreHours[Math.floor(rng.restore.uniform() * c.restoreHours.length)]! : 0;
    out.seniorReviewHours[idx] = seniorHours;
    out.tickets[idx] = rng.tickets.poisson(Math.max(0, ticketMean));
    out.aiShare[idx] = merged > 0 ? aiLines / merged : 0;
    out.refactorShare[idx] = refactor;
    const refactorHours = refactor * a.engineerHoursPerMonth * fte;
    out.cost[idx] = a.costPerEngineerHour * (refactorHours + seniorHours) + a.costPerIncident * incidents;
  }
  // NPS: the share of accounts hit scales with incidents and shows a quarter (3 months) later; the
  // first three months still reflect the recent incident level.
  for (let t = 0; t < months; t++) {
    const lagIncidents = t >= 3 ? out.incidents[(t - 3) * draws + d]! : c.incidentsPerMonth;
    const hit = c.incidentsPerMonth > 0 ? Math.min(1, (c.hitShareBase * lagIncidents) / c.incidentsPerMonth) : c.hitShareBase;
    const nps = c.npsBase - a.npsSensitivity * (hit - c.hitShareBase);
    out.nps[t * draws + d] = Math.max(-100, Math.min(100, nps));
  }
}

const BINS = 256;
const binOf = new Uint8Array(20000);
const binCounts = new Int32Array(BINS);

/**
 * Linear-interpolated 5th, 50th and 95th percentiles (the (n − 1)·q position of the sorted values),
 * exact, without sorting: one pass counts the values into 256 equal-width bins between min and max,
 * a second collects only the (at most six) bins that hold the needed ranks, and only those are
 * sorted. Bands take three quantiles of 2,000 draws for ~1,200 cells per run; sorting each was most of
 * a run's time.
 */
export function band(values: Float64Array): Band {
  const n = values.length;
  if (n === 0) return { p5: 0, p50: 0, p95: 0 };
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) return { p5: min, p50: min, p95: min };
  const bins = n <= binOf.length ? binOf : new Uint8Array(n);
  const scale = (BINS - 1) / (max - min);
  binCounts.fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((values[i]! - min) * scale);
    bins[i] = b;
    binCounts[b]!++;
  }
  const ranks = [0.05, 0.5, 0.95].flatMap((q) => {
    const lo = Math.floor((n - 1) * q);
    return [lo, Math.min(n - 1, lo + 1)];
  });
  // The bin of each rank and its cumulative start.
  const rankBin = new Int32Array(ranks.length);
  const rankStart = new Int32Array(ranks.length);
  for (let r = 0; r < ranks.length; r++) {
    let b = 0;
    let before = 0;
    while (before + binCounts[b]! <= ranks[r]!) before += binCounts[b++]!;
    rankBin[r] = b;
    rankStart[r] = before;
  }
  const wanted = new Map<number, number[]>();
  for (const b of rankBin) wanted.set(b, []);
  for (let i = 0; i < n; i++) wanted.get(bins[i]!)?.push(values[i]!);
  for (const members of wanted.values()) members.sort((a, b) => a - b);
  const stat = (r: number) => wanted.get(rankBin[r]!)![ranks[r]! - rankStart[r]!]!;
  const at = (r: number, q: number) => {
    const pos = (n - 1) * q;
    const below = stat(r);
    return pos === ranks[r] ? below : below + (stat(r + 1) - below) * (pos - ranks[r]!);
  };
  return { p5: at(0, 0.05), p50: at(2, 0.5), p95: at(4, 0.95) };
}

/** How a metric aggregates from months to a quarter. */
const QUARTER_AGGREGATE: Record<ScenarioMetricKey, 'sum' | 'mean' | 'ratio'> = {
  mergedPrs: 'sum',
  qualityWeightedThroughput: 'sum',
  incidents: 'sum',
  changeFailureRate: 'ratio',
  bugs: 'sum',
  timeToRestoreHours: 'mean',
  seniorReviewHours: 'sum',
  tickets: 'sum',
  nps: 'mean',
  aiShare: 'mean',
  refactorShare: 'mean',
  cost: 'sum',
};

type Samples = Record<ScenarioMetricKey, Float64Array>;

function newSamples(size: number): Samples {
  return Object.fromEntries(scenarioMetricKeys.map((k) => [k, new Float64Array(size)])) as Samples;
}

/**
 * Months to simulate for `quarters` whole calendar quarters: the months before the first quarter that
 * starts at or after `startMonth` are simulated (they carry the lags and the refactoring stock) and
 * reported as months, but a part-quarter is never reported as a quarter.
 */
export function monthsForQuarters(startMonth: string, quarters: number): number {
  const m = Number(startMonth.slice(5, 7));
  const lead = (3 - ((m - 1) % 3)) % 3;
  return lead + 3 * quarters;
}

/** Per-draw quarterly values from per-draw monthly values (index t * draws + d), whole quarters only. */
function quarterly(monthsList: string[], draws: number, s: Samples): { labels: string[]; samples: Samples } {
  const counts = new Map<string, number>();
  for (const m of monthsList) counts.set(quarterOf(m), (counts.get(quarterOf(m)) ?? 0) + 1);
  const labels = [...counts].filter(([, n]) => n === 3).map(([q]) => q);
  const months = monthsList.length;
  const Q = labels.length;
  // -1: a month of a part-quarter (reported monthly only).
  const quarterIndex = Int32Array.from(monthsList.map((m) => labels.indexOf(quarterOf(m))));
  const monthsIn = new Float64Array(Q).fill(3);
  const q = newSamples(draws * Q);
  for (const key of scenarioMetricKeys) {
    const kind = QUARTER_AGGREGATE[key];
    const src = s[key];
    const dst = q[key];
    if (kind === 'ratio') {
      // Change failure rate over the quarter: failures / changes, weighting months by merged PRs.
      const merged = new Float64Array(draws * Q);
      for (let t = 0; t < months; t++) {
        const j = quarterIndex[t]!;
        if (j < 0) continue;
        for (let d = 0; d < draws; d++) {
          const m = s.mergedPrs[t * draws + d]!;
          dst[j * draws + d]! += src[t * draws + d]! * m;
          merged[j * draws + d]! += m;
        }
      }
      for (let i = 0; i < dst.length; i++) dst[i] = merged[i]! > 0 ? dst[i]! / merged[i]! : 0;
    } else {
      for (let t = 0; t < months; t++) {
        const j = quarterIndex[t]!;
        if (j < 0) continue;
        for (let d = 0; d < draws; d++) dst[j * draws + d]! += src[t * draws + d]!;
      }
      if (kind === 'mean') for (let j = 0; j < Q; j++) for (let d = 0; d < draws; d++) dst[j * draws + d]! /= monthsIn[j]!;
    }
  }
  return { labels, samples: q };
}

function toPath(monthsList: string[], draws: number, s: Samples, q: { labels: string[]; samples: Samples } = quarterly(monthsList, draws, s)): ScenarioPath {
  const periods = (labels: string[], samples: Samples): ScenarioPeriod[] =>
    labels.map((period, j) => ({
      period,
      metrics: Object.fromEntries(
        scenarioMetricKeys.map((key) => [key, band(samples[key].subarray(j * draws, (j + 1) * draws))]),
      ) as Record<ScenarioMetricKey, Band>,
    }));
  return { months: periods(monthsList, s), quarters: periods(q.labels, q.samples) };
}

function difference(a: Samples, b: Samples): Samples {
  const out = newSamples(a.mergedPrs.length);
  for (const key of scenarioMetricKeys) {
    const x = a[key];
    const y = b[key];
    const z = out[key];
    for (let i = 0; i < x.length; i++) z[i] = x[i]! - y[i]!;
  }
  return out;
}

/** Run the baseline and one scenario with the same parameter and count draws. */
export function simulate(input: SimulationInput): SimulationOutput {
  const { calibration: c, levers, assumptions, months, seed, draws } = input;
  const monthsList = Array.from({ length: months }, (_, t) => addMonths(c.startMonth, t));
  const basePlan = plan(c, {}, months, assumptions.tau, false);
  const scenarioPlan = plan(c, levers, months, assumptions.tau, true);
  const base = newSamples(draws * months);
  const scen = newSamples(draws * months);
  const paramRng = Rng.seeded(`scenario-parameters/${seed}`);
  for (let d = 0; d < draws; d++) {
    const draw = drawParameters(c, assumptions, paramRng);
    // Common random numbers: both paths read the same count stream.
    const counts = streams(seed, d);
    simulatePath(c, scenarioPlan, months, draw, cloneStreams(counts), scen, d, draws);
    simulatePath(c, basePlan, months, draw, counts, base, d, draws);
  }
  const parameters: ScenarioParameter[] = [
    ...OUTCOMES.map((o) => ({ key: `beta.${o}`, label: `Effect of AI share on ${o === 'changeFailures' ? 'change failures' : o} (log rate ratio, 100% vs 0%)`, value: c.effects[o].logRr, sd: c.effects[o].sd, source: c.effects[o].source, fromWorkspace: c.effects[o].fromWorkspace })),
    { key: 'theta', label: 'Effect of AI share on PRs per engineer (log ratio, 100% vs 0%)', value: c.theta.logRr, sd: c.theta.sd, source: c.theta.source, fromWorkspace: c.theta.fromWorkspace },
  ];
  const baseQuarters = quarterly(monthsList, draws, base);
  const scenQuarters = quarterly(monthsList, draws, scen);
  return {
    baseline: toPath(monthsList, draws, base, baseQuarters),
    scenario: toPath(monthsList, draws, scen, scenQuarters),
    // A quarter's difference is the difference of the two quarters, draw by draw. (Aggregating the
    // monthly differences instead breaks the change failure rate: a ratio weighted by merged PRs
    // would be weighted by the *difference* in merged PRs, which is zero or negative under a cap.)
    delta: toPath(monthsList, draws, difference(scen, base), { labels: baseQuarters.labels, samples: difference(scenQuarters.samples, baseQuarters.samples) }),
    parameters,
  };
}
