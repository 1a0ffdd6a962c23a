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
 *
 * The uncertain assumptions (τ among them) are drawn per draw like the fitted parameters. Every random
 * number is keyed by seed and draw, so draws can be simulated in any order or split over threads
 * (parallel.ts) and the result is the same; the baseline does not depend on the levers, so a run can
 * reuse the last one's (`BaselineRun`).
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

/**
 * A path's levers resolved to team-month inputs. Month-major (index t·T + i) so the hot loop walks
 * memory in order.
 */
interface PathPlan {
  teams: TeamArrays;
  /** AI share. */
  ai: Float64Array;
  /** AI share minus the calibration level (the throughput term's argument). */
  aiChange: Float64Array;
  /** Lagged AI exposure minus the calibration level (the outcome terms' argument). */
  lagged: Float64Array;
  /** Tiered-review share. */
  tiered: Float64Array;
  /**
   * 1 where `aiChange` (bit 1) or `lagged` (bit 2) equals the same team's previous month: the loop
   * reuses that month's exponentials (a capped team's share is flat, so most of its are repeats).
   */
  repeats: Uint8Array;
  /** Refactoring share per month. */
  refactor: Float64Array;
}

function plan(c: Calibration, levers: ScenarioLevers, months: number, applyLevers: boolean): PathPlan {
  const T = c.teams.length;
  const size = T * months;
  const ai = new Float64Array(size);
  const aiChange = new Float64Array(size);
  const lagged = new Float64Array(size);
  const tiered = new Float64Array(size);
  const repeats = new Uint8Array(size);
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
      ai[t * T + i] = Math.min(capped, trend * (1 - freeShare));
    }
    for (let t = 0; t < months; t++) {
      const k = t * T + i;
      const s0 = ai[k]!;
      const s1 = t >= 1 ? ai[k - T]! : team.aiLag1;
      const s2 = t >= 2 ? ai[k - 2 * T]! : t === 1 ? team.aiLag1 : team.aiLag2;
      aiChange[k] = s0 - team.aiRecent;
      lagged[k] = w0 * s0 + w1 * s1 + w2 * s2 - team.aiRecent;
      tiered[k] = applyLevers && levers.tieredReview ? tieredShare(c, levers.tieredReview.aboveShare, s0) : 0;
      if (t > 0) repeats[k] = (aiChange[k] === aiChange[k - T] ? 1 : 0) | (lagged[k] === lagged[k - T] ? 2 : 0);
    }
  }
  const refactor = applyLevers ? refactorShares(c.startMonth, months, levers.refactor) : new Float64Array(months);
  return { teams: teamArrays(c), ai, aiChange, lagged, tiered, repeats, refactor };
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

/**
 * What every path of a run shares, drawn once: each draw's parameters, the month's swing in output
 * and the time to restore (no lever moves either). Depends on the calibration, the assumptions, the
 * horizon, the seed and the number of draws — not on the levers, so a slider move on a lever reuses it
 * (with the baseline run on it: see `runBaseline`).
 */
export interface DrawSet {
  months: number;
  draws: number;
  seed: number;
  /** The draws this set holds: [from, to) of 0…draws (a worker simulates a slice). */
  from: number;
  to: number;
  /** The assumptions it was drawn with. */
  assumptions: Record<AssumptionKey, number>;
  /** Parameters of draws from…to − 1. */
  params: Draw[];
  /** Swing per month and draw of the slice, index t·(to − from) + (d − from). */
  swing: Float64Array;
  restore: Float64Array;
}

export function drawSet(c: Calibration, assumptions: Record<AssumptionKey, number>, months: number, seed: number, draws: number, from = 0, to = draws): DrawSet {
  const paramRng = Rng.seeded(`scenario-parameters/${seed}`);
  const n = to - from;
  const params: Draw[] = [];
  const swing = new Float64Array(months * n);
  const restore = new Float64Array(months * n);
  const vol = c.throughputVolatility;
  const hours = c.restoreHours;
  for (let d = 0; d < to; d++) {
    // Parameters come from one sequence: a slice draws (and drops) the ones before it.
    const draw = drawParameters(c, assumptions, paramRng);
    if (d < from) continue;
    params.push(draw);
    const shock = Rng.seeded(`scenario-counts/${seed}/${d}/shock`);
    const restoreRng = Rng.seeded(`scenario-counts/${seed}/${d}/restore`);
    for (let t = 0, j = d - from; t < months; t++, j += n) {
      // A month's shared swing in output (mean 1): the same draw in every path.
      swing[j] = vol > 0 ? Math.exp(shock.normal(0, vol) - (vol * vol) / 2) : 1;
      restore[j] = hours.length ? hours[Math.floor(restoreRng.uniform() * hours.length)]! : 0;
    }
  }
  return { months, draws, seed, from, to, assumptions, params, swing, restore };
}

