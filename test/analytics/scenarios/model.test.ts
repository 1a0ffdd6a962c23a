import { describe, expect, it } from 'vitest';
import { band, drawSet, monthsForQuarters, pathSamples, refactorShares, simulate, type Calibration } from '../../../analytics/scenarios/model';
import { Rng } from '../../../analytics/stats/random';
import type { ScenarioLevers, ScenarioPath, ScenarioMetricKey } from '../../../shared/scenarios';
import { assumptionValues, syntheticCalibration } from './fixtures';

const DRAWS = 2000;

function run(levers: ScenarioLevers, overrides: Parameters<typeof assumptionValues>[1] = {}, c: Calibration = syntheticCalibration(), seed = 1, draws = DRAWS) {
  return simulate({ calibration: c, levers, assumptions: assumptionValues(c, overrides), months: monthsForQuarters(c.startMonth, 4), seed, draws });
}

/** Median over the horizon of a metric's monthly p50s (a robust summary of a path). */
const total = (path: ScenarioPath, key: ScenarioMetricKey) => path.quarters.reduce((s, q) => s + q.metrics[key].p50, 0);

describe('scenario model invariants (product.md §8)', () => {
  it('a cap at or above every team’s share changes nothing, exactly (common random numbers)', () => {
    const out = run({ capAi: { share: 0.95 } });
    expect(out.scenario).toEqual(out.baseline);
    for (const q of out.delta.quarters) for (const b of Object.values(q.metrics)) expect(b).toEqual({ p5: 0, p50: 0, p95: 0 });
  });

  it('tightening a cap never raises incidents, and it costs throughput', () => {
    const caps = [0.6, 0.4, 0.2, 0];
    const incidents = caps.map((share) => total(run({ capAi: { share } }).scenario, 'incidents'));
    const merged = caps.map((share) => total(run({ capAi: { share } }).scenario, 'mergedPrs'));
    for (let i = 1; i < caps.length; i++) {
      expect(incidents[i]!).toBeLessThanOrEqual(incidents[i - 1]!);
      expect(merged[i]!).toBeLessThanOrEqual(merged[i - 1]!);
    }
    expect(incidents.at(-1)!).toBeLessThan(0.95 * incidents[0]!);
  });

  it('with κ = λ = 0 tiered review and refactoring are pure cost: no fewer incidents per PR, more cost', () => {
    const levers: ScenarioLevers = { tieredReview: { aboveShare: 0.3 }, refactor: { everyNthSprint: 3, capacity: 0.5, sprintWeeks: 2 } };
    const out = run(levers, { kappa: 0, lambda: 0 });
    const rate = (p: ScenarioPath) => total(p, 'incidents') / total(p, 'mergedPrs');
    expect(rate(out.scenario)).toBeGreaterThan(0.97 * rate(out.baseline));
    expect(total(out.scenario, 'mergedPrs')).toBeLessThan(total(out.baseline, 'mergedPrs'));
    for (const q of out.delta.quarters) expect(q.metrics.cost.p50).toBeGreaterThanOrEqual(0);
    expect(total(out.delta, 'cost')).toBeGreaterThan(0);
  });

  it('refactoring lowers throughput in refactor months and never raises incidents; the benefit builds up later', () => {
    const lever = { everyNthSprint: 3, capacity: 0.5, sprintWeeks: 2 };
    const out = run({ refactor: lever });
    const shares = refactorShares('2026-11', monthsForQuarters('2026-11', 4), lever);
    out.delta.months.forEach((m, t) => {
      if (shares[t]! > 0.05) expect(m.metrics.mergedPrs.p50, m.period).toBeLessThan(0);
      expect(out.scenario.months[t]!.metrics.incidents.p50, m.period).toBeLessThanOrEqual(out.baseline.months[t]!.metrics.incidents.p50);
    });
    // Incidents per merged PR fall further in the last quarter than in the first (the stock builds).
    const ratio = (q: number) => out.scenario.quarters[q]!.metrics.incidents.p50 / out.scenario.quarters[q]!.metrics.mergedPrs.p50 / (out.baseline.quarters[q]!.metrics.incidents.p50 / out.baseline.quarters[q]!.metrics.mergedPrs.p50);
    expect(ratio(3)).toBeLessThan(ratio(0));
  });

  it('p = 0 leaves tickets exactly unchanged whatever happens to incidents', () => {
    const out = run({ capAi: { share: 0 } }, { ticketShareFromIncidents: 0 });
    expect(out.scenario.months.map((m) => m.metrics.tickets)).toEqual(out.baseline.months.map((m) => m.metrics.tickets));
    const withP = run({ capAi: { share: 0 } }, { ticketShareFromIncidents: 0.5 });
    expect(total(withP.scenario, 'tickets')).toBeLessThan(total(withP.baseline, 'tickets'));
  });

  it('keeps NPS within [−100, 100] even with extreme sensitivity', () => {
    const c = syntheticCalibration();
    c.npsBase = 90;
    c.hitShareBase = 0.9;
    const out = run({ refactor: { everyNthSprint: 1, capacity: 1, sprintWeeks: 2 } }, { npsSensitivity: 100, lambda: 3 }, c);
    for (const path of [out.baseline, out.scenario]) for (const m of path.months) {
      expect(m.metrics.nps.p5).toBeGreaterThanOrEqual(-100);
      expect(m.metrics.nps.p95).toBeLessThanOrEqual(100);
    }
  });

  it('reproduces results exactly for a seed, and the bands’ simulation error is small', () => {
    const levers: ScenarioLevers = { capAi: { share: 0.25 } };
    expect(run(levers, {}, syntheticCalibration(), 7)).toEqual(run(levers, {}, syntheticCalibration(), 7));
    const a = run(levers, {}, syntheticCalibration(), 1);
    const b = run(levers, {}, syntheticCalibration(), 2);
    for (let q = 0; q < a.scenario.quarters.length; q++) {
      for (const key of ['mergedPrs', 'incidents', 'tickets'] as const) {
        const x = a.scenario.quarters[q]!.metrics[key];
        const y = b.scenario.quarters[q]!.metrics[key];
        expect(Math.abs(x.p50 - y.p50) / x.p50, `${key} p50`).toBeLessThan(0.03);
        expect(Math.abs(x.p95 - y.p95) / x.p95, `${key} p95`).toBeLessThan(0.06);
      }
    }
  });

  it('a path simulated with others (sharing their exponentials) has exactly the numbers it has alone', () => {
    const c = syntheticCalibration();
    const a = assumptionValues(c);
    const set = drawSet(c, a, monthsForQuarters(c.startMonth, 4), 5, 300);
    const paths: ScenarioLevers[] = [{ capAi: { share: 0.3 } }, { aiFreeRepos: ['acme/repo-6a'], tieredReview: { aboveShare: 0.4 } }, { refactor: { everyNthSprint: 2, capacity: 0.3, sprintWeeks: 2 } }];
    const together = pathSamples(c, [null, ...paths], set);
    expect(together[0]).toEqual(pathSamples(c, [null], set)[0]);
    paths.forEach((levers, i) => expect(together[i + 1], JSON.stringify(levers)).toEqual(pathSamples(c, [levers], set)[0]));
  });

  it('runs back to back (reusing the memory of the ones before) give the numbers of a first run', () => {
    const c = syntheticCalibration();
    const first = run({ capAi: { share: 0.3 }, tieredReview: { aboveShare: 0.4 } }, {}, c, 2, 600);
    run({ refactor: { everyNthSprint: 2, capacity: 0.4, sprintWeeks: 2 } }, { rho: 1.5 }, c, 3, 600);
    run({ aiFreeRepos: ['acme/repo-1a'] }, {}, c, 4, 300);
    expect(run({ capAi: { share: 0.3 }, tieredReview: { aboveShare: 0.4 } }, {}, c, 2, 600)).toEqual(first);
  });

  it('re-keyed count streams draw what new generators of the same keys draw', () => {
    const keys = ['scenario-counts/1/0/merged', 'scenario-counts/7/1999/tickets', 'x', ''];
    const reused = new Rng('something else');
    reused.normal(); // a pending second normal must not survive a re-key
    for (const key of keys) {
      reused.reset(key);
      const fresh = new Rng(key);
      expect(reused.key).toBe(key);
      expect([reused.normal(), reused.poisson(700), reused.negativeBinomial(400, 900), reused.uniform()]).toEqual([fresh.normal(), fresh.poisson(700), fresh.negativeBinomial(400, 900), fresh.uniform()]);
      const copy = new Rng('').copyFrom(reused);
      expect([copy.normal(), copy.normal(), copy.nextUint32()]).toEqual([reused.normal(), reused.normal(), reused.nextUint32()]);
    }
  });

  it('AI-free repos lower the AI share by their share of the team’s PRs', () => {
    const c = syntheticCalibration();
    const out = run({ aiFreeRepos: ['acme/repo-7a'] }, {}, c);
    const before = out.baseline.months[0]!.metrics.aiShare.p50;
    const after = out.scenario.months[0]!.metrics.aiShare.p50;
    expect(after).toBeLessThan(before);
  });

  it('a limited senior pool becomes the bottleneck for tiered review', () => {
    const roomy = run({ tieredReview: { aboveShare: 0.2 } }, { seniorReviewHoursPerMonth: 40, kappa: 0 });
    const tight = run({ tieredReview: { aboveShare: 0.2 } }, { seniorReviewHoursPerMonth: 1, kappa: 0 });
    expect(total(tight.scenario, 'mergedPrs')).toBeLessThan(0.95 * total(roomy.scenario, 'mergedPrs'));
    expect(total(tight.scenario, 'seniorReviewHours')).toBeLessThan(total(roomy.scenario, 'seniorReviewHours'));
  });
});

