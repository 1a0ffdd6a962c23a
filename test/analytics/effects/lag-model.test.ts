import { describe, expect, it } from 'vitest';
import { DEMO_SEED, DEMO_TRUTH, generateDemoOrg } from '../../../analytics/demo';
import { fitLagModel } from '../../../analytics/effects/lag-model';
import { laggedSample, type PanelRow } from '../../../analytics/effects/panel';
import { simulatePanel } from '../../../analytics/effects/simulate';

function row(team: string, month: string, mergedPrs: number, aiShare: number, incidents = 1): PanelRow {
  return { team, month, mergedPrs, addedLines: 10 * mergedPrs, aiShare, incidents, bugs: 0, reverts: 0, changeFailures: 0, deployments: 0, tickets: 0 };
}

describe('laggedSample', () => {
  const panel = [
    row('a', '2025-01', 10, 0.1),
    row('a', '2025-02', 10, 0.2),
    row('a', '2025-03', 10, 0.3),
    row('a', '2025-04', 10, 0.4),
    row('a', '2025-05', 10, 0.5),
    row('b', '2025-01', 5, 0),
    row('b', '2025-02', 5, 0.6),
    row('b', '2025-03', 5, 0.7),
    row('b', '2025-04', 0, 0),
    row('b', '2025-05', 5, 0.9),
  ];

  it('takes AI share at lags 0–2 within the team, drops the first two months and months without merged PRs', () => {
    const s = laggedSample(panel);
    expect(s.n).toBe(5);
    expect(s.teams).toEqual(['a', 'b']);
    expect(s.months).toEqual(['2025-03', '2025-04', '2025-05']);
    expect(s.droppedNoLag).toBe(4);
    expect(s.droppedNoPrs).toBe(1);
    // Rows: a-03, a-04, a-05, b-03, b-05.
    expect(Array.from(s.shares[0]!)).toEqual([0.3, 0.4, 0.5, 0.7, 0.9]);
    expect(Array.from(s.shares[1]!)).toEqual([0.2, 0.3, 0.4, 0.6, 0]);
    expect(Array.from(s.shares[2]!)).toEqual([0.1, 0.2, 0.3, 0, 0.7]);
    expect(Array.from(s.logExposure)).toEqual([10, 10, 10, 5, 5].map(Math.log));
  });

  it('keeps earlier months as lag sources only when a first month is given, and needs every lag month', () => {
    const s = laggedSample(panel, { firstMonth: '2025-04' });
    expect(s.months).toEqual(['2025-04', '2025-05']);
    expect(s.n).toBe(3);
    const gap = laggedSample(panel.filter((r) => !(r.team === 'a' && r.month === '2025-02')));
    // a-03 and a-04 need a-02; a-05 does not.
    expect(gap.n).toBe(3);
    expect(gap.droppedNoLag).toBe(5); // a-01, a-03, a-04, b-01, b-02
  });
});

describe('fitLagModel', () => {
  it('recovers the planted lag coefficients exactly from expected counts (no sampling noise)', () => {
    const sim = simulatePanel({ seed: 'exact', teams: 12, months: 24, rateRatio: { incidents: 1.3, bugs: 0.8 }, noise: false });
    const sample = laggedSample(sim.rows);
    const incidents = fitLagModel(sample, 'incidents')!;
    expect(Math.exp(incidents.theta)).toBeCloseTo(1.3, 8);
    const weights = [0.5, 0.3, 0.2];
    incidents.lagCoefficients.forEach((b, l) => expect(b).toBeCloseTo(Math.log(1.3) * weights[l]!, 8));
    expect(Math.exp(fitLagModel(sample, 'bugs')!.theta)).toBeCloseTo(0.8, 8);
    expect(Math.exp(fitLagModel(sample, 'reverts')!.theta)).toBeCloseTo(1, 8);
  });

  it("recovers DEMO_TRUTH exactly from the demo generator's expected counts and true shares", () => {
    const org = generateDemoOrg(DEMO_SEED);
    const panel: PanelRow[] = org.truth.teamMonths.map((t) => ({
      team: t.teamId,
      month: t.month,
      mergedPrs: t.mergedPrs,
      addedLines: 0,
      aiShare: t.trueAiShare,
      incidents: t.expectedIncidents,
      bugs: t.expectedBugs,
      reverts: t.expectedReverts,
      changeFailures: 0,
      deployments: 0,
      tickets: 0,
    }));
    const sample = laggedSample(panel);
    expect(Math.exp(fitLagModel(sample, 'incidents')!.theta)).toBeCloseTo(DEMO_TRUTH.incidents.rateRatioAt100, 8);
    expect(Math.exp(fitLagModel(sample, 'bugs')!.theta)).toBeCloseTo(DEMO_TRUTH.bugs.rateRatioAt100, 8);
    const reverts = fitLagModel(sample, 'reverts')!;
    expect(Math.exp(reverts.theta)).toBeCloseTo(DEMO_TRUTH.reverts.rateRatioAt100, 8);
    expect(reverts.lagCoefficients[1]).toBeCloseTo(0, 8); // reverts: lag 0 only
  });

  it('leaves out teams and months without any event and says which', () => {
    const sim = simulatePanel({ seed: 'zeros', teams: 6, months: 14, rateRatio: { incidents: 1.3 } });
    const rows = sim.rows.map((r) => (r.team === 'team-002' || r.month === '2023-05' ? { ...r, incidents: 0 } : r));
    const fit = fitLagModel(laggedSample(rows), 'incidents')!;
    const sample = laggedSample(rows);
    expect(fit.subset.droppedTeams.map((i) => sample.teams[i])).toEqual(['team-002']);
    expect(fit.subset.droppedMonths.map((i) => sample.months[i])).toEqual(['2023-05']);
    expect(fit.subset.rows.length).toBe(5 * 11);
    expect(Number.isFinite(fit.theta)).toBe(true);
  });
});
