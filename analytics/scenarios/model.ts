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
import * as exponential from './exp';

// Bound once: where this module runs as CommonJS from source (tsx: the CLI, the benchmark, worker
// threads started from source) an imported name is a getter on the other module's exports, and in
// the hot loops that keeps the JIT from inlining the exponential.
const { exp, expSmall, smallArguments } = exponential;

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

/**
 * A path's levers resolved to team-month inputs. Month-major (index t·T + i) so the hot loop walks
 * memory in order.
 */
interface PathPlan {
  /** AI share. */
  ai: Float64Array;
  /** AI share minus the calibration level (the throughput term's argument). */
  aiChange: Float64Array;
  /** Lagged AI exposure minus the calibration level (the outcome terms' argument). */
  lagged: Float64Array;
  /** AI share and tiered-review share interleaved (2k, 2k + 1): what `teamSums` reads per team-month. */
  shares: Float64Array;
  /** No team-month has a tiered-review share: the path can take `ownSums`, which reads `ai`. */
  untiered: boolean;
  /** Smallest nonzero and largest |aiChange| and |lagged| (`smallArguments`). */
  changeRange: [number, number];
  laggedRange: [number, number];
  /** Refactoring share per month. */
  refactor: Float64Array;
}

/** The smallest nonzero and the largest absolute value in xs (Infinity, 0 when all are zero). */
function absRange(xs: Float64Array): [number, number] {
  let min = Infinity;
  let max = 0;
  for (const x of xs) {
    const a = Math.abs(x);
    if (a > 0 && a < min) min = a;
    if (a > max || a !== a) max = a;
  }
  return [min, max];
}

function plan(c: Calibration, levers: ScenarioLevers, months: number, applyLevers: boolean): PathPlan {
  const T = c.teams.length;
  const size = T * months;
  const ai = new Float64Array(size);
  const aiChange = new Float64Array(size);
  const lagged = new Float64Array(size);
  const shares = new Float64Array(2 * size);
  let untiered = true;
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
      const tiered = applyLevers && levers.tieredReview ? tieredShare(c, levers.tieredReview.aboveShare, s0) : 0;
      if (tiered !== 0) untiered = false;
      shares[2 * k] = s0;
      shares[2 * k + 1] = tiered;
    }
  }
  const refactor = applyLevers ? refactorShares(c.startMonth, months, levers.refactor) : new Float64Array(months);
  return { ai, aiChange, lagged, shares, untiered, changeRange: absRange(aiChange), laggedRange: absRange(lagged), refactor };
}

/** Per-draw parameters, shared by every path of a run. */
interface Draw {
  beta: Record<Outcome, number>;
  theta: number;
  a: Record<AssumptionKey, number>;
}

/** Spread of an uncertain assumption's draws: value × exp(N(0, 0.25²)), clamped to its range. */
const ASSUMPTION_LOG_SD = 0.25;

/** One draw's parameters, from `rng`: three normals (β), one per uncertain assumption, one (θ). */
function drawParameters(c: Calibration, assumptions: Record<AssumptionKey, number>, uncertain: readonly AssumptionInfo[], rng: Rng): Draw {
  const beta = {} as Record<Outcome, number>;
  for (const o of OUTCOMES) beta[o] = rng.normal(c.effects[o].logRr, c.effects[o].sd);
  const a = { ...assumptions };
  for (const info of uncertain) a[info.key] = Math.min(info.max, Math.max(info.min, assumptions[info.key] * Math.exp(rng.normal(0, ASSUMPTION_LOG_SD))));
  return { beta, theta: rng.normal(c.theta.logRr, c.theta.sd), a };
}

/** Moves `rng` past one draw's parameters as `drawParameters` would (the same number of normals), for a slice's earlier draws. */
function skipParameters(uncertain: readonly AssumptionInfo[], rng: Rng): void {
  for (let i = OUTCOMES.length + uncertain.length + 1; i > 0; i--) rng.normal();
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
  const streams = { shock: new Rng(''), restore: new Rng('') };
  const uncertain = Object.values(c.assumptions).filter((info) => info.uncertain);
  // Parameters come from one sequence: a slice steps over the ones before it.
  for (let d = 0; d < from; d++) skipParameters(uncertain, paramRng);
  for (let d = from; d < to; d++) {
    params.push(drawParameters(c, assumptions, uncertain, paramRng));
    drawMonths(c, seed, d, months, d - from, n, streams, swing, restore);
  }
  return { months, draws, seed, from, to, assumptions, params, swing, restore };
}

/** Draw d's swing and time to restore per month, at j, j + n, … (its own function: the JIT optimizes it as a whole rather than mid-loop). */
function drawMonths(c: Calibration, seed: number, d: number, months: number, j: number, n: number, streams: { shock: Rng; restore: Rng }, swing: Float64Array, restore: Float64Array): void {
  const vol = c.throughputVolatility;
  const hours = c.restoreHours;
  const shock = streams.shock.reset(`scenario-counts/${seed}/${d}/shock`);
  const restoreRng = streams.restore.reset(`scenario-counts/${seed}/${d}/restore`);
  for (let t = 0; t < months; t++, j += n) {
    // A month's shared swing in output (mean 1): the same draw in every path.
    swing[j] = vol > 0 ? Math.exp(shock.normal(0, vol) - (vol * vol) / 2) : 1;
    restore[j] = hours.length ? hours[Math.floor(restoreRng.uniform() * hours.length)]! : 0;
  }
}

function sameAssumptions(set: DrawSet, assumptions: Record<AssumptionKey, number>): boolean {
  return Object.entries(assumptions).every(([k, v]) => set.assumptions[k as AssumptionKey] === v);
}

