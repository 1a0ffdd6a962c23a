import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { monthsForQuarters, runBaseline, simulate } from '../../../analytics/scenarios/model';
import { scenarioThreadsUnavailable, setScenarioThreads, simulateScenarios } from '../../../analytics/scenarios/parallel';
import type { ScenarioLevers } from '../../../shared/scenarios';
import { assumptionValues, syntheticCalibration } from './fixtures';

const c = syntheticCalibration(12);
const input = { calibration: c, assumptions: assumptionValues(c), months: monthsForQuarters(c.startMonth, 4), seed: 3, draws: 600 };
const cap: ScenarioLevers = { capAi: { share: 0.2 }, tieredReview: { aboveShare: 0.5 } };
const refactor: ScenarioLevers = { refactor: { everyNthSprint: 3, capacity: 0.4, sprintWeeks: 2 } };

afterAll(() => setScenarioThreads(availableParallelism()));

describe('scenario runs on worker threads', () => {
  it('give exactly the single-thread numbers, joined in draw order', async () => {
    setScenarioThreads(2);
    const { baseline, outputs } = await simulateScenarios(input, [cap, refactor]);
    if (availableParallelism() >= 2) expect(scenarioThreadsUnavailable(), 'workers should have run the slices').toBeNull();
    expect(outputs[0]).toEqual(simulate({ ...input, levers: cap }));
    expect(outputs[1]).toEqual(simulate({ ...input, levers: refactor }));
    // A kept baseline is reused as is: the scenario alone is simulated, with the same numbers.
    const again = await simulateScenarios(input, [cap], baseline);
    expect(again.baseline).toBe(baseline);
    expect(again.outputs[0]).toEqual(outputs[0]);
  });

  it('give the same numbers run after run, whatever ran before (the runs reuse each other’s memory)', async () => {
    const four: ScenarioLevers[] = [0.1, 0.2, 0.3, 0.5].map((share) => ({ capAi: { share }, tieredReview: { aboveShare: 0.4 } }));
    const first = await simulateScenarios(input, four);
    await simulateScenarios({ ...input, seed: 9 }, [refactor]);
    await simulateScenarios(input, [cap], first.baseline);
    const again = await simulateScenarios(input, four);
    expect(again.outputs).toEqual(first.outputs);
    expect(again.outputs[2]).toEqual(simulate({ ...input, levers: four[2]! }));
  });

  it('do not reuse a baseline run with other assumptions', async () => {
    const { baseline } = await simulateScenarios(input, [cap]);
    const other = { ...input, assumptions: { ...input.assumptions, rho: 0.5 } };
    const run = await simulateScenarios(other, [cap], baseline);
    expect(run.baseline).not.toBe(baseline);
    expect(run.outputs[0]).toEqual(simulate({ ...other, levers: cap }));
  });

  it('reuse the baseline when only assumptions the baseline never reads moved, with a fresh run’s numbers', async () => {
    const { baseline } = await simulateScenarios(input, [cap]);
    const moved = { ...input, assumptions: { ...input.assumptions, kappa: 0.6, lambda: 2, tau: 3, extraSeniorHours: 2, seniorReviewHoursPerMonth: 20, engineerHoursPerMonth: 120 } };
    const run = await simulateScenarios(moved, [cap], baseline);
    expect(run.baseline).toBe(baseline);
    const fresh = simulate({ ...moved, levers: cap });
    expect(run.outputs[0]).toEqual(fresh);
    // In one thread the kept draw set is redrawn for the moved assumptions.
    expect(simulate({ ...moved, levers: cap }, runBaseline(input))).toEqual(fresh);
  });

  it('re-price a kept baseline when only p, Δ or a cost moved: a fresh run’s numbers, no new simulation of the teams', async () => {
    const { baseline } = await simulateScenarios(input, [cap]);
    const moved = { ...input, assumptions: { ...input.assumptions, ticketShareFromIncidents: 0.6, npsSensitivity: 45, costPerEngineerHour: 150, costPerIncident: 20000 } };
    const run = await simulateScenarios(moved, [cap], baseline);
    expect(run.baseline).not.toBe(baseline);
    expect(run.baseline.samples.incidents).toBe(baseline.samples.incidents);
    const fresh = simulate({ ...moved, levers: cap });
    expect(run.outputs[0]).toEqual(fresh);
    expect(simulate({ ...moved, levers: cap }, runBaseline(input))).toEqual(fresh);
    expect(run.outputs[0]!.baseline.quarters[0]!.metrics.tickets).not.toEqual(simulate({ ...input, levers: cap }).baseline.quarters[0]!.metrics.tickets);
  });

  it('run in this thread when asked to, with the same numbers', async () => {
    setScenarioThreads(1);
    const { outputs } = await simulateScenarios(input, [cap]);
    expect(scenarioThreadsUnavailable()).toBe('one thread requested');
    expect(outputs[0]).toEqual(simulate({ ...input, levers: cap }));
  });
});
