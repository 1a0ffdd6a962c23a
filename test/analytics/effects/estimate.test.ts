import { describe, expect, it } from 'vitest';
import { EFFECT_THRESHOLDS, estimateEffects, fewClusterTail, teamBootstrapDraws } from '../../../analytics/effects/estimate';
import { fitLagModel } from '../../../analytics/effects/lag-model';
import { laggedSample, type PanelRow } from '../../../analytics/effects/panel';
import { publishedPrior } from '../../../analytics/effects/priors';
import { simulatePanel } from '../../../analytics/effects/simulate';
import { buildDesign } from '../../../analytics/stats/design';
import { fitPoisson } from '../../../analytics/stats/poisson-glm';

/** Share of seeded replications whose 90% interval covers the planted rate ratio. */
function coverage(replications: number, rateRatio: number, confounded: boolean): { covered: number; meanLog: number } {
  let covered = 0;
  let sumLog = 0;
  for (let r = 0; r < replications; r++) {
    const sim = simulatePanel({ seed: `coverage-${r}`, teams: 20, months: 24, rateRatio: { incidents: rateRatio }, confounded });
    const [e] = estimateEffects(sim.rows, { seed: r, bootstrap: 60, outcomes: ['incidents'] }).effects;
    if (e!.ci90 && e!.ci90[0] <= rateRatio && rateRatio <= e!.ci90[1]) covered++;
    sumLog += Math.log(e!.estimate!);
  }
  return { covered: covered / replications, meanLog: sumLog / replications };
}

/** A pooled Poisson model without team or month effects: what a naive comparison estimates. */
function pooledRateRatio(rows: PanelRow[]): number {
  const s = laggedSample(rows);
  const s0 = s.shares[0]!;
  const design = buildDesign({
    n: s.n,
    intercept: true,
    dense: [
      { name: 'sum', values: s0 },
      { name: 'lag1', values: s.shares[1]!.map((v, i) => v - s0[i]!) },
      { name: 'lag2', values: s.shares[2]!.map((v, i) => v - s0[i]!) },
    ],
  });
  return Math.exp(fitPoisson(design, s.counts.incidents, { offset: s.logExposure }).coefficients[1]!);
}

describe('effect estimates on simulated panels', () => {
  // 40 replications × 60 bootstrap resamples keep this under ~10 s; the benchmark runs 200 × 200.
  // With true coverage 90%, fewer than 30 of 40 happens with probability < 0.1%.
  it('the 90% interval covers a planted ×1.3 (lags 0–2, confounded adoption) in roughly 90% of replications', () => {
    const { covered, meanLog } = coverage(40, 1.3, true);
    expect(covered).toBeGreaterThanOrEqual(0.75);
    expect(Math.abs(meanLog - Math.log(1.3))).toBeLessThan(0.15);
  });

  it('and covers "no effect" when there is none', () => {
    const { covered, meanLog } = coverage(40, 1, false);
    expect(covered).toBeGreaterThanOrEqual(0.75);
    expect(Math.abs(meanLog)).toBeLessThan(0.15);
  });

  it('is not fooled by confounded adoption: the pooled ratio is biased, the fixed-effects estimate is not', () => {
    // Early adopters have up to 1.65x the baseline incident rate; expected counts isolate the bias from noise.
    const exact = simulatePanel({ seed: 'c1', teams: 30, months: 24, rateRatio: { incidents: 1.3 }, confounded: true, noise: false });
    expect(pooledRateRatio(exact.rows)).toBeGreaterThan(1.6);
    expect(Math.exp(fitLagModel(laggedSample(exact.rows), 'incidents')!.theta)).toBeCloseTo(1.3, 8);
    // With noise, over replications: the pooled estimate stays far above the truth, the FE one centres on it.
    let pooled = 0;
    let fixedEffects = 0;
    const reps = 12;
    for (let r = 0; r < reps; r++) {
      const sim = simulatePanel({ seed: `confounded-${r}`, teams: 30, months: 24, rateRatio: { incidents: 1.3 }, confounded: true });
      pooled += Math.log(pooledRateRatio(sim.rows)) / reps;
      fixedEffects += fitLagModel(laggedSample(sim.rows), 'incidents')!.theta / reps;
    }
    expect(pooled - Math.log(1.3)).toBeGreaterThan(0.25);
    expect(Math.abs(fixedEffects - Math.log(1.3))).toBeLessThan(0.15);
  });
});