/**
 * Count streams: one generator per drawn quantity, so a lever that moves one mean (incidents) never
 * shifts another's random numbers (tickets). Keyed by seed and draw, so every path of a draw reads
 * the same numbers (common random numbers): a lever that changes nothing gives exactly the baseline.
 */
class Streams {
  readonly merged = new Rng('');
  readonly incidents = new Rng('');
  readonly bugs = new Rng('');
  readonly changeFailures = new Rng('');
  readonly tickets = new Rng('');

  /** The streams of `draw`, re-keyed in place (the numbers of new generators, without allocating them). */
  start(seed: number, draw: number): this {
    const base = `scenario-counts/${seed}/${draw}`;
    this.merged.reset(`${base}/merged`);
    this.incidents.reset(`${base}/incidents`);
    this.bugs.reset(`${base}/bugs`);
    this.changeFailures.reset(`${base}/change-failures`);
    this.tickets.reset(ticketKey(seed, draw));
    return this;
  }

  /** The same streams at the same positions as `other` (every path of a draw starts from the same numbers). */
  copyFrom(other: Streams): this {
    this.merged.copyFrom(other.merged);
    this.incidents.copyFrom(other.incidents);
    this.bugs.copyFrom(other.bugs);
    this.changeFailures.copyFrom(other.changeFailures);
    this.tickets.copyFrom(other.tickets);
    return this;
  }
}

const ticketKey = (seed: number, draw: number) => `scenario-counts/${seed}/${draw}/tickets`;

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

/** The teams' engineers (FTE), whom a refactoring share takes hours from (`costOf`). */
const totalFte = (c: Calibration) => c.teams.reduce((sum, t) => sum + t.fte, 0);

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

/**
 * The teams' calibration for the hot loop, TEAM_STRIDE numbers per team from TEAM_STRIDE·i: merged PRs
 * per month, the three outcome rates per PR, and — set per draw — the review hours the team has and
 * its senior pool's capacity in tiered PRs. One array, so the loop reads one object's memory.
 */
const TEAM_STRIDE = 6;

function teamTable(c: Calibration): Float64Array {
  const table = new Float64Array(TEAM_STRIDE * c.teams.length);
  c.teams.forEach((team, i) => {
    table[TEAM_STRIDE * i] = team.mergedPerMonth;
    table[TEAM_STRIDE * i + 1] = team.ratePerPr.incidents;
    table[TEAM_STRIDE * i + 2] = team.ratePerPr.bugs;
    table[TEAM_STRIDE * i + 3] = team.ratePerPr.changeFailures;
  });
  return table;
}

/**
 * Where a path finds each team-month's exponentials. A draw's exponentials of all paths share one
 * buffer; path p's own slots start at p·4·size (size = teams × months): the throughput term
 * exp(θ·aiChange) of team-month k at +k, the outcome terms exp(β·lagged) (incidents, bugs, change
 * failures) at +size + 3k. A team-month whose argument equals the first path's (a team the levers do
 * not move) or the same team's the month before (a capped team's flat share) points at that slot
 * instead: the same number, computed once per draw.
 */
interface ExpSlots {
  /** Slot of team-month k's throughput exponential. */
  u: Int32Array;
  /** First of team-month k's three outcome exponentials' slots. */
  o: Int32Array;
  /** The team-months whose throughput (freshU) and outcome (freshO) exponentials the path computes. */
  freshU: Int32Array;
  freshO: Int32Array;
}

function expSlots(plans: readonly PathPlan[], T: number, size: number, ownFirst: boolean): ExpSlots[] {
  const slots: ExpSlots[] = [];
  for (let p = 0; p < plans.length; p++) {
    const { aiChange, lagged } = plans[p]!;
    const first = p > 0 ? { plan: plans[0]!, slots: slots[0]! } : null;
    // A path that takes `ownSums` computes every exponential in its loop: none points elsewhere.
    const repeats = !(p === 0 && ownFirst);
    const u = new Int32Array(size);
    const o = new Int32Array(size);
    const freshU: number[] = [];
    const freshO: number[] = [];
    const base = 4 * size * p;
    for (let k = 0; k < size; k++) {
      if (first && aiChange[k] === first.plan.aiChange[k]) u[k] = first.slots.u[k]!;
      else if (repeats && k >= T && aiChange[k] === aiChange[k - T]) u[k] = u[k - T]!;
      else {
        u[k] = base + k;
        freshU.push(k);
      }
      if (first && lagged[k] === first.plan.lagged[k]) o[k] = first.slots.o[k]!;
      else if (repeats && k >= T && lagged[k] === lagged[k - T]) o[k] = o[k - T]!;
      else {
        o[k] = base + size + 3 * k;
        freshO.push(k);
      }
    }
    slots.push({ u, o, freshU: Int32Array.from(freshU), freshO: Int32Array.from(freshO) });
  }
  return slots;
}

/**
 * A draw's exponentials of one path: those its slots say it computes (`ExpSlots`), into `e`; with
 * `expSmall` where every argument allows (`smallDraw`).
 */
