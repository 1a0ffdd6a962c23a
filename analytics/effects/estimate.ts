/**
 * Effect estimates (product.md §7): for each outcome, the lag model's rate ratio at 100% vs 0% AI
 * share with a 90% team-cluster bootstrap interval, the overdispersion of the fit, optional published
 * priors with the resulting posterior, and warnings instead of confident numbers when data are thin.
 * Pure: panel rows in, estimates out (analytics/effects/index.ts fetches the panel).
 */
import type { EffectEstimate, EffectOutcome, EffectPrior, EffectPosterior } from '../../shared/domain';
import { effectOutcomes } from '../../shared/domain';
import { normalCdf, normalQuantile, quantileSorted, studentTQuantile } from '../stats/distributions';
import { GlmError } from '../stats/poisson-glm';
import { Rng } from '../stats/random';
import { fitLagModel, type LagModelFit } from './lag-model';
import { laggedSample, OUTCOME_LABEL, standardDeviation, type LaggedSample, type PanelRow } from './panel';
import { publishedPrior } from './priors';

/** Thresholds of the thin-data warnings (docs/methods.md, "Warnings"). */
export const EFFECT_THRESHOLDS = {
  minTeams: 4,
  minMonths: 12,
  minAiShareSd: 0.05,
  minEvents: 50,
  /** Teams whose AI share reaches `adoptionShare` in some fitted month. */
  minAdoptingTeams: 2,
  adoptionShare: 0.1,
  /** Share of bootstrap refits that may fail before the interval is flagged. */
  maxBootstrapFailures: 0.1,
  /** A 90% interval whose upper end is more than this many times its lower end is flagged as too wide to act on. */
  maxIntervalRatio: 4,
  /** φ above this gets a note that Poisson standard errors would be too narrow. */
  overdispersionNote: 1.5,
} as const;

export const DEFAULT_BOOTSTRAP_REPS = 200;
export const DEFAULT_SEED = 1;
export const MAX_LAG = 2;

const Z90 = normalQuantile(0.95);
/** Bootstrap refits stop once the Newton step is below 1e-4 (quadratic convergence: error ~1e-8, far below the bootstrap spread). */
const BOOTSTRAP_TOLERANCE = 1e-4;

export interface EffectsOptions {
  seed?: number;
  bootstrap?: number;
  priors?: boolean;
  /** First outcome month (YYYY-MM); earlier panel months only supply lagged shares. */
  firstMonth?: string | null;
  outcomes?: readonly EffectOutcome[];
  /** Replace the published priors (tests, what-ifs). */
  priorFor?: (outcome: EffectOutcome) => EffectPrior;
}

export interface EffectsResult {
  effects: EffectEstimate[];
  sample: LaggedSample;
  timings: { fitMs: number; bootstrapMs: number };
}

/**
 * Team multiplicities of `reps` cluster-bootstrap replicates: each replicate draws `teams` teams with
 * replacement. A team drawn k times enters the fit with frequency weight k — the same likelihood as k
 * separate copies with their own fixed effects (each copy's effect has the same MLE) — so the design
 * is built once per replicate from the same rows instead of from copied ones.
 */
export function teamBootstrapDraws(teams: number, reps: number, seed: number): Float64Array[] {
  const rng = Rng.seeded(seed).fork('effects/team-bootstrap');
  const draws: Float64Array[] = [];
  for (let r = 0; r < reps; r++) {
    const m = new Float64Array(teams);
    for (let k = 0; k < teams; k++) {
      const t = rng.int(0, teams - 1);
      m[t] = m[t]! + 1;
    }
    draws.push(m);
  }
  return draws;
}

/**
 * Tail probability of the percentile interval with G teams. The plain 5%/95% percentiles of a
 * cluster bootstrap are too narrow with few clusters: the bootstrap variance is (G−1)/G of the
 * sampling variance and the reference distribution should be t with G − 1 degrees of freedom, not
 * the normal (the CR1 factor and t(G−1) critical values of Cameron & Miller, J. Human Resources
 * 50(2), 2015). So the percentiles are taken at Φ(−t_{G−1,0.95}·√(G/(G−1))) and its complement —
 * 2.1% / 97.9% with 8 teams, 4.8% / 95.2% with 100 — which for a normal bootstrap distribution
 * widens the interval by t_{G−1,0.95}/z_{0.95}·√(G/(G−1)). On replications of the demo org (8 teams)
 * the plain percentiles covered the truth 80–85% of the time (docs/methods.md).
 */
