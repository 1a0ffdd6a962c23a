import { defaultAssumptions } from '../../../analytics/scenarios/priors';
import type { Calibration, TeamCalibration } from '../../../analytics/scenarios/model';
import type { AssumptionKey } from '../../../shared/scenarios';

/** A hand-built calibration: `teams` teams at different AI levels, rates and priors like the demo's. */
export function syntheticCalibration(teams = 8): Calibration {
  const list: TeamCalibration[] = Array.from({ length: teams }, (_, i) => ({
    team: `team-${i}`,
    fte: 15,
    seniors: 4,
    mergedPerMonth: 60 + 5 * i,
    aiRecent: (0.6 * i) / Math.max(1, teams - 1),
    aiLag1: (0.58 * i) / Math.max(1, teams - 1),
    aiLag2: (0.55 * i) / Math.max(1, teams - 1),
    aiSlope: 0.01,
    ratePerPr: { incidents: 0.05, bugs: 0.12, changeFailures: 0.08 },
    repoShares: { [`acme/repo-${i}a`]: 0.7, [`acme/repo-${i}b`]: 0.3 },
  }));
  const shares = Float64Array.from({ length: 1000 }, (_, k) => (k < 600 ? 0 : (k - 600) / 400)).sort();
  const lineShare = shares.reduce((a, b) => a + b, 0) / shares.length;
  return {
    startMonth: '2026-11',
    teams: list,
    effects: {
      incidents: { logRr: Math.log(1.3), sd: 0.1, source: 'test', fromWorkspace: true },
      bugs: { logRr: Math.log(1.25), sd: 0.1, source: 'test', fromWorkspace: true },
      changeFailures: { logRr: Math.log(1.3), sd: 0.1, source: 'test', fromWorkspace: true },
    },
    theta: { logRr: Math.log(1.2), sd: 0.1, source: 'test', fromWorkspace: true },
    lagWeights: [0.5, 0.3, 0.2],
    dispersion: { incidents: 1.3, bugs: 1.2, changeFailures: 1.1 },
    throughputVolatility: 0.08,
    changesPerMergedPr: 1,
    ticketsPerMonth: 700,
    incidentsPerMonth: 25,
    npsBase: 20,
    hitShareBase: 0.1,
    restoreHours: [2, 3, 4, 2.5, 5, 3.5],
    prAiShares: shares,
    prAiLineShare: lineShare,
    assumptions: defaultAssumptions(),
    warnings: [],
  };
}

export function assumptionValues(c: Calibration, overrides: Partial<Record<AssumptionKey, number>> = {}): Record<AssumptionKey, number> {
  return Object.fromEntries(Object.values(c.assumptions).map((a) => [a.key, overrides[a.key] ?? a.value])) as Record<AssumptionKey, number>;
}
