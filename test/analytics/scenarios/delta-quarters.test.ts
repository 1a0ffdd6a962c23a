import { describe, expect, it } from 'vitest';
import { monthsForQuarters, simulate } from '../../../analytics/scenarios/model';
import { assumptionValues, syntheticCalibration } from './fixtures';

// Regression: the quarterly difference of the change failure rate (a ratio) was aggregated from the
// monthly differences weighted by the *difference* in merged PRs, which reads 0 pp under a cap.
describe('quarterly differences', () => {
  const c = syntheticCalibration();
  const out = simulate({
    calibration: c,
    levers: { capAi: { share: 0 }, tieredReview: { aboveShare: 0.2 } },
    assumptions: assumptionValues(c, {}),
    months: monthsForQuarters(c.startMonth, 2),
    seed: 1,
    draws: 2000,
  });

  it('give the change failure rate’s difference as scenario quarter minus baseline quarter', () => {
    out.delta.quarters.forEach((q, j) => {
      const gap = out.scenario.quarters[j]!.metrics.changeFailureRate.p50 - out.baseline.quarters[j]!.metrics.changeFailureRate.p50;
      expect(gap).toBeLessThan(-0.002);
      expect(q.metrics.changeFailureRate.p50).toBeLessThan(0);
      expect(Math.abs(q.metrics.changeFailureRate.p50 - gap)).toBeLessThan(0.002);
      expect(q.metrics.changeFailureRate.p5).toBeLessThan(q.metrics.changeFailureRate.p95);
    });
  });

  it('leave sums as they were: a quarter’s difference in merged PRs is the sum of its months’ differences', () => {
    const lead = out.delta.months.length - 3 * out.delta.quarters.length;
    const months = out.delta.months.slice(lead, lead + 3).map((m) => m.metrics.mergedPrs.p50);
    const q = out.delta.quarters[0]!.metrics.mergedPrs.p50;
    // Medians do not add exactly; the quarter's median sits near the sum of the months'.
    expect(Math.abs(q - months.reduce((a, b) => a + b, 0))).toBeLessThan(0.1 * Math.abs(q) + 5);
    expect(q).toBeLessThan(0);
  });
});