export function fewClusterTail(teams: number): number {
  if (teams < 2) return 0.05;
  return normalCdf(-studentTQuantile(0.95, teams - 1) * Math.sqrt(teams / (teams - 1)));
}

export function estimateEffects(panel: readonly PanelRow[], options: EffectsOptions = {}): EffectsResult {
  const sample = laggedSample(panel, { maxLag: MAX_LAG, firstMonth: options.firstMonth ?? null });
  const seed = options.seed ?? DEFAULT_SEED;
  const reps = options.bootstrap ?? DEFAULT_BOOTSTRAP_REPS;
  const draws = teamBootstrapDraws(sample.teams.length, reps, seed);
  const timings = { fitMs: 0, bootstrapMs: 0 };
  const effects = (options.outcomes ?? effectOutcomes).map((outcome) => estimateEffect(sample, outcome, draws, { ...options, seed, bootstrap: reps }, timings));
  return { effects, sample, timings };
}

interface SampleFacts {
  n: number;
  teams: number;
  months: number;
  events: number;
  aiShareSd: number;
  adoptingTeams: number;
}

function factsOf(sample: LaggedSample, model: LagModelFit | null): SampleFacts {
  if (!model) return { n: 0, teams: 0, months: 0, events: 0, aiShareSd: 0, adoptingTeams: 0 };
  const rows = model.subset.rows;
  const s0 = new Float64Array(rows.length);
  const maxShare = new Float64Array(model.subset.teams.length);
  rows.forEach((i, k) => {
    s0[k] = sample.shares[0]![i]!;
    const t = model.subset.team[k]!;
    maxShare[t] = Math.max(maxShare[t]!, s0[k]!);
  });
  return {
    n: rows.length,
    teams: model.subset.teams.length,
    months: model.subset.months.length,
    events: model.events,
    aiShareSd: standardDeviation(s0),
    adoptingTeams: maxShare.filter((m) => m >= EFFECT_THRESHOLDS.adoptionShare).length,
  };
}