function sameAssumptions(set: DrawSet, assumptions: Record<AssumptionKey, number>): boolean {
  return Object.entries(assumptions).every(([k, v]) => set.assumptions[k as AssumptionKey] === v);
}

/**
 * Count streams: one generator per drawn quantity, so a lever that moves one mean (incidents) never
 * shifts another's random numbers (tickets). Keyed by seed and draw, so every path of a draw reads
 * the same numbers (common random numbers): a lever that changes nothing gives exactly the baseline.
 */
interface Streams {
  merged: Rng;
  incidents: Rng;
  bugs: Rng;
  changeFailures: Rng;
  tickets: Rng;
}

function streams(seed: number, draw: number): Streams {
  const base = `scenario-counts/${seed}/${draw}`;
  return {
    merged: Rng.seeded(`${base}/merged`),
    incidents: Rng.seeded(`${base}/incidents`),
    bugs: Rng.seeded(`${base}/bugs`),
    changeFailures: Rng.seeded(`${base}/change-failures`),
    tickets: ticketStream(seed, draw),
  };
}

const ticketStream = (seed: number, draw: number) => Rng.seeded(`scenario-counts/${seed}/${draw}/tickets`);

/**
 * The metrics computed from a month's drawn incidents and the point assumptions p, Δ and the costs:
 * tickets (drawn from the ticket stream), cost, and NPS (from incidents three months earlier). One
 * definition for the simulation and for re-pricing a kept baseline (`keptBaseline`).
 */
function ticketsOf(c: Calibration, a: Record<AssumptionKey, number>, incidents: number, stream: Rng): number {
  const p0 = a.ticketShareFromIncidents;
  const mean = c.ticketsPerMonth * (1 - p0 + (c.incidentsPerMonth > 0 ? (p0 * incidents) / c.incidentsPerMonth : p0));
  return stream.poisson(Math.max(0, mean));
}

function costOf(c: Calibration, a: Record<AssumptionKey, number>, refactorShare: number, seniorHours: number, incidents: number, fte: number): number {
  const refactorHours = refactorShare * a.engineerHoursPerMonth * fte;
  return a.costPerEngineerHour * (refactorHours + seniorHours) + a.costPerIncident * incidents;
}

/** NPS of month t of one draw: incidents at index (t − 3)·stride + offset drive the share of accounts hit. */
function npsOf(c: Calibration, a: Record<AssumptionKey, number>, incidents: Float64Array, t: number, stride: number, offset: number): number {
  const lagIncidents = t >= 3 ? incidents[(t - 3) * stride + offset]! : c.incidentsPerMonth;
  const hit = c.incidentsPerMonth > 0 ? Math.min(1, (c.hitShareBase * lagIncidents) / c.incidentsPerMonth) : c.hitShareBase;
  return Math.max(-100, Math.min(100, c.npsBase - a.npsSensitivity * (hit - c.hitShareBase)));
}

const count = (rng: Rng, mean: number, dispersion: number): number =>
  dispersion > 1.000001 ? rng.negativeBinomial(mean, mean / (dispersion - 1)) : rng.poisson(mean);

/** A path's per-team state for `teamSums`: the draw's parameters, review capacities and the last month's exponentials. */
class TeamLoop {
  theta = 0;
  bInc = 0;
  bBug = 0;
  bCf = 0;
  h0 = 0;
  hx = 0;
  rho = 0;
  kappa = 0;
  /** The team's exponentials of the month before (reused where the plan marks a repeat). */
  readonly eChange: Float64Array;
  readonly eInc: Float64Array;
  readonly eBug: Float64Array;
  readonly eCf: Float64Array;
  /** Review capacities of the draw: the same for every path, so shared. */
  constructor(
    T: number,
    readonly reviewBase: Float64Array,
    readonly seniorSpare: Float64Array,
  ) {
    this.eChange = new Float64Array(T);
    this.eInc = new Float64Array(T);
    this.eBug = new Float64Array(T);
    this.eCf = new Float64Array(T);
  }
}