describe('estimateEffects', () => {
  const sim = simulatePanel({ seed: 'estimate', teams: 16, months: 24, rateRatio: { incidents: 1.3, bugs: 1.25, reverts: 1.4, change_failures: 1.3 } });

  it('answers every outcome with estimate, interval, n, method, overdispersion and lag coefficients', () => {
    const { effects, timings } = estimateEffects(sim.rows, { seed: 3, bootstrap: 50 });
    expect(effects.map((e) => e.outcome)).toEqual(['incidents', 'bugs', 'reverts', 'change_failures']);
    for (const e of effects) {
      expect(e.estimate).toBeGreaterThan(0);
      expect(e.ci90![0]).toBeLessThan(e.ci90![1]);
      expect(e.n).toBe(16 * 22);
      expect(e.teams).toBe(16);
      expect(e.months).toBe(22);
      expect(e.lags.map((l) => l.lag)).toEqual([0, 1, 2]);
      expect(Math.exp(e.lags.reduce((s, l) => s + l.coefficient, 0))).toBeCloseTo(e.estimate!, 10);
      // NB(k = 5) counts are overdispersed.
      expect(e.overdispersion).toBeGreaterThan(1);
      expect(e.bootstrap).toEqual({ reps: 50, failed: 0, seed: 3 });
      expect(e.method).toMatch(/team and month fixed effects/);
      expect(e.prior).toBeNull();
      expect(e.posterior).toBeNull();
    }
    expect(timings.fitMs).toBeGreaterThan(0);
  });

  it('is deterministic for a seed and the interval moves with the seed', () => {
    const a = estimateEffects(sim.rows, { seed: 11, bootstrap: 40, outcomes: ['bugs'] }).effects;
    const b = estimateEffects(sim.rows, { seed: 11, bootstrap: 40, outcomes: ['bugs'] }).effects;
    const c = estimateEffects(sim.rows, { seed: 12, bootstrap: 40, outcomes: ['bugs'] }).effects;
    expect(a).toEqual(b);
    expect(c[0]!.estimate).toBe(a[0]!.estimate);
    expect(c[0]!.ci90).not.toEqual(a[0]!.ci90);
    expect(teamBootstrapDraws(5, 3, 1)).toEqual(teamBootstrapDraws(5, 3, 1));
    for (const draw of teamBootstrapDraws(5, 20, 1)) expect(draw.reduce((s, m) => s + m, 0)).toBe(5);
  });

  it('widens the percentile interval for few teams', () => {
    expect(fewClusterTail(8)).toBeCloseTo(0.0214, 3);
    expect(fewClusterTail(100)).toBeGreaterThan(0.045);
    expect(fewClusterTail(100)).toBeLessThan(0.05);
  });

  it('warns instead of answering confidently when data are thin', () => {
    const thin = simulatePanel({ seed: 'thin', teams: 3, months: 10, rateRatio: { incidents: 1.3 }, adoptingShare: 0.34 });
    const [e] = estimateEffects(thin.rows, { bootstrap: 30, outcomes: ['incidents'] }).effects;
    expect(e!.status).toBe('thin');
    const text = e!.warnings.join('\n');
    expect(text).toMatch(/Only 3 teams/);
    expect(text).toMatch(/Only 8 months/);
    expect(text).toMatch(/Only 1 team\(s\) ever reach 10% AI share/);
    expect(text).toMatch(/fewer than 50/);
    expect(e!.notes.join('\n')).toMatch(/turn on priors/);
  });

  it('flags little AI variation and refuses when AI share never varies', () => {
    const flat = sim.rows.map((r) => ({ ...r, aiShare: r.aiShare * 0.1 }));
    const [low] = estimateEffects(flat, { bootstrap: 30, outcomes: ['incidents'] }).effects;
    expect(low!.aiShareSd).toBeLessThan(EFFECT_THRESHOLDS.minAiShareSd);
    expect(low!.warnings.join('\n')).toMatch(/Little AI variation/);
    const none = sim.rows.map((r) => ({ ...r, aiShare: 0 }));
    const [e] = estimateEffects(none, { bootstrap: 30, outcomes: ['incidents'], priors: true }).effects;
    expect(e!.status).toBe('insufficient');
    expect(e!.estimate).toBeNull();
    expect(e!.ci90).toBeNull();
    expect(e!.warnings[0]).toMatch(/AI share never varies/);
    // With priors and no usable data, the posterior is the prior.
    expect(e!.posterior).toEqual({ estimate: e!.prior!.rateRatio, ci90: e!.prior!.ci90, dataWeight: 0 });
  });

  it('with priors: shows the published prior and a posterior between prior and data', () => {
    const [e] = estimateEffects(sim.rows, { seed: 2, bootstrap: 60, outcomes: ['incidents'], priors: true }).effects;
    expect(e!.prior).toEqual(publishedPrior('incidents'));
    expect(e!.prior!.rateRatio).toBeCloseTo(1.235, 10);
    expect(e!.prior!.source).toMatch(/Cortex/);
    const post = e!.posterior!;
    const [lo, hi] = [Math.min(e!.estimate!, e!.prior!.rateRatio), Math.max(e!.estimate!, e!.prior!.rateRatio)];
    expect(post.estimate).toBeGreaterThanOrEqual(lo - 1e-9);
    expect(post.estimate).toBeLessThanOrEqual(hi + 1e-9);
    expect(post.ci90[0]).toBeLessThan(post.estimate);
    expect(post.ci90[1]).toBeGreaterThan(post.estimate);
    expect(post.dataWeight).toBeGreaterThan(0);
    expect(post.dataWeight).toBeLessThan(1);
  });

  it('a very tight prior pins the posterior to the prior mean; a flat one leaves the estimate alone', () => {
    const fixed = (logSd: number) => () => ({ rateRatio: 2, ci90: [2, 2] as [number, number], logMean: Math.log(2), logSd, source: 'test', derivation: 'test' });
    const [tight] = estimateEffects(sim.rows, { bootstrap: 30, outcomes: ['bugs'], priors: true, priorFor: fixed(1e-4) }).effects;
    expect(tight!.posterior!.estimate).toBeCloseTo(2, 3);
    expect(tight!.posterior!.dataWeight).toBeLessThan(0.01);
    const [flat] = estimateEffects(sim.rows, { bootstrap: 30, outcomes: ['bugs'], priors: true, priorFor: fixed(1e6) }).effects;
    expect(flat!.posterior!.estimate).toBeCloseTo(flat!.estimate!, 6);
    expect(flat!.posterior!.dataWeight).toBeGreaterThan(0.999);
  });

  it('notes teams left out for having no events', () => {
    const rows = sim.rows.map((r) => (r.team === 'team-003' ? { ...r, reverts: 0 } : r));
    const [e] = estimateEffects(rows, { bootstrap: 30, outcomes: ['reverts'] }).effects;
    expect(e!.teams).toBe(15);
    expect(e!.notes.join('\n')).toMatch(/Left out 1 team\(s\) with no reverts \(team-003\)/);
  });
});
