import { describe, expect, it } from 'vitest';
import {
  betaQuantile,
  chiSquareSurvival,
  clopperPearsonInterval,
  gammaQuantile,
  logGamma,
  normalCdf,
  normalQuantile,
  poissonCountInterval,
  quantileSorted,
  regularizedBeta,
  regularizedGammaP,
  studentTQuantile,
  wilsonInterval,
} from '../../../analytics/stats/distributions';

// Reference values are the published tables' (and R's qnorm/qt/qgamma/pchisq) to the digits shown.
describe('distribution functions', () => {
  it('normal quantiles and CDF', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
  });

  it('Student t quantiles (qt)', () => {
    expect(studentTQuantile(0.95, 7)).toBeCloseTo(1.894579, 5);
    expect(studentTQuantile(0.95, 1)).toBeCloseTo(6.313752, 5);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042272, 5);
    expect(studentTQuantile(0.05, 7)).toBeCloseTo(-1.894579, 5);
    expect(studentTQuantile(0.95, Infinity)).toBeCloseTo(1.644854, 6);
  });

  it('incomplete gamma and beta, log-gamma, chi-square', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5723649429247001, 13); // ln √π
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 11);
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 13);
    // Integer shape: P(a, x) = 1 − e^{−x} Σ_{k<a} x^k/k!.
    expect(regularizedGammaP(5, 30)).toBeCloseTo(1 - Math.exp(-30) * (1 + 30 + 450 + 4500 + 33750), 13);
    expect(regularizedGammaP(3, 2.5)).toBeCloseTo(1 - Math.exp(-2.5) * (1 + 2.5 + 3.125), 13);
    // I_x(a, b) for integers = P(Binomial(a + b − 1, x) ≥ a): P(Bin(4, ½) ≥ 2) = 11/16.
    expect(regularizedBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 13);
    expect(regularizedBeta(0.2, 1, 1)).toBeCloseTo(0.2, 13);
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 10);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 10);
  });

  it('gamma and beta quantiles', () => {
    expect(gammaQuantile(0.05, 10)).toBeCloseTo(5.425406, 5);
    expect(gammaQuantile(0.95, 11)).toBeCloseTo(16.96222, 4);
    expect(betaQuantile(0.5, 1, 1)).toBeCloseTo(0.5, 12);
  });

  it('interval formulas: Garwood, Clopper–Pearson, Wilson', () => {
    const [lo, hi] = poissonCountInterval(10, 0.9);
    expect(lo).toBeCloseTo(5.425406, 5);
    expect(hi).toBeCloseTo(16.96222, 4);
    expect(poissonCountInterval(0, 0.9)[1]).toBeCloseTo(-Math.log(0.05), 10);
    expect(clopperPearsonInterval(0, 10, 0.9)![1]).toBeCloseTo(1 - Math.pow(0.05, 1 / 10), 10);
    // Wilson for 5/20 at 90%: centre (p + z²/2n)/(1 + z²/n), half-width z√(p(1−p)/n + z²/4n²)/(1 + z²/n).
    const [wl, wh] = wilsonInterval(5, 20, 0.9)!;
    expect(wl).toBeCloseTo(0.1273772, 6);
    expect(wh).toBeCloseTo(0.4322018, 6);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('type-7 quantiles of a sorted sample', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 14);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 14);
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
  });
});
