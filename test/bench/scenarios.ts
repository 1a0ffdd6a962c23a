/**
 * Scenario Monte Carlo speed (product.md §9: 2,000 draws × 8 quarters × all teams ≤ 100 ms, so sliders
 * stay live) on synthetic calibrations of 8, 100 and 250 teams, plus a four-scenario comparison.
 *
 *   node --import tsx --import ./scripts/register-sql.mjs test/bench/scenarios.ts [--json]
 *
 * Prints wall and CPU milliseconds (CPU is the honest number on a shared machine) and the ratio to
 * the target. Calibration (a workspace read, once per data change) is not part of a slider move.
 */
import { parseArgs } from 'node:util';
import { monthsForQuarters, simulate } from '../../analytics/scenarios/model';
import type { ScenarioLevers } from '../../shared/scenarios';
import { assumptionValues, syntheticCalibration } from '../analytics/scenarios/fixtures';

const TARGET_MS = 100;
const DRAWS = 2000;
const QUARTERS = 8;

function measure(fn: () => void, repeats = 3): { wallMs: number; cpuMs: number } {
  fn(); // warm-up: JIT
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    fn();
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const levers: ScenarioLevers = { capAi: { share: 0.25 }, tieredReview: { aboveShare: 0.5 }, refactor: { everyNthSprint: 3, capacity: 0.3, sprintWeeks: 2 } };
const results = [];
for (const teams of [8, 100, 250]) {
  const c = syntheticCalibration(teams);
  const assumptions = assumptionValues(c);
  const months = monthsForQuarters(c.startMonth, QUARTERS);
  const one = measure(() => void simulate({ calibration: c, levers, assumptions, months, seed: 1, draws: DRAWS }));
  const four = measure(() => {
    for (const share of [0.1, 0.25, 0.4, 0.6]) simulate({ calibration: c, levers: { ...levers, capAi: { share } }, assumptions, months, seed: 1, draws: DRAWS });
  }, 1);
  results.push({ teams, months, draws: DRAWS, run: one, fourScenarios: four, ratioToTarget: one.cpuMs / TARGET_MS });
}
if (values.json) console.log(JSON.stringify({ targetMs: TARGET_MS, results }, null, 2));
else {
  console.log(`Scenario run: baseline + scenario, ${DRAWS} draws × ${QUARTERS} quarters (target ≤ ${TARGET_MS} ms)`);
  for (const r of results) {
    console.log(
      `  ${String(r.teams).padStart(3)} teams  one run ${r.run.wallMs.toFixed(0).padStart(5)} ms wall ${r.run.cpuMs.toFixed(0).padStart(5)} ms CPU  ` +
        `(${r.ratioToTarget.toFixed(2)}× target)   four scenarios ${r.fourScenarios.cpuMs.toFixed(0)} ms CPU`,
    );
  }
}