export function estimateEffect(
  sample: LaggedSample,
  outcome: EffectOutcome,
  draws: readonly Float64Array[],
  options: EffectsOptions & { seed: number; bootstrap: number },
  timings: { fitMs: number; bootstrapMs: number } = { fitMs: 0, bootstrapMs: 0 },
): EffectEstimate {
  const label = OUTCOME_LABEL[outcome];
  const warnings: string[] = [];
  const notes: string[] = [];
  const method =
    `Poisson regression of monthly ${label} per team with log(merged PRs) as exposure, team and month fixed effects and ` +
    `AI share at lags 0–${MAX_LAG}; estimate = exp(sum of the lag coefficients), the rate ratio at 100% vs 0% AI share; ` +
    `90% interval: team-cluster bootstrap (${options.bootstrap} resamples of teams; percentile interval widened for few teams), seed ${options.seed}.`;
  const prior = options.priors ? (options.priorFor ?? publishedPrior)(outcome) : null;

  const fitStarted = performance.now();
  let model: LagModelFit | null = null;
  let failure: string | null = null;
  try {
    model = fitLagModel(sample, outcome);
    if (sample.n === 0) failure = `No team-months with merged PRs and ${MAX_LAG} earlier months of AI share: there is nothing to estimate from.`;
    else if (!model) failure = `No ${label} at all in the fitted team-months: a rate ratio cannot be estimated.`;
  } catch (err) {
    if (!(err instanceof GlmError)) throw err;
    failure = `The model could not be fitted (${err.message}).`;
  }
  timings.fitMs += performance.now() - fitStarted;
  const facts = factsOf(sample, model);

  const { adoptingTeams: _adoptingTeams, ...sampleFacts } = facts;
  // Key order = what a reader of the JSON wants first.
  const answer = (a: Pick<EffectEstimate, 'status' | 'estimate' | 'ci90' | 'lags' | 'overdispersion' | 'bootstrap' | 'posterior' | 'warnings' | 'notes'>): EffectEstimate => ({
    outcome,
    status: a.status,
    estimate: a.estimate,
    ci90: a.ci90,
    ...sampleFacts,
    lags: a.lags,
    method,
    overdispersion: a.overdispersion,
    bootstrap: a.bootstrap,
    prior,
    posterior: a.posterior,
    warnings: a.warnings,
    notes: a.notes,
  });
  if (model && !Number.isFinite(model.theta)) failure = `AI share never varies in the team-months with ${label}: its effect cannot be estimated.`;
  else if (model && facts.teams < 2) failure = `Only ${facts.teams} team has ${label}: team fixed effects leave nothing to compare.`;
  if (failure || !model) {
    warnings.push(failure ?? 'No estimate.');
    return answer({
      status: 'insufficient',
      estimate: null,
      ci90: null,
      lags: [],
      overdispersion: model && Number.isFinite(model.fit.dispersion) ? model.fit.dispersion : null,
      bootstrap: { reps: 0, failed: 0, seed: options.seed },
      posterior: prior ? { estimate: prior.rateRatio, ci90: prior.ci90, dataWeight: 0 } : null,
      warnings,
      notes: prior ? ['With no usable data the posterior is the prior.'] : [],
    });
  }

  // Team-cluster bootstrap, warm-started from the full fit.
  const bootStarted = performance.now();
  const thetas: number[] = [];
  let failed = 0;
  for (const teamWeights of draws) {
    try {
      const rep = fitLagModel(sample, outcome, { teamWeights, start: model.start, covariance: false, tolerance: BOOTSTRAP_TOLERANCE });
      if (rep && Number.isFinite(rep.theta) && rep.fit.converged) thetas.push(rep.theta);
      else failed++;
    } catch (err) {
      if (!(err instanceof GlmError)) throw err;
      failed++;
    }
  }
  timings.bootstrapMs += performance.now() - bootStarted;
  thetas.sort((a, b) => a - b);
  const tail = fewClusterTail(facts.teams);
  const ci90: [number, number] | null = thetas.length >= 2 ? [Math.exp(quantileSorted(thetas, tail)), Math.exp(quantileSorted(thetas, 1 - tail))] : null;

  // Thin-data warnings (thresholds in EFFECT_THRESHOLDS, explained in docs/methods.md).
  const t = EFFECT_THRESHOLDS;
  if (facts.teams < t.minTeams) warnings.push(`Only ${facts.teams} teams with ${label}: with fewer than ${t.minTeams} the team bootstrap cannot give a trustworthy interval.`);
  if (facts.months < t.minMonths) warnings.push(`Only ${facts.months} months of data (fewer than ${t.minMonths}): month effects and lags leave little to learn from.`);
  if (facts.aiShareSd < t.minAiShareSd) warnings.push(`Little AI variation: the AI share's standard deviation across team-months is ${(100 * facts.aiShareSd).toFixed(1)} points (under ${100 * t.minAiShareSd}).`);
  if (facts.events < t.minEvents) warnings.push(`Only ${facts.events} ${label} in the fitted team-months (fewer than ${t.minEvents}): the rate ratio is very uncertain.`);
  if (facts.adoptingTeams < t.minAdoptingTeams) warnings.push(`Only ${facts.adoptingTeams} team(s) ever reach ${100 * t.adoptionShare}% AI share: the estimate rests on ${facts.adoptingTeams === 1 ? 'one team' : 'no team'}'s change over time.`);
  if (draws.length > 0 && failed / draws.length > t.maxBootstrapFailures) warnings.push(`${failed} of ${draws.length} bootstrap refits failed (e.g. resamples without AI variation); the interval uses the other ${thetas.length}.`);
  if (!ci90) warnings.push('No bootstrap interval: too few successful refits.');
  else if (ci90[1] / ci90[0] > t.maxIntervalRatio) {
    warnings.push(
      ci90[0] < 1 && ci90[1] > 1
        ? `The 90% interval (×${ci90[0].toFixed(2)} to ×${ci90[1].toFixed(2)}) is too wide to tell whether AI share raises or lowers ${label}: the data say little either way.`
        : `The 90% interval (×${ci90[0].toFixed(2)} to ×${ci90[1].toFixed(2)}) is very wide: the size of the effect is poorly known.`,
    );
  }
  if (!model.fit.converged) warnings.push(`The fit did not converge in ${model.fit.iterations} iterations.`);
  if (warnings.length > 0 && !prior) notes.push('Thin data: turn on priors (published figures) to see how much the estimate should move.');

  const phi = model.fit.dispersion;
  if (Number.isFinite(phi) && phi > t.overdispersionNote) {
    notes.push(`Overdispersed counts (φ = ${phi.toFixed(2)}): plain Poisson standard errors would be about ${Math.sqrt(phi).toFixed(1)}x too narrow; the team bootstrap interval does not rely on them.`);
  }
  const droppedTeams = model.subset.droppedTeams.map((i) => sample.teams[i]!);
  if (droppedTeams.length > 0) notes.push(`Left out ${droppedTeams.length} team(s) with no ${label} (${droppedTeams.join(', ')}): under team fixed effects they carry no information.`);
  const droppedMonths = model.subset.droppedMonths.map((i) => sample.months[i]!);
  if (droppedMonths.length > 0) notes.push(`Left out ${droppedMonths.length} month(s) with no ${label} in any team (${droppedMonths.join(', ')}).`);
  if (sample.droppedNoLag > 0) notes.push(`${sample.droppedNoLag} team-months at the start have no AI share for lags up to ${MAX_LAG} months and are not fitted.`);
  if (sample.droppedNoPrs > 0) notes.push(`${sample.droppedNoPrs} team-months without merged PRs (no exposure) are not fitted.`);

  const posterior = prior ? posteriorOf(sample, outcome, model, ci90, prior, notes) : null;
  return answer({
    status: warnings.length > 0 ? 'thin' : 'ok',
    estimate: Math.exp(model.theta),
    ci90,
    lags: model.lagCoefficients.map((coefficient, lag) => ({ lag, coefficient })),
    overdispersion: Number.isFinite(phi) ? phi : null,
    bootstrap: { reps: draws.length, failed, seed: options.seed },
    posterior,
    warnings,
    notes,
  });
}