function pathExponentials(plan: PathPlan, slots: ExpSlots, base: number, size: number, draw: Draw, e: Float64Array): void {
  const { aiChange, lagged } = plan;
  const { freshU, freshO } = slots;
  const theta = draw.theta;
  const bInc = draw.beta.incidents;
  const bBug = draw.beta.bugs;
  const bCf = draw.beta.changeFailures;
  const outcomes = base + size;
  if (smallDraw(plan, draw)) {
    for (let f = 0; f < freshU.length; f++) {
      const k = freshU[f]!;
      e[base + k] = expSmall(theta * aiChange[k]!);
    }
    for (let f = 0; f < freshO.length; f++) {
      const k = freshO[f]!;
      const x = lagged[k]!;
      const j = outcomes + 3 * k;
      e[j] = expSmall(bInc * x);
      e[j + 1] = expSmall(bBug * x);
      e[j + 2] = expSmall(bCf * x);
    }
    return;
  }
  for (let f = 0; f < freshU.length; f++) {
    const k = freshU[f]!;
    e[base + k] = exp(theta * aiChange[k]!);
  }
  for (let f = 0; f < freshO.length; f++) {
    const k = freshO[f]!;
    const x = lagged[k]!;
    const j = outcomes + 3 * k;
    e[j] = exp(bInc * x);
    e[j + 1] = exp(bBug * x);
    e[j + 2] = exp(bCf * x);
  }
}

/**
 * The hot loop: one month of one draw of one path summed over teams — merged PRs, AI lines, tiered
 * PRs and the three outcome means before the refactoring factor — into acc[0..5], reading the draw's
 * exponentials through the path's slots.
 */
function teamSums(shares: Float64Array, slots: ExpSlots, e: Float64Array, team: Float64Array, k0: number, T: number, scale: number, a: Record<AssumptionKey, number>, acc: Float64Array): void {
  const { u, o } = slots;
  const h0 = a.reviewHoursPerPr;
  const hx = a.extraSeniorHours;
  const rho = a.rho;
  const kappa = a.kappa;
  let merged = 0;
  let aiLines = 0;
  let tieredPrs = 0;
  let muInc = 0;
  let muBug = 0;
  let muCf = 0;
  for (let i = 0, k = k0, c = 0; i < T; i++, k++, c += TEAM_STRIDE) {
    const s = shares[2 * k]!;
    const q = shares[2 * k + 1]!;
    const j = o[k]!;
    const demand = team[c]! * scale * e[u[k]!]!;
    let m = Math.min(demand, team[c + 4]! / (h0 * (1 + rho * s) + hx * q));
    if (q > 0) m = Math.min(m, (1 - q) * demand + team[c + 5]!);
    merged += m;
    aiLines += m * s;
    tieredPrs += q * m;
    const exposure = m * (1 - kappa * q);
    muInc += exposure * team[c + 1]! * e[j]!;
    muBug += exposure * team[c + 2]! * e[j + 1]!;
    muCf += exposure * team[c + 3]! * e[j + 2]!;
  }
  acc[0] = merged;
  acc[1] = aiLines;
  acc[2] = tieredPrs;
  acc[3] = muInc;
  acc[4] = muBug;
  acc[5] = muCf;
}

/**
 * `teamSums` for a path that computes every exponential itself and has no tiered review — the
 * baseline: the exponentials are computed in the loop (and kept in its slots for the paths after it),
 * and the tiered-review terms, all zero, are left out (adding 0 · hx and multiplying by 1 − κ·0 leave
 * a number as it is, so the sums are the same). Where every argument of the draw is small (the usual
 * case: `smallArguments`), `ownSumsSmall` does the same with exponentials that skip their range checks.
 */
function ownSums(plan: PathPlan, e: Float64Array, team: Float64Array, k0: number, T: number, size: number, scale: number, draw: Draw, acc: Float64Array): void {
  const { ai, aiChange, lagged } = plan;
  const theta = draw.theta;
  const bInc = draw.beta.incidents;
  const bBug = draw.beta.bugs;
  const bCf = draw.beta.changeFailures;
  const h0 = draw.a.reviewHoursPerPr;
  const rho = draw.a.rho;
  let merged = 0;
  let aiLines = 0;
  let muInc = 0;
  let muBug = 0;
  let muCf = 0;
  for (let i = 0, k = k0, c = 0; i < T; i++, k++, c += TEAM_STRIDE) {
    const s = ai[k]!;
    const x = lagged[k]!;
    const j = size + 3 * k;
    const eu = (e[k] = exp(theta * aiChange[k]!));
    const ei = (e[j] = exp(bInc * x));
    const eb = (e[j + 1] = exp(bBug * x));
    const ec = (e[j + 2] = exp(bCf * x));
    const m = Math.min(team[c]! * scale * eu, team[c + 4]! / (h0 * (1 + rho * s)));
    merged += m;
    aiLines += m * s;
    muInc += m * team[c + 1]! * ei;
    muBug += m * team[c + 2]! * eb;
    muCf += m * team[c + 3]! * ec;
  }
  acc[0] = merged;
  acc[1] = aiLines;
  acc[2] = 0;
  acc[3] = muInc;
  acc[4] = muBug;
  acc[5] = muCf;
}

/** `ownSums` with `expSmall`: the same loop, kept apart so that each is compiled with its own exponential inlined. */
function ownSumsSmall(plan: PathPlan, e: Float64Array, team: Float64Array, k0: number, T: number, size: number, scale: number, draw: Draw, acc: Float64Array): void {
  const { ai, aiChange, lagged } = plan;
  const theta = draw.theta;
  const bInc = draw.beta.incidents;
  const bBug = draw.beta.bugs;
  const bCf = draw.beta.changeFailures;
  const h0 = draw.a.reviewHoursPerPr;
  const rho = draw.a.rho;
  let merged = 0;
  let aiLines = 0;
  let muInc = 0;
  let muBug = 0;
  let muCf = 0;
  for (let i = 0, k = k0, c = 0; i < T; i++, k++, c += TEAM_STRIDE) {
    const s = ai[k]!;
    const x = lagged[k]!;
    const j = size + 3 * k;
    const eu = (e[k] = expSmall(theta * aiChange[k]!));
    const ei = (e[j] = expSmall(bInc * x));
    const eb = (e[j + 1] = expSmall(bBug * x));
    const ec = (e[j + 2] = expSmall(bCf * x));
    const m = Math.min(team[c]! * scale * eu, team[c + 4]! / (h0 * (1 + rho * s)));
    merged += m;
    aiLines += m * s;
    muInc += m * team[c + 1]! * ei;
    muBug += m * team[c + 2]! * eb;
    muCf += m * team[c + 3]! * ec;
  }
  acc[0] = merged;
  acc[1] = aiLines;
  acc[2] = 0;
  acc[3] = muInc;
  acc[4] = muBug;
  acc[5] = muCf;
}

