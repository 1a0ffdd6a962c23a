import { describe, expect, it } from 'vitest';
import { AliasTable, Rng, logFactorial } from '../../analytics/stats/random';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sumSq / n - mean * mean };
}

/** Pearson χ² of Poisson draws against the exact pmf, over bins with expected count ≥ 5. */
function poissonChiSquare(rng: Rng, mean: number, n: number): { statistic: number; bins: number } {
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = rng.poisson(mean);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  let statistic = 0;
  let bins = 0;
  let tailObserved = n;
  let tailExpected = n;
  for (let k = 0; k < mean * 4 + 50; k++) {
    const expected = n * Math.exp(k * Math.log(mean) - mean - logFactorial(k));
    if (expected < 5) continue;
    const observed = counts.get(k) ?? 0;
    statistic += (observed - expected) ** 2 / expected;
    tailObserved -= observed;
    tailExpected -= expected;
    bins++;
  }
  statistic += (tailObserved - tailExpected) ** 2 / tailExpected;
  return { statistic, bins: bins + 1 };
}

describe('Rng', () => {
  it('is deterministic per key and differs between keys', () => {
    const a = new Rng('seed-1');
    const b = new Rng('seed-1');
    const c = new Rng('seed-2');
    const seqA = Array.from({ length: 20 }, () => a.nextUint32());
    const seqB = Array.from({ length: 20 }, () => b.nextUint32());
    const seqC = Array.from({ length: 20 }, () => c.nextUint32());
    expect(seqA).toEqual(seqB);
    expect(seqA).not.toEqual(seqC);
    expect(new Set(seqA).size).toBe(20);
  });

  it('forks streams by name, independent of how much the parent has drawn', () => {
    const fresh = new Rng('parent');
    const used = new Rng('parent');
    for (let i = 0; i < 1000; i++) used.uniform();
    expect(used.fork('child').uniform()).toBe(fresh.fork('child').uniform());
    expect(fresh.fork('a').uniform()).not.toBe(fresh.fork('b').uniform());
  });

  it('draws uniforms strictly inside (0, 1) with the right moments', () => {
    const rng = new Rng('uniform');
    let min = 1;
    let max = 0;
    const m = moments(() => {
      const u = rng.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    }, 200_000);
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(m.mean).toBeCloseTo(0.5, 2);
    expect(m.variance).toBeCloseTo(1 / 12, 2);
    const ints = new Set(Array.from({ length: 2000 }, () => rng.int(3, 7)));
    expect([...ints].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws normals and lognormals with the requested parameters', () => {
    const rng = new Rng('normal');
    const m = moments(() => rng.normal(2, 3), 200_000);
    expect(m.mean).toBeCloseTo(2, 1);
    expect(Math.sqrt(m.variance)).toBeCloseTo(3, 1);
    const draws = Array.from({ length: 50_001 }, () => rng.lognormalMedian(6, 0.9)).sort((x, y) => x - y);
    expect(draws[25_000]!).toBeGreaterThan(5.8);
    expect(draws[25_000]!).toBeLessThan(6.2);
  });

  it.each([0.3, 4, 9.5, 10, 37, 1000])('draws Poisson(%f) with mean = variance = λ', (mean) => {
    const rng = new Rng(`poisson-${mean}`);
    const m = moments(() => rng.poisson(mean), 100_000);
    expect(Math.abs(m.mean - mean)).toBeLessThan(4 * Math.sqrt(mean / 100_000) + 1e-9);
    expect(m.variance / mean).toBeGreaterThan(0.97);
    expect(m.variance / mean).toBeLessThan(1.03);
  });

  it.each([4, 30, 250])('matches the Poisson(%f) pmf (χ² goodness of fit, both samplers)', (mean) => {
    const { statistic, bins } = poissonChiSquare(new Rng(`chi-${mean}`), mean, 200_000);
    // 99.9% quantile of χ²(df) is below df + 3.1·sqrt(2·df) + 10 for these df.
    const df = bins - 1;
    expect(statistic).toBeLessThan(df + 3.1 * Math.sqrt(2 * df) + 10);
  });

  it('handles the edges of the Poisson sampler', () => {
    const rng = new Rng('edges');
    expect(rng.poisson(0)).toBe(0);
    expect(() => rng.poisson(-1)).toThrow(RangeError);
    expect(() => rng.poisson(Number.NaN)).toThrow(RangeError);
  });

  it.each([0.5, 1, 3, 25])('draws Gamma(%f, 2) with mean kθ and variance kθ²', (shape) => {
    const rng = new Rng(`gamma-${shape}`);
    const m = moments(() => rng.gamma(shape, 2), 200_000);
    expect(m.mean / (shape * 2)).toBeCloseTo(1, 1);
    expect(m.variance / (shape * 4)).toBeCloseTo(1, 1);
    expect(() => rng.gamma(0)).toThrow(RangeError);
  });

  it('draws overdispersed negative binomials: variance μ + μ²/k', () => {
    const rng = new Rng('negbin');
    const m = moments(() => rng.negativeBinomial(6, 2), 200_000);
    expect(m.mean).toBeCloseTo(6, 0);
    expect(m.variance / (6 + 36 / 2)).toBeCloseTo(1, 1);
    expect(rng.negativeBinomial(0, 2)).toBe(0);
  });

  it('picks by weight, with the linear scan and with the alias table', () => {
    const rng = new Rng('weights');
    const weights = [1, 0, 3, 6];
    const linear = [0, 0, 0, 0];
    const alias = [0, 0, 0, 0];
    const table = new AliasTable(weights);
    for (let i = 0; i < 100_000; i++) {
      linear[rng.weightedIndex(weights)]!++;
      alias[table.sample(rng)]!++;
    }
    for (const counts of [linear, alias]) {
      expect(counts[1]).toBe(0);
      expect(counts[0]! / 100_000).toBeCloseTo(0.1, 2);
      expect(counts[2]! / 100_000).toBeCloseTo(0.3, 2);
      expect(counts[3]! / 100_000).toBeCloseTo(0.6, 2);
    }
    expect(() => rng.weightedIndex([0, 0])).toThrow(RangeError);
    expect(() => new AliasTable([])).toThrow(RangeError);
  });

  it('shuffles into a permutation and samples distinct elements', () => {
    const rng = new Rng('shuffle');
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle(items.slice());
    expect(shuffled).not.toEqual(items);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
    const sample = rng.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(rng.sample(items, 99)).toHaveLength(50);
  });

  it('computes log k! across the table / Stirling boundary', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12);
    expect(logFactorial(256) - logFactorial(255)).toBeCloseTo(Math.log(256), 9);
  });

  it('draws 400k Poisson counts fast enough for the scenario Monte Carlo', () => {
    const rng = new Rng('speed');
    const means = [0.5, 2, 6, 14, 40, 120];
    let sink = 0;
    for (let i = 0; i < 20_000; i++) sink += rng.poisson(means[i % means.length]!); // warm-up (JIT)
    const started = performance.now();
    for (let i = 0; i < 400_000; i++) sink += rng.poisson(means[i % means.length]!);
    const millis = performance.now() - started;
    console.info(`400k Poisson draws: ${millis.toFixed(1)} ms`);
    expect(sink).toBeGreaterThan(0);
    // Target is < 100 ms; the bound leaves room for a loaded CI machine.
    expect(millis).toBeLessThan(300);
  });
});