/**
 * The hot loop: one month of one draw of one path summed over teams — merged PRs, AI lines, tiered
 * PRs and the three outcome means before the refactoring factor — into acc[0..5]. Where `shared`
 * marks a team-month whose throughput (bit 1) or outcome (bit 2) argument equals the first path's,
 * the first path's exponentials of this month (in `first`, computed just before) are taken as they
 * are: a scenario recomputes only the teams its levers move.
 */
function teamSums(p: PathPlan, k0: number, T: number, scale: number, loop: TeamLoop, acc: Float64Array, first: TeamLoop, shared: Uint8Array): void {
  const { ai, aiChange, lagged, tiered, repeats } = p;
  const { mergedPerMonth, rateIncidents, rateBugs, rateChangeFailures } = p.teams;
  const { theta, bInc, bBug, bCf, h0, hx, rho, kappa, reviewBase, seniorSpare, eChange, eInc, eBug, eCf } = loop;
  let merged = 0;
  let aiLines = 0;
  let tieredPrs = 0;
  let muInc = 0;
  let muBug = 0;
  let muCf = 0;
  for (let i = 0, k = k0; i < T; i++, k++) {
    const repeat = repeats[k]!;
    const same = shared[k]!;
    const eu = same & 1 ? (eChange[i] = first.eChange[i]!) : repeat & 1 ? eChange[i]! : (eChange[i] = Math.exp(theta * aiChange[k]!));
    let ei: number;
    let eb: number;
    let ec: number;
    if (same & 2) {
      ei = eInc[i] = first.eInc[i]!;
      eb = eBug[i] = first.eBug[i]!;
      ec = eCf[i] = first.eCf[i]!;
    } else if (repeat & 2) {
      ei = eInc[i]!;
      eb = eBug[i]!;
      ec = eCf[i]!;
    } else {
      const x = lagged[k]!;
      ei = eInc[i] = Math.exp(bInc * x);
      eb = eBug[i] = Math.exp(bBug * x);
      ec = eCf[i] = Math.exp(bCf * x);
    }
    const s = ai[k]!;
    const q = tiered[k]!;
    const demand = mergedPerMonth[i]! * scale * eu;
    let m = Math.min(demand, reviewBase[i]! / (h0 * (1 + rho * s) + hx * q));
    if (q > 0) m = Math.min(m, (1 - q) * demand + seniorSpare[i]!);
    merged += m;
    aiLines += m * s;
    tieredPrs += q * m;
    const exposure = m * (1 - kappa * q);
    muInc += exposure * rateIncidents[i]! * ei;
    muBug += exposure * rateBugs[i]! * eb;
    muCf += exposure * rateChangeFailures[i]! * ec;
  }
  acc[0] = merged;
  acc[1] = aiLines;
  acc[2] = tieredPrs;
  acc[3] = muInc;
  acc[4] = muBug;
  acc[5] = muCf;
}

/**
 * The paths' monthly values for the set's draws, written into `outs[path][metric][t·n + j]` for draw
 * from + j of n (period-major: a period's draws are contiguous). Paths are simulated together, draw
 * by draw and month by month, so later paths reuse the first one's exponentials where their AI shares
 * agree (`teamSums`); each path reads its own count streams, so the numbers are those of simulating
 * it alone.
 */