/** Whether every exponential argument of `plan` in this draw is one `expSmall` takes. */
function smallDraw(plan: PathPlan, draw: Draw): boolean {
  const [minChange, maxChange] = plan.changeRange;
  const [minLagged, maxLagged] = plan.laggedRange;
  return smallArguments(draw.theta, minChange, maxChange) && smallArguments(draw.beta.incidents, minLagged, maxLagged) && smallArguments(draw.beta.bugs, minLagged, maxLagged) && smallArguments(draw.beta.changeFailures, minLagged, maxLagged);
}

/**
 * The paths' monthly values for the set's draws, written into `outs[path][metric][t·stride + offset + j]`
 * for draw from + j (period-major: a period's draws are contiguous; a worker writes its slice of the
 * run's arrays in place). Paths are simulated together, draw by draw, so later paths reuse the first
 * one's exponentials where their AI shares agree (`ExpSlots`); each path reads its own count streams,
 * so the numbers are those of simulating it alone.
 */
function simulatePaths(c: Calibration, plans: readonly PathPlan[], set: DrawSet, outs: readonly Samples[], stride: number, offset: number): void {
  const T = c.teams.length;
  const P = plans.length;
  const { months, from } = set;
  const n = set.to - from;
  const size = T * months;
  const fte = totalFte(c);
  const phiInc = c.dispersion.incidents;
  const phiBug = c.dispersion.bugs;
  const phiCf = c.dispersion.changeFailures;
  const team = teamTable(c);
  // The first path, when it has no tiered review (the baseline), takes `ownSums`: it computes every
  // exponential in its loop and keeps them in its slots for the paths after it.
  const own = plans[0]!.untiered;
  const slots = expSlots(plans, T, size, own);
  const e = new Float64Array(4 * size * P);
  const acc = new Float64Array(6);
  const stock = new Float64Array(P);
  const rngs = plans.map(() => new Streams());
  for (let j = 0; j < n; j++) {
    const draw = set.params[j]!;
    const a = draw.a;
    const h0 = a.reviewHoursPerPr;
    const hx = a.extraSeniorHours;
    const rho = a.rho;
    for (let i = 0; i < T; i++) {
      const t = c.teams[i]!;
      team[TEAM_STRIDE * i + 4] = (h0 * (1 + rho * t.aiRecent) * t.mergedPerMonth) / a.reviewUtilisation;
      team[TEAM_STRIDE * i + 5] = hx > 0 ? (t.seniors * a.seniorReviewHoursPerMonth) / hx : Infinity;
    }
    const small = own && smallDraw(plans[0]!, draw);
    for (let p = own ? 1 : 0; p < P; p++) pathExponentials(plans[p]!, slots[p]!, 4 * size * p, size, draw, e);
    rngs[0]!.start(set.seed, from + j);
    for (let p = 1; p < P; p++) rngs[p]!.copyFrom(rngs[0]!);
    // The refactoring stock decays with this draw's τ.
    const keep = Math.exp(-1 / Math.max(a.tau, 0.1));
    stock.fill(0);
    for (let t = 0; t < months; t++) {
      const local = t * n + j;
      const idx = t * stride + offset + j;
      for (let p = 0; p < P; p++) {
        const plan = plans[p]!;
        const out = outs[p]!;
        const rng = rngs[p]!;
        const r = plan.refactor[t]!;
        stock[p] = keep * stock[p]! + (1 - keep) * r;
        const policy = Math.exp(-a.lambda * stock[p]!);
        const scale = set.swing[local]! * (1 - r);
        if (own && p === 0) (small ? ownSumsSmall : ownSums)(plan, e, team, t * T, T, size, scale, draw, acc);
        else teamSums(plan.shares, slots[p]!, e, team, t * T, T, scale, a, acc);
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
        out.timeToRestoreHours[idx] = set.restore[local]!;
        out.seniorReviewHours[idx] = seniorHours;
        out.tickets[idx] = ticketsOf(c, a, incidents, rng.tickets);
        out.aiShare[idx] = merged > 0 ? aiLines / merged : 0;
        out.refactorShare[idx] = r;
        out.cost[idx] = costOf(c, a, r, seniorHours, incidents, fte);
      }
    }
    // NPS: the share of accounts hit scales with incidents and shows a quarter (3 months) later; the
    // first three months still reflect the recent incident level.
    for (const out of outs) for (let t = 0; t < months; t++) out.nps[t * stride + offset + j] = npsOf(c, a, out.incidents, t, stride, offset + j);
  }
}

/**
 * Sorts xs[from, to) in place: insertion sort for the few members a bin usually holds (a typed
 * array's own sort costs microseconds per call), a bucket pass for more.
 */