describe('refactor sprint calendar', () => {
  it('spends C% of every Nth sprint', () => {
    const shares = refactorShares('2026-01', 12, { everyNthSprint: 3, capacity: 0.5, sprintWeeks: 2 });
    const mean = shares.reduce((a, b) => a + b, 0) / shares.length;
    // One sprint in three at half capacity ≈ 1/6 of the year.
    expect(mean).toBeGreaterThan(0.15);
    expect(mean).toBeLessThan(0.18);
    expect(refactorShares('2026-01', 3, undefined)).toEqual(new Float64Array(3));
  });
});

describe('horizon', () => {
  it('reports only whole calendar quarters, simulating the lead months before the first', () => {
    expect(monthsForQuarters('2026-11', 4)).toBe(14);
    expect(monthsForQuarters('2027-01', 2)).toBe(6);
    const c = syntheticCalibration();
    const out = simulate({ calibration: c, levers: {}, assumptions: assumptionValues(c), months: monthsForQuarters('2026-11', 2), seed: 1, draws: 200 });
    expect(out.baseline.months.map((m) => m.period)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06']);
    expect(out.baseline.quarters.map((q) => q.period)).toEqual(['2027Q1', '2027Q2']);
    const q1 = out.baseline.quarters[0]!.metrics.mergedPrs.p50;
    const monthly = out.baseline.months.slice(2, 5).reduce((s, m) => s + m.metrics.mergedPrs.p50, 0);
    expect(Math.abs(q1 - monthly) / monthly).toBeLessThan(0.05);
  });
});

describe('bands', () => {
  const sortedQuantile = (xs: number[], q: number) => {
    const s = [...xs].sort((a, b) => a - b);
    const pos = (s.length - 1) * q;
    const lo = Math.floor(pos);
    return lo === pos ? s[lo]! : s[lo]! + (s[lo + 1]! - s[lo]!) * (pos - lo);
  };
  it('equal the sorted-array quantiles exactly: counts, gaps, ties, outliers and constants', () => {
    const rng = Rng.seeded('bands');
    const cases = [
      Array.from({ length: 2000 }, () => rng.poisson(30)),
      // Whole numbers with gaps between the values (the tally path's interpolation across empty values).
      Array.from({ length: 2001 }, () => 10 * rng.int(0, 3) - 15),
      Array.from({ length: 20 }, () => rng.int(0, 1000)),
      Array.from({ length: 2000 }, () => rng.normal(0, 1)),
      Array.from({ length: 1999 }, (_, i) => (i === 5 ? 1e9 : rng.uniform())),
      Array.from({ length: 50 }, () => 7),
      [3],
      // Crowded bins: a few repeated values (restore times), and a range stretched by outliers on both
      // sides, so that a needed rank sits in a bin of hundreds (sorted by buckets, recursively).
      Array.from({ length: 2000 }, () => [2, 3, 2.5, 4, 5, 3.5][rng.int(0, 5)]!),
      Array.from({ length: 2000 }, (_, i) => (i === 7 ? -1e12 : i === 9 ? 1e12 : 0.5 + rng.normal(0, 1e-6))),
      Array.from({ length: 2000 }, (_, i) => (i % 500 === 0 ? 1e9 : rng.uniform() * (i % 3 === 0 ? 1e-9 : 1))),
    ];
    for (const xs of cases) {
      const b = band(Float64Array.from(xs));
      expect(b).toEqual({ p5: sortedQuantile(xs, 0.05), p50: sortedQuantile(xs, 0.5), p95: sortedQuantile(xs, 0.95) });
    }
  });

  it('keep a typed sort’s order of −0 and +0 in a crowded bin', () => {
    // −0 and +0 compare equal but are different numbers: a bin with both is sorted as Float64Array#sort does.
    // 2,001 values: the 5th percentile is the value of rank 100 itself, −0 after a typed sort.
    const xs = Float64Array.from({ length: 2001 }, (_, i) => (i === 3 ? 1e6 : i % 4 === 1 ? -0 : i % 4 === 2 ? 1 : 0));
    const sorted = Float64Array.from(xs).sort();
    const quantile = (q: number) => {
      const pos = 2000 * q;
      const lo = Math.floor(pos);
      return lo === pos ? sorted[lo]! : sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * (pos - lo);
    };
    const b = band(xs);
    for (const [got, want] of [[b.p5, quantile(0.05)], [b.p50, quantile(0.5)], [b.p95, quantile(0.95)]] as const) expect(Object.is(got, want), `${got} vs ${want}`).toBe(true);
    expect(Object.is(b.p5, -0)).toBe(true);
  });
});