function simulatePaths(c: Calibration, plans: readonly PathPlan[], set: DrawSet, outs: readonly Samples[]): void {
  const T = c.teams.length;
  const P = plans.length;
  const { months, from } = set;
  const n = set.to - from;
  const { mergedPerMonth, aiRecent, seniors, fte } = plans[0]!.teams;
  const phiInc = c.dispersion.incidents;
  const phiBug = c.dispersion.bugs;
  const phiCf = c.dispersion.changeFailures;
  const reviewBase = new Float64Array(T);
  const seniorSpare = new Float64Array(T);
  const loops = plans.map(() => new TeamLoop(T, reviewBase, seniorSpare));
  const first = loops[0]!;
  // Per later path: the team-months whose arguments equal the first path's (bit 1 throughput, 2 outcomes).
  const shared = plans.map((plan, p) => {
    const flags = new Uint8Array(T * months);
    if (p === 0) return flags;
    const base = plans[0]!;
    for (let k = 0; k < flags.length; k++) {
      flags[k] = (plan.aiChange[k] === base.aiChange[k] ? 1 : 0) | (plan.lagged[k] === base.lagged[k] ? 2 : 0);
    }
    return flags;
  });
  const acc = new Float64Array(6);
  const stock = new Float64Array(P);
  for (let j = 0; j < n; j++) {
    const draw = set.params[j]!;
    const a = draw.a;
    const h0 = a.reviewHoursPerPr;
    const hx = a.extraSeniorHours;
    const rho = a.rho;
    for (const loop of loops) {
      loop.theta = draw.theta;
      loop.bInc = draw.beta.incidents;
      loop.bBug = draw.beta.bugs;
      loop.bCf = draw.beta.changeFailures;
      loop.h0 = h0;
      loop.hx = hx;
      loop.rho = rho;
      loop.kappa = a.kappa;
    }
    for (let i = 0; i < T; i++) {
      reviewBase[i] = (h0 * (1 + rho * aiRecent[i]!) * mergedPerMonth[i]!) / a.reviewUtilisation;
      seniorSpare[i] = hx > 0 ? (seniors[i]! * a.seniorReviewHoursPerMonth) / hx : Infinity;
    }
    const rngs = plans.map(() => streams(set.seed, from + j));
    // The refactoring stock decays with this draw's τ.
    const keep = Math.exp(-1 / Math.max(a.tau, 0.1));
    stock.fill(0);
    for (let t = 0; t < months; t++) {
      const idx = t * n + j;
      for (let p = 0; p < P; p++) {
        const plan = plans[p]!;
        const out = outs[p]!;
        const rng = rngs[p]!;
        const r = plan.refactor[t]!;
        stock[p] = keep * stock[p]! + (1 - keep) * r;
        const policy = Math.exp(-a.lambda * stock[p]!);
        const scale = set.swing[idx]! * (1 - r);
        teamSums(plan, t * T, T, scale, loops[p]!, acc, first, shared[p]!);
        const merged = acc[0]!;
        const aiLines = acc[1]!;
        const seniorHours = acc[2]! * hx;
        const muInc = acc[3]! * policy;
        const muBug = acc[4]! * policy;
        const muCf = acc[5]! * policy;
        const mergedCount = rng.merged.poisson(merged);
        const incidents = count(rng.incidents, muInc, phiInc);
        const bugs = count(rng.bugs, muBug, phiBug);
        const failures = Math.min(mergedCount, count(rng.changeFailures, muCf, phiCf));
        out.mergedPrs[idx] = mergedCount;
        out.qualityWeightedThroughput[idx] = mergedCount - failures;
        out.incidents[idx] = incidents;
        out.bugs[idx] = bugs;
        out.changeFailureRate[idx] = mergedCount > 0 ? failures / (mergedCount * c.changesPerMergedPr) : 0;
        out.timeToRestoreHours[idx] = set.restore[idx]!;
        out.seniorReviewHours[idx] = seniorHours;
        out.tickets[idx] = ticketsOf(c, a, incidents, rng.tickets);
        out.aiShare[idx] = merged > 0 ? aiLines / merged : 0;
        out.refactorShare[idx] = r;
        out.cost[idx] = costOf(c, a, r, seniorHours, incidents, fte);
      }
    }
    // NPS: the share of accounts hit scales with incidents and shows a quarter (3 months) later; the
    // first three months still reflect the recent incident level.
    for (const out of outs) for (let t = 0; t < months; t++) out.nps[t * n + j] = npsOf(c, a, out.incidents, t, n, j);
  }
}

/** Sorts xs[from, to) in place: insertion sort for the few members a bin usually holds (a typed array's own sort costs microseconds per call). */
function sortRange(xs: Float64Array, from: number, to: number): void {
  if (to - from > 64) {
    xs.subarray(from, to).sort();
    return;
  }
  for (let i = from + 1; i < to; i++) {
    const v = xs[i]!;
    let j = i - 1;
    while (j >= from && xs[j]! > v) {
      xs[j + 1] = xs[j]!;
      j--;
    }
    xs[j + 1] = v;
  }
}

const BINS = 256;
let binOf = new Uint8Array(4096);
let members = new Float64Array(4096);
const binCounts = new Int32Array(BINS);
/** Per bin: −1, or the start of its slot in `members` while `band` collects the wanted bins. */
const binSlot = new Int32Array(BINS).fill(-1);
/** Per wanted bin: where its next member goes. */
const binCursor = new Int32Array(BINS);
const QUANTILES = [0.05, 0.5, 0.95] as const;