function sortRange(xs: Float64Array, from: number, to: number): void {
  if (to - from > 64) {
    sortLarge(xs, from, to);
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

/**
 * Sorts a large range — a crowded bin: many equal values (restore times are a few medians) or a
 * range stretched by a few outliers. Equal nonzero numbers are the same double, so every correct sort
 * of them gives the same array: one pass spreads them over 256 buckets between their min and max and
 * each bucket is sorted (recursively), in linear time. With a zero (−0 and +0 compare equal but are
 * different doubles) or a NaN in the range, the typed array's own sort keeps its exact order.
 */
function sortLarge(xs: Float64Array, from: number, to: number): void {
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = xs[i]!;
    if (v === 0 || v !== v) {
      xs.subarray(from, to).sort();
      return;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return;
  // starts[b]: where bucket b begins (relative to from); starts[BINS] = the range's length.
  const starts = new Int32Array(BINS + 1);
  const scale = (BINS - 1) / (max - min);
  for (let i = from; i < to; i++) starts[Math.floor((xs[i]! - min) * scale) + 1]!++;
  for (let b = 1; b <= BINS; b++) starts[b]! += starts[b - 1]!;
  const spread = new Float64Array(to - from);
  const next = starts.slice(0, BINS);
  for (let i = from; i < to; i++) {
    const v = xs[i]!;
    spread[next[Math.floor((v - min) * scale)]!++] = v;
  }
  xs.set(spread, from);
  for (let b = 0; b < BINS; b++) if (starts[b + 1]! - starts[b]! > 1) sortRange(xs, from + starts[b]!, from + starts[b + 1]!);
}

const BINS = 256;
let binOf = new Uint8Array(4096);
let members = new Float64Array(4096);
/** Bin counts, in two halves (even and odd values) so that runs of values in one bin do not wait on each other's increments. */
const binCounts = new Int32Array(BINS);
const binCountsOdd = new Int32Array(BINS);
/** Per bin: −1, or the start of its slot in `members` while `band` collects the wanted bins. */
const binSlot = new Int32Array(BINS).fill(-1);
/** Per wanted bin: where its next member goes. */
const binCursor = new Int32Array(BINS);
const QUANTILES = [0.05, 0.5, 0.95] as const;
/** Per needed rank (lo and lo + 1 of each quantile): the rank, its bin, and the values in bins before it. */
const ranks = new Int32Array(6);
const rankBin = new Int32Array(6);
const rankBefore = new Int32Array(6);
const wantedBins = new Int32Array(6);

/**
 * Linear-interpolated 5th, 50th and 95th percentiles (the (n − 1)·q position of the sorted values),
 * exact, without sorting all values: one pass finds min and max, one counts the values into 256
 * equal-width bins between them, a third copies only the (at most six) bins that hold the needed
 * ranks, and only those are sorted. A run takes bands of ~1,200 cells of 2,000 draws.
 */
export function band(values: Float64Array): Band {
  const n = values.length;
  if (n === 0) return { p5: 0, p50: 0, p95: 0 };
  // Two minima and maxima (even and odd positions), so each comparison waits on half as many.
  let min = Infinity;
  let max = -Infinity;
  let minOdd = Infinity;
  let maxOdd = -Infinity;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v = values[i]!;
    const w = values[i + 1]!;
    if (v < min) min = v;
    if (v > max) max = v;
    if (w < minOdd) minOdd = w;
    if (w > maxOdd) maxOdd = w;
  }
  if (i < n) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (minOdd < min) min = minOdd;
  if (maxOdd > max) max = maxOdd;
  if (max === min) return { p5: min, p50: min, p95: min };
  if (binOf.length < n) {
    binOf = new Uint8Array(n);
    members = new Float64Array(n);
  }
  const bins = binOf;
  const counts = binCounts;
  const countsOdd = binCountsOdd;
  const scale = (BINS - 1) / (max - min);
  counts.fill(0);
  countsOdd.fill(0);
  for (i = 0; i + 1 < n; i += 2) {
    const b = Math.floor((values[i]! - min) * scale);
    const c = Math.floor((values[i + 1]! - min) * scale);
    bins[i] = b;
    bins[i + 1] = c;
    counts[b]!++;
    countsOdd[c]!++;
  }
  if (i < n) {
    const b = Math.floor((values[i]! - min) * scale);
    bins[i] = b;
    counts[b]!++;
  }
  for (let b = 0; b < BINS; b++) counts[b]! += countsOdd[b]!;
  // Ranks lo and lo + 1 of each quantile, in ascending order: one sweep over the bins finds them all;
  // their bins get a slot in `members`.
  let wanted = 0;
  let used = 0;
  let bin = 0;
  let before = 0;
  for (let r = 0; r < 6; r++) {
    const lo = Math.floor((n - 1) * QUANTILES[r >> 1]!);
    const rank = r & 1 ? Math.min(n - 1, lo + 1) : lo;
    ranks[r] = rank;
    while (before + counts[bin]! <= rank) before += counts[bin++]!;
    rankBin[r] = bin;
    rankBefore[r] = before;
    if (binSlot[bin] === -1) {
      binSlot[bin] = used;
      binCursor[bin] = used;
      used += counts[bin]!;
      wantedBins[wanted++] = bin;
    }
  }
  const slot = binSlot;
  const cursor = binCursor;
  const m = members;
  for (i = 0; i < n; i++) {
    const b = bins[i]!;
    if (slot[b]! !== -1) m[cursor[b]!++] = values[i]!;
  }
  for (let w = 0; w < wanted; w++) {
    const b = wantedBins[w]!;
    sortRange(m, slot[b]!, slot[b]! + counts[b]!);
  }
  const result = { p5: 0, p50: 0, p95: 0 };
  for (let j = 0; j < 3; j++) {
    const pos = (n - 1) * QUANTILES[j]!;
    const lo = 2 * j;
    const below = m[slot[rankBin[lo]!]! + ranks[lo]! - rankBefore[lo]!]!;
    const above = m[slot[rankBin[lo + 1]!]! + ranks[lo + 1]! - rankBefore[lo + 1]!]!;
    const q = pos === ranks[lo] ? below : below + (above - below) * (pos - ranks[lo]!);
    if (j === 0) result.p5 = q;
    else if (j === 1) result.p50 = q;
    else result.p95 = q;
  }
  for (let w = 0; w < wanted; w++) slot[wantedBins[w]!] = -1;
  return result;
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

/**
 * A Float64Array of `size` zeros on shared memory where the platform has it, so that worker threads
 * (parallel.ts) write their slices of a run straight into the run's arrays and read every draw for
 * the bands; a plain one elsewhere.
 */
export function float64(size: number): Float64Array {
  return typeof SharedArrayBuffer === 'function' ? new Float64Array(new SharedArrayBuffer(8 * size)) : new Float64Array(size);
}

function newSamples(size: number, alloc: (size: number) => Float64Array = (n) => new Float64Array(n)): Samples {
  return Object.fromEntries(scenarioMetricKeys.map((k) => [k, alloc(size)])) as Samples;
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

/** The months a run simulates and the whole quarters it reports. */
export interface Calendar {
  months: string[];
  quarters: string[];
  /** Per month, its quarter's index in `quarters`, or −1 for a month of a part-quarter (reported monthly only). */
  quarterIndex: Int32Array;
}

export function calendar(startMonth: string, months: number): Calendar {
  const monthsList = Array.from({ length: months }, (_, t) => addMonths(startMonth, t));
  const counts = new Map<string, number>();
  for (const m of monthsList) counts.set(quarterOf(m), (counts.get(quarterOf(m)) ?? 0) + 1);
  const quarters = [...counts].filter(([, n]) => n === 3).map(([q]) => q);
  return { months: monthsList, quarters, quarterIndex: Int32Array.from(monthsList.map((m) => quarters.indexOf(quarterOf(m)))) };
}

/** A path's per-draw values over all draws, period-major (period p's draws at p·draws … p·draws + draws − 1): per month and per whole quarter. */
export interface PathSamples {
  months: Samples;
  quarters: Samples;
}

/**
 * A path's arrays in one block of (shared) memory: a spare block of a finished run when there is one
 * (its values are all overwritten: `simulateSlice`), else a new one. Reusing blocks spares a run the
 * page faults of fresh memory: 2,000 draws over 8 quarters make a 6.5 MB block, ≈ 1,600 pages, and a
 * slider's run needs two (the scenario and its difference), faulted in by the workers that write them.
 */
function newPathSamples(cal: Calendar, draws: number): PathSamples {
  const monthly = cal.months.length * draws;
  const quarterly = cal.quarters.length * draws;
  const size = scenarioMetricKeys.length * (monthly + quarterly);
  const spare = spareBlocks.findIndex((b) => b.length === size);
  const block = spare >= 0 ? spareBlocks.splice(spare, 1)[0]! : float64(size);
  let at = 0;
  const take = (n: number) => block.subarray(at, (at += n));
  return { months: newSamples(monthly, take), quarters: newSamples(quarterly, take) };
}

/**
 * Blocks of paths no result refers to any more (a run's scenarios and differences, once banded), for
 * `newPathSamples`: the last few (a run's or a slider move's two; 6.5 MB each at 2,000 draws × 26 months).
 */
const spareBlocks: Float64Array[] = [];
const MAX_SPARE_BLOCKS = 4;

function releasePathSamples(samples: PathSamples): void {
  const block = samples.months.mergedPrs;
  if (spareBlocks.length >= MAX_SPARE_BLOCKS) spareBlocks.shift();
  spareBlocks.push(new Float64Array(block.buffer, 0, block.buffer.byteLength / 8));
}

/**
 * Per-draw quarterly values of draws from…to − 1 into `q` from per-draw monthly values `s` (both
 * period-major over `draws`): sums for counts, means for shares, NPS and restore time, and for change
 * failure rate failures over changes (months weighted by merged PRs). Per draw, so slices of the
 * draws can be aggregated apart, with the same numbers.
 */
function quarterlyInto(cal: Calendar, draws: number, s: Samples, q: Samples, from: number, to: number, keys: readonly ScenarioMetricKey[] = scenarioMetricKeys): void {
  const { quarterIndex } = cal;
  const months = cal.months.length;
  const Q = cal.quarters.length;
  for (const key of keys) {
    const kind = QUARTER_AGGREGATE[key];
    const src = s[key];
    const dst = q[key];
    for (let j = 0; j < Q; j++) dst.fill(0, j * draws + from, j * draws + to);
    if (kind === 'ratio') {
      // Change failure rate over the quarter: failures / changes, weighting months by merged PRs.
      const n = to - from;
      const merged = new Float64Array(Q * n);
      for (let t = 0; t < months; t++) {
        const j = quarterIndex[t]!;
        if (j < 0) continue;
        for (let d = from; d < to; d++) {
          const m = s.mergedPrs[t * draws + d]!;
          dst[j * draws + d]! += src[t * draws + d]! * m;
          merged[j * n + d - from]! += m;
        }
      }
      for (let j = 0; j < Q; j++) {
        for (let d = from; d < to; d++) {
          const m = merged[j * n + d - from]!;
          dst[j * draws + d] = m > 0 ? dst[j * draws + d]! / m : 0;
        }
      }
    } else {
      for (let t = 0; t < months; t++) {
        const j = quarterIndex[t]!;
        if (j < 0) continue;
        for (let d = from; d < to; d++) dst[j * draws + d]! += src[t * draws + d]!;
      }
      if (kind === 'mean') for (let j = 0; j < Q; j++) for (let d = from; d < to; d++) dst[j * draws + d]! /= 3;
    }
  }
}

/** out = a − b, draw by draw, for draws from…to − 1 of every period. */
function differenceInto(a: Samples, b: Samples, out: Samples, periods: number, draws: number, from: number, to: number): void {
  for (const key of scenarioMetricKeys) {
    const x = a[key];
    const y = b[key];
    const z = out[key];
    for (let p = 0; p < periods; p++) for (let i = p * draws + from, end = p * draws + to; i < end; i++) z[i] = x[i]! - y[i]!;
  }
}

/** Each path's monthly samples (null: the baseline) for the draws of `set`, simulated together: period-major arrays of months × (to − from). */
export function pathSamples(c: Calibration, paths: ReadonlyArray<ScenarioLevers | null>, set: DrawSet): Samples[] {
  const n = set.to - set.from;
  const outs = paths.map(() => newSamples(set.months * n));
  if (paths.length > 0) simulatePaths(c, plans(c, paths, set.months), set, outs, n, 0);
  return outs;
}

const plans = (c: Calibration, paths: ReadonlyArray<ScenarioLevers | null>, months: number): PathPlan[] => paths.map((levers) => plan(c, levers ?? {}, months, levers !== null));

/**
 * What a run computes and where: the paths it simulates (the baseline unless a kept one is reused,
 * then the scenarios), each with its monthly and quarterly samples over all draws, each scenario's
 * draw-by-draw difference from the baseline, and the parts whose bands are taken. The arrays are on
 * shared memory, so worker threads fill slices of them in place (parallel.ts); `simulate` fills them
 * in one go.
 */
export interface RunJob {
  /** Simulated paths' levers: null is the baseline. */
  levers: Array<ScenarioLevers | null>;
  /** Samples of each simulated path. */
  out: PathSamples[];
  /** Per scenario (in order): scenario − baseline. */
  deltas: PathSamples[];
  /** The baseline's samples: out[0], or a kept run's. */
  base: PathSamples;
  /** Parts that need bands, in band order: a simulated baseline, the scenarios, the deltas. */
  parts: PathSamples[];
}

export function runJob(input: RunInput, scenarios: readonly ScenarioLevers[], kept?: BaselineRun): RunJob {
  const cal = calendar(input.calibration.startMonth, input.months);
  const levers: Array<ScenarioLevers | null> = kept ? [...scenarios] : [null, ...scenarios];
  const out = levers.map(() => newPathSamples(cal, input.draws));
  const deltas = scenarios.map(() => newPathSamples(cal, input.draws));
  const base = kept ? { months: kept.samples, quarters: kept.quarters.samples } : out[0]!;
  return { levers, out, deltas, base, parts: [...out, ...deltas] };
}

/**
 * A run's work on draws set.from…set.to − 1 (all of them, or a worker's slice): each path's monthly
 * samples, their quarters, and each scenario's difference from the baseline — into the job's arrays,
 * at those draws' places, so slices done apart give the numbers of one pass over all draws.
 */
export function simulateSlice(c: Calibration, job: Pick<RunJob, 'levers' | 'out' | 'deltas' | 'base'>, set: DrawSet): void {
  const cal = calendar(c.startMonth, set.months);
  const { draws, from, to } = set;
  simulatePaths(
    c,
    plans(c, job.levers, set.months),
    set,
    job.out.map((o) => o.months),
    draws,
    from,
  );
  for (const o of job.out) quarterlyInto(cal, draws, o.months, o.quarters, from, to);
  const scenarios = job.levers[0] === null ? job.out.slice(1) : job.out;
  scenarios.forEach((scen, i) => {
    const delta = job.deltas[i]!;
    differenceInto(scen.months, job.base.months, delta.months, cal.months.length, draws, from, to);
    differenceInto(scen.quarters, job.base.quarters, delta.quarters, cal.quarters.length, draws, from, to);
  });
}

/** Bands per part: its months, then its quarters; per period the metrics in `scenarioMetricKeys` order. */
export function bandCells(cal: Calendar, parts: number): number {
  return parts * (cal.months.length + cal.quarters.length) * scenarioMetricKeys.length;
}

/**
 * Bands (5th, 50th, 95th percentile over all draws) of `parts` into out[3·cell …] (cells numbered as
 * `bandCells` says), for the periods first, first + step, … of the parts' periods in turn: a worker
 * takes every step-th period once every slice is in. (By period, each with all its metrics, so every
 * worker gets its share of the costlier metrics.)
 */
export function bandsInto(cal: Calendar, parts: readonly PathSamples[], draws: number, first: number, step: number, out: Float64Array): void {
  const months = cal.months.length;
  const periods = months + cal.quarters.length;
  for (let row = first; row < parts.length * periods; row += step) {
    const part = parts[Math.floor(row / periods)]!;
    const period = row % periods;
    const samples = period < months ? part.months : part.quarters;
    const at = (period < months ? period : period - months) * draws;
    let cell = row * scenarioMetricKeys.length;
    for (const key of scenarioMetricKeys) {
      const b = band(samples[key].subarray(at, at + draws));
      out[3 * cell] = b.p5;
      out[3 * cell + 1] = b.p50;
      out[3 * cell + 2] = b.p95;
      cell++;
    }
  }
}

/** Part `part`'s path from the bands of all cells (`bandsInto`). */
function pathFromBands(cal: Calendar, bands: Float64Array, part: number): ScenarioPath {
  const K = scenarioMetricKeys.length;
  let cell = part * (cal.months.length + cal.quarters.length) * K;
  const period = (label: string): ScenarioPeriod => {
    const metrics = {} as Record<ScenarioMetricKey, Band>;
    for (const key of scenarioMetricKeys) {
      metrics[key] = { p5: bands[3 * cell]!, p50: bands[3 * cell + 1]!, p95: bands[3 * cell + 2]! };
      cell++;
    }
    return { period: label, metrics };
  };
  return { months: cal.months.map(period), quarters: cal.quarters.map(period) };
}

/**
 * The results of a run whose job (`runJob`) has every slice simulated (`simulateSlice`) and every
 * band taken (`bandsInto`): the baseline (kept, or this run's) and one output per scenario.
 */
export function finishRun(input: RunInput, scenarios: readonly ScenarioLevers[], job: RunJob, bands: Float64Array, kept?: BaselineRun, set?: DrawSet): { baseline: BaselineRun; outputs: SimulationOutput[] } {
  const cal = calendar(input.calibration.startMonth, input.months);
  const fresh = kept ? 0 : 1;
  const baseline = kept ?? baselineRun(input, job.out[0]!, cal, pathFromBands(cal, bands, 0), set);
  const parameters = scenarioParameters(input.calibration);
  const outputs = scenarios.map((_, i) => ({
    baseline: baseline.path,
    scenario: pathFromBands(cal, bands, fresh + i),
    // A quarter's difference is the difference of the two quarters, draw by draw. (Aggregating the
    // monthly differences instead breaks the change failure rate: a ratio weighted by merged PRs
    // would be weighted by the *difference* in merged PRs, which is zero or negative under a cap.)
    delta: pathFromBands(cal, bands, fresh + scenarios.length + i),
    parameters,
  }));
  // The scenarios' and differences' samples are in their bands now: their memory goes to the next run.
  for (const part of job.parts.slice(fresh)) releasePathSamples(part);
  return { baseline, outputs };
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

/** What a run is for, without the levers: the baseline and the draw set depend on exactly this. */
export type RunInput = Omit<SimulationInput, 'levers'>;

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

function baselineRun(input: RunInput, samples: PathSamples, cal: Calendar, path: ScenarioPath, set?: DrawSet): BaselineRun {
  return { key: baselineKey(input), assumptions: input.assumptions, samples: samples.months, quarters: { labels: cal.quarters, samples: samples.quarters }, path, ...(set ? { set } : {}) };
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
  const tickets = float64(months * draws);
  const nps = float64(months * draws);
  const cost = float64(months * draws);
  const fte = totalFte(c);
  const stream = new Rng('');
  for (let d = 0; d < draws; d++) {
    stream.reset(ticketKey(seed, d));
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
  const cal = calendar(c.startMonth, months);
  const q = newSamples(cal.quarters.length * draws, float64);
  quarterlyInto(cal, draws, samples, q, 0, draws, repriced);
  const quarters = { labels: baseline.quarters.labels, samples: { ...baseline.quarters.samples, tickets: q.tickets, nps: q.nps, cost: q.cost } };
  const path = withBands(baseline.path, draws, samples, quarters.samples, repriced);
  return { key: baseline.key, assumptions: a, samples, quarters, path, ...(baseline.set ? { set: baseline.set } : {}) };
}

export function runBaseline(input: RunInput): BaselineRun {
  return simulateRun(input, []).baseline;
}

export function scenarioParameters(c: Calibration): ScenarioParameter[] {
  return [
    ...OUTCOMES.map((o) => ({ key: `beta.${o}`, label: `Effect of AI share on ${o === 'changeFailures' ? 'change failures' : o} (log rate ratio, 100% vs 0%)`, value: c.effects[o].logRr, sd: c.effects[o].sd, source: c.effects[o].source, fromWorkspace: c.effects[o].fromWorkspace })),
    { key: 'theta', label: 'Effect of AI share on PRs per engineer (log ratio, 100% vs 0%)', value: c.theta.logRr, sd: c.theta.sd, source: c.theta.source, fromWorkspace: c.theta.fromWorkspace },
  ];
}

/**
 * Runs scenarios against one baseline in this thread: the baseline (unless `baseline` is a kept run
 * of this input: `keptBaseline`) and the scenarios with the same parameter and count draws.
 * parallel.ts does the same on worker threads, with the same numbers.
 */
export function simulateRun(input: RunInput, scenarios: readonly ScenarioLevers[], baseline?: BaselineRun): { baseline: BaselineRun; outputs: SimulationOutput[] } {
  const c = input.calibration;
  const kept = keptBaseline(baseline, input);
  // A kept draw set holds the assumptions it was drawn with; a lever-only one may have moved since.
  const set = kept?.set && sameAssumptions(kept.set, input.assumptions) ? kept.set : drawSet(c, input.assumptions, input.months, input.seed, input.draws);
  const job = runJob(input, scenarios, kept);
  simulateSlice(c, job, set);
  const cal = calendar(c.startMonth, input.months);
  const cells = bandCells(cal, job.parts.length);
  const bands = new Float64Array(3 * cells);
  bandsInto(cal, job.parts, input.draws, 0, 1, bands);
  return finishRun(input, scenarios, job, bands, kept, set);
}

/**
 * Run the baseline and one scenario with the same parameter and count draws, in this thread.
 * `baseline`, when run for this calibration with the same horizon, seed, draws and the assumptions
 * it reads, is reused (`keptBaseline`). parallel.ts gives the same result from worker threads.
 */
export function simulate(input: SimulationInput, baseline?: BaselineRun): SimulationOutput {
  return simulateRun(input, [input.levers], baseline).outputs[0]!;
}
