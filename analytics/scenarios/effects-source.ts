/**
 * The scenario model's fitted parameters from the workspace's own effect estimates (analytics/effects):
 * the log rate ratio and a standard error read off the 90% bootstrap interval, the fit's
 * overdispersion and lag coefficients. An estimate the estimator calls thin or insufficient is
 * marked unreliable, and calibration falls back to the published prior for it.
 */
import type { EffectEstimate } from '../../shared/domain';
import { effectsReport } from '../effects';
import type { Workspace } from '../workspace/workspace';
import type { FittedEffect } from './calibrate';
import type { EffectsSource } from './index';
import type { Outcome } from './model';

const Z90 = 1.6448536269514722;
const OUTCOME: Record<string, Outcome | undefined> = { incidents: 'incidents', bugs: 'bugs', change_failures: 'changeFailures' };

export function fittedEffect(e: EffectEstimate): FittedEffect | null {
  const outcome = OUTCOME[e.outcome];
  if (!outcome || e.estimate === null || !(e.estimate > 0)) return null;
  const se = e.ci90 && e.ci90[0] > 0 && e.ci90[1] > 0 ? (Math.log(e.ci90[1]) - Math.log(e.ci90[0])) / (2 * Z90) : 0;
  return {
    outcome,
    logRr: Math.log(e.estimate),
    se,
    dispersion: e.overdispersion ?? 1,
    reliable: e.status === 'ok' && se > 0,
    lagCoefficients: e.lags.map((l) => l.coefficient),
  };
}

/** The default effects source: the workspace's own fit (seed 1, 200 team-bootstrap resamples). */
export const workspaceEffects: EffectsSource = async (ws: Workspace) => {
  const report = await effectsReport(ws, { seed: 1, bootstrap: 200 });
  return { effects: report.effects.map(fittedEffect).filter((e): e is FittedEffect => e !== null) };
};