/**
 * Linear-interpolated 5th, 50th and 95th percentiles (the (n − 1)·q position of the sorted values),
 * exact, without sorting all values: one pass counts the values into 256 equal-width bins between min
 * and max, a second copies only the (at most six) bins that hold the needed ranks, and only those are
 * sorted. A run takes bands of ~1,200 cells of 2,000 draws; sorting each was most of a run's time.
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
  if (binOf.length < n) {
    binOf = new Uint8Array(n);
    members = new Float64Array(n);
  }
  const bins = binOf;
  const scale = (BINS - 1) / (max - min);
  binCounts.fill(0);
  for (let i = 0; i < n; i++) {
    const b = Math.floor((values[i]! - min) * scale);
    bins[i] = b;
    binCounts[b]!++;
  }
  // Ranks lo and lo + 1 of each quantile; their bins get a slot in `members`.
  const ranks = new Int32Array(6);
  const rankBin = new Int32Array(6);
  const rankBefore = new Int32Array(6);
  const wanted: number[] = [];
  let used = 0;
  for (let r = 0; r < 6; r++) {
    const lo = Math.floor((n - 1) * QUANTILES[r >> 1]!);
    ranks[r] = r & 1 ? Math.min(n - 1, lo + 1) : lo;
    let b = 0;
    let before = 0;
    while (before + binCounts[b]! <= ranks[r]!) before += binCounts[b++]!;
    rankBin[r] = b;
    rankBefore[r] = before;
    if (binSlot[b] === -1) {
      binSlot[b] = used;
      used += binCounts[b]!;
      wanted.push(b);
    }
  }
  for (const b of wanted) binCursor[b] = binSlot[b]!;
  for (let i = 0; i < n; i++) {
    const b = bins[i]!;
    if (binSlot[b] !== -1) members[binCursor[b]!++] = values[i]!;
  }
  for (const b of wanted) sortRange(members, binSlot[b]!, binSlot[b]! + binCounts[b]!);
  const stat = (r: number) => members[binSlot[rankBin[r]!]! + ranks[r]! - rankBefore[r]!]!;
  const result = [0, 0, 0];
  for (let j = 0; j < 3; j++) {
    const pos = (n - 1) * QUANTILES[j]!;
    const below = stat(2 * j);
    result[j] = pos === ranks[2 * j] ? below : below + (stat(2 * j + 1) - below) * (pos - ranks[2 * j]!);
  }
  for (const b of wanted) binSlot[b] = -1;
  return { p5: result[0]!, p50: result[1]!, p95: result[2]! };
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

export type Samples = Record<ScenarioMetricKey, Float64Array>;

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
function quarterly(monthsList: string[], draws: number, s: Samples, keys: readonly ScenarioMetricKey[] = scenarioMetricKeys): { labels: string[]; samples: Samples } {
  const counts = new Map<string, number>();
  for (const m of monthsList) counts.set(quarterOf(m), (counts.get(quarterOf(m)) ?? 0) + 1);
  const labels = [...counts].filter(([, n]) => n === 3).map(([q]) => q);
  const months = monthsList.length;
  const Q = labels.length;
  // -1: a month of a part-quarter (reported monthly only).
  const quarterIndex = Int32Array.from(monthsList.map((m) => labels.indexOf(quarterOf(m))));
  const monthsIn = new Float64Array(Q).fill(3);
  const q = Object.fromEntries(keys.map((k) => [k, new Float64Array(draws * Q)])) as Samples;
  for (const key of keys) {
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
  return withBands({ months: monthsList.map((period) => ({ period, metrics: {} as Record<ScenarioMetricKey, Band> })), quarters: q.labels.map((period) => ({ period, metrics: {} as Record<ScenarioMetricKey, Band> })) }, draws, s, q.samples, scenarioMetricKeys);
}

/** `path` with the bands of `keys` (re)computed from monthly samples `s` and quarterly samples `qs`. */
function withBands(path: ScenarioPath, draws: number, s: Samples, qs: Samples, keys: readonly ScenarioMetricKey[]): ScenarioPath {
  const periods = (list: ScenarioPeriod[], samples: Samples): ScenarioPeriod[] =>
    list.map(({ period, metrics }, j) => {
      const next = { ...metrics };
      for (const key of keys) next[key] = band(samples[key].subarray(j * draws, (j + 1) * draws));
      return { period, metrics: next };
    });
  return { months: periods(path.months, s), quarters: periods(path.quarters, qs) };
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

const monthsFrom = (start: string, months: number): string[] => Array.from({ length: months }, (_, t) => addMonths(start, t));

/** What a run is for, without the levers: the baseline and the draw set depend on exactly this. */
export type RunInput = Omit<SimulationInput, 'levers'>;

/**
 * The monthly samples of each path — the baseline (`null`) or a scenario's levers — for the draws of
 * `set` (all of them, or a worker's slice: see parallel.ts), simulated together.
 */
export function pathSamples(c: Calibration, paths: ReadonlyArray<ScenarioLevers | null>, set: DrawSet): Samples[] {
  const outs = paths.map(() => newSamples(set.months * (set.to - set.from)));
  if (paths.length > 0) simulatePaths(c, paths.map((levers) => plan(c, levers ?? {}, set.months, levers !== null)), set, outs);
  return outs;
}

/**
 * The baseline of a run: samples, quarters and bands. It depends on the calibration, assumptions,
 * horizon, seed and draws but not on the levers, so while a lever slider moves the caller keeps it
 * (index.ts does, per calibration) and each run simulates the scenario only.
 */
export interface BaselineRun {
  /** What the baseline was run with (the calibration is the caller's to match): `baselineKey`. */
  key: string;
  /** The assumptions its samples were made with. */
  assumptions: Record<AssumptionKey, number>;
  samples: Samples;
  quarters: { labels: string[]; samples: Samples };
  path: ScenarioPath;
  /** The draw set, kept for scenarios simulated in this thread. */
  set?: DrawSet;
}

/**
 * Assumptions the baseline never reads: they act only through the levers (tiered review, the
 * refactoring stock, senior hours), whose inputs are zero in the baseline. Their draws still come
 * from the same random sequence, so changing one leaves the baseline exactly as it was (a test
 * checks this) and a slider on one of them reuses the kept baseline.
 */
const LEVER_ONLY_ASSUMPTIONS: ReadonlySet<AssumptionKey> = new Set(['kappa', 'lambda', 'tau', 'extraSeniorHours', 'seniorReviewHoursPerMonth', 'engineerHoursPerMonth']);
/**
 * Assumptions that only turn drawn incidents into tickets, NPS and cost (point values, never drawn):
 * a kept baseline is re-priced with them (`keptBaseline`) instead of simulated again.
 */
const OUTPUT_ONLY_ASSUMPTIONS: readonly AssumptionKey[] = ['ticketShareFromIncidents', 'npsSensitivity', 'costPerEngineerHour', 'costPerIncident'];

export function baselineKey(input: RunInput): string {
  const a = Object.entries(input.assumptions)
    .filter(([k]) => !LEVER_ONLY_ASSUMPTIONS.has(k as AssumptionKey) && !OUTPUT_ONLY_ASSUMPTIONS.includes(k as AssumptionKey))
    .sort(([x], [y]) => (x < y ? -1 : 1));
  return JSON.stringify([input.months, input.seed, input.draws, a]);
}

/** Bands of a baseline from its samples (all draws, period-major). */
export function baselineRun(input: RunInput, samples: Samples, set?: DrawSet): BaselineRun {
  const monthsList = monthsFrom(input.calibration.startMonth, input.months);
  const quarters = quarterly(monthsList, input.draws, samples);
  return { key: baselineKey(input), assumptions: input.assumptions, samples, quarters, path: toPath(monthsList, input.draws, samples, quarters), ...(set ? { set } : {}) };
}

/**
 * `baseline` as the baseline of `input`, or undefined when it must be simulated again. When only
 * p, Δ or a cost moved, its tickets (redrawn from each draw's own ticket stream), NPS and cost are
 * recomputed from its incidents: the numbers of a fresh run (tested), without simulating the teams.
 */
export function keptBaseline(baseline: BaselineRun | undefined, input: RunInput): BaselineRun | undefined {
  if (!baseline || baseline.key !== baselineKey(input)) return undefined;
  const a = input.assumptions;
  if (OUTPUT_ONLY_ASSUMPTIONS.every((k) => baseline.assumptions[k] === a[k])) return baseline;
  const c = input.calibration;
  // Re-pricing uses the point values; one drawn per draw would need the simulation.
  if (OUTPUT_ONLY_ASSUMPTIONS.some((k) => c.assumptions[k].uncertain)) return undefined;
  const { months, draws, seed } = input;
  const old = baseline.samples;
  const tickets = new Float64Array(months * draws);
  const nps = new Float64Array(months * draws);
  const cost = new Float64Array(months * draws);
  const fte = c.teams.reduce((sum, t) => sum + t.fte, 0);
  for (let d = 0; d < draws; d++) {
    const stream = ticketStream(seed, d);
    for (let t = 0; t < months; t++) {
      const idx = t * draws + d;
      tickets[idx] = ticketsOf(c, a, old.incidents[idx]!, stream);
      cost[idx] = costOf(c, a, old.refactorShare[idx]!, old.seniorReviewHours[idx]!, old.incidents[idx]!, fte);
      nps[idx] = npsOf(c, a, old.incidents, t, draws, d);
    }
  }
  // Only the re-priced metrics' quarters and bands are recomputed.
  const samples = { ...old, tickets, nps, cost };
  const repriced: ScenarioMetricKey[] = ['tickets', 'nps', 'cost'];
  const q = quarterly(monthsFrom(c.startMonth, months), draws, samples, repriced);
  const quarters = { labels: baseline.quarters.labels, samples: { ...baseline.quarters.samples, tickets: q.samples.tickets, nps: q.samples.nps, cost: q.samples.cost } };
  const path = withBands(baseline.path, draws, samples, quarters.samples, repriced);
  return { key: baseline.key, assumptions: a, samples, quarters, path, ...(baseline.set ? { set: baseline.set } : {}) };
}

export function runBaseline(input: RunInput): BaselineRun {
  const set = drawSet(input.calibration, input.assumptions, input.months, input.seed, input.draws);
  return baselineRun(input, pathSamples(input.calibration, [null], set)[0]!, set);
}

export function scenarioParameters(c: Calibration): ScenarioParameter[] {
  return [
    ...OUTCOMES.map((o) => ({ key: `beta.${o}`, label: `Effect of AI share on ${o === 'changeFailures' ? 'change failures' : o} (log rate ratio, 100% vs 0%)`, value: c.effects[o].logRr, sd: c.effects[o].sd, source: c.effects[o].source, fromWorkspace: c.effects[o].fromWorkspace })),
    { key: 'theta', label: 'Effect of AI share on PRs per engineer (log ratio, 100% vs 0%)', value: c.theta.logRr, sd: c.theta.sd, source: c.theta.source, fromWorkspace: c.theta.fromWorkspace },
  ];
}

/** The output of a run from the baseline and the scenario's samples (all draws, period-major). */
export function summarize(input: SimulationInput, base: BaselineRun, scen: Samples): SimulationOutput {
  const { calibration: c, months, draws } = input;
  const monthsList = monthsFrom(c.startMonth, months);
  const scenQuarters = quarterly(monthsList, draws, scen);
  return {
    baseline: base.path,
    scenario: toPath(monthsList, draws, scen, scenQuarters),
    // A quarter's difference is the difference of the two quarters, draw by draw. (Aggregating the
    // monthly differences instead breaks the change failure rate: a ratio weighted by merged PRs
    // would be weighted by the *difference* in merged PRs, which is zero or negative under a cap.)
    delta: toPath(monthsList, draws, difference(scen, base.samples), { labels: base.quarters.labels, samples: difference(scenQuarters.samples, base.quarters.samples) }),
    parameters: scenarioParameters(c),
  };
}

/**
 * Run the baseline and one scenario with the same parameter and count draws, in this thread.
 * `baseline`, when run for this calibration with the same horizon, seed, draws and the assumptions
 * it reads, is reused (`keptBaseline`). parallel.ts gives the same result from worker threads.
 */
export function simulate(input: SimulationInput, baseline?: BaselineRun): SimulationOutput {
  const { calibration: c, levers } = input;
  const kept = keptBaseline(baseline, input);
  if (kept) {
    // The kept draw set holds the assumptions it was drawn with; a lever-only one may have moved since.
    const set = kept.set && sameAssumptions(kept.set, input.assumptions) ? kept.set : drawSet(c, input.assumptions, input.months, input.seed, input.draws);
    return summarize(input, kept, pathSamples(c, [levers], set)[0]!);
  }
  const set = drawSet(c, input.assumptions, input.months, input.seed, input.draws);
  const [base, scenario] = pathSamples(c, [null, levers], set) as [Samples, Samples];
  return summarize(input, baselineRun(input, base, set), scenario);
}