/**
 * Posterior from the published prior and the data. The Poisson likelihood alone overstates how much
 * the data know (overdispersion, months of a team are correlated), so it is tempered: multiplied by
 * c = min(1, v_model / v_bootstrap), where v_model is the Poisson variance of θ̂ and v_bootstrap the
 * team-bootstrap variance (from the 90% interval's width). The tempered likelihood then carries the
 * information the bootstrap says the data have (Müller, "Risk of Bayesian inference in misspecified
 * models, and the sandwich covariance matrix", Econometrica 81(5), 2013, uses the same idea). The
 * posterior mode comes from penalised IRLS with the N(prior mean, prior sd²) penalty on θ; its 90%
 * interval is mode ± 1.645 sd from the penalised information.
 */
function posteriorOf(sample: LaggedSample, outcome: EffectOutcome, model: LagModelFit, ci90: [number, number] | null, prior: EffectPrior, notes: string[]): EffectPosterior | null {
  const vModel = model.thetaSe ** 2;
  let scale = 1;
  if (ci90) {
    const vBoot = ((Math.log(ci90[1]) - Math.log(ci90[0])) / (2 * Z90)) ** 2;
    if (vBoot > 0 && vModel > 0) scale = Math.min(1, vModel / vBoot);
  } else if (Number.isFinite(model.fit.dispersion) && model.fit.dispersion > 1) {
    scale = 1 / model.fit.dispersion;
  }
  try {
    const post = fitLagModel(sample, outcome, { prior: { mean: prior.logMean, sd: prior.logSd }, likelihoodScale: scale, start: model.start });
    if (!post || !Number.isFinite(post.theta) || !Number.isFinite(post.thetaSe)) return null;
    const dataPrecision = vModel > 0 ? scale / vModel : 0;
    const priorPrecision = 1 / prior.logSd ** 2;
    if (scale < 0.995) notes.push(`Posterior: the likelihood is tempered by ${scale.toFixed(2)} so the data count only as much as the team bootstrap says they know.`);
    return {
      estimate: Math.exp(post.theta),
      ci90: [Math.exp(post.theta - Z90 * post.thetaSe), Math.exp(post.theta + Z90 * post.thetaSe)],
      dataWeight: dataPrecision / (dataPrecision + priorPrecision),
    };
  } catch (err) {
    if (err instanceof GlmError) return null;
    throw err;
  }
}
