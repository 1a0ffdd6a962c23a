/**
 * Scenario Monte Carlo speed (product.md §9: 2,000 draws × 8 quarters × all teams ≤ 100 ms, so
 * sliders stay live) on synthetic calibrations: 8 teams (the demo), 60 (the org-scale dataset of
 * test/bench/generate.ts: 2,000 engineers in 60 teams) and 250 (the same engineers in teams of 8).
 *
 *   node --import tsx --import ./scripts/register-sql.mjs test/bench/scenarios.ts [--json]
 *
 * Per size, medians of 5 after a warm-up, in milliseconds of wall-clock time (what the user waits) and
 * CPU time of the whole process (every thread; on a shared machine wall time includes waiting). First,
 * ten runs at the smallest size warm the worker threads up: a session's first runs are slower while
 * the JIT compiles the model in each worker (docs/scenarios.md, Speed), and the steady state is what a
 * slider sees.
 *   run          baseline + scenario on the worker threads (a new assumption, seed or horizon)
 *   slider       the scenario alone against the kept baseline (a lever moved: the common case)
 *   compare      baseline + four scenarios in one pass
 *   one thread   baseline + scenario without workers, for reference
 * Calibration (a workspace read, once per data change) is not part of a slider move.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { monthsForQuarters, simulate } from '../../analytics/scenarios/model';
import { scenarioThreadsUnavailable, simulateScenarios } from '../../analytics/scenarios/parallel';
import type { ScenarioLevers } from '../../shared/scenarios';
import { assumptionValues, syntheticCalibration } from '../analytics/scenarios/fixtures';

const TARGET_MS = 100;
const DRAWS = 2000;
const QUARTERS = 8;

interface Timing {
  wallMs: number;
  cpuMs: number;
}

async function measure(fn: () => unknown, repeats = 5): Promise<Timing> {
  await fn(); // warm-up: JIT, worker start
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await fn();
    walls.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return { wallMs: median(walls), cpuMs: median(cpus) };
}

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const levers: ScenarioLevers = { capAi: { share: 0.25 }, tieredReview: { aboveShare: 0.5 }, refactor: { everyNthSprint: 3, capacity: 0.3, sprintWeeks: 2 } };
const four: ScenarioLevers[] = [0.1, 0.25, 0.4, 0.6].map((share) => ({ ...levers, capAi: { share } }));
const results = [];
{
  const c = syntheticCalibration(8);
  const input = { calibration: c, assumptions: assumptionValues(c), months: monthsForQuarters(c.startMonth, QUARTERS), seed: 1, draws: DRAWS };
  for (let i = 0; i < 10; i++) await simulateScenarios(input, [levers]);
}
for (const teams of [8, 60, 250]) {
  const c = syntheticCalibration(teams);
  const input = { calibration: c, assumptions: assumptionValues(c), months: monthsForQuarters(c.startMonth, QUARTERS), seed: 1, draws: DRAWS };
  const { baseline } = await simulateScenarios(input, [levers]);
  const run = await measure(() => simulateScenarios(input, [levers]));
  const slider = await measure(() => simulateScenarios(input, [levers], baseline));
  const compare = await measure(() => simulateScenarios(input, four), 3);
  const oneThread = await measure(() => simulate({ ...input, levers }), 3);
  results.push({ teams, months: input.months, draws: DRAWS, run, slider, compare, oneThread, ratioToTarget: { run: run.wallMs / TARGET_MS, slider: slider.wallMs / TARGET_MS } });
}
const threads = scenarioThreadsUnavailable() ?? `${Math.min(availableParallelism(), 4)} worker threads`;
if (values.json) console.log(JSON.stringify({ targetMs: TARGET_MS, threads, results }, null, 2));
else {
  console.log(`Scenario Monte Carlo: ${DRAWS} draws × ${QUARTERS} quarters, target ≤ ${TARGET_MS} ms; ${threads} on ${availableParallelism()} cores`);
  console.log('  teams   run (base + scenario)     slider (scenario)        compare 4            one thread');
  const cell = (t: Timing, ratio?: number) => `${t.wallMs.toFixed(0).padStart(5)} ms${ratio === undefined ? '        ' : ` ${ratio <= 1 ? '✓' : '✗'} ${ratio.toFixed(2)}x`} (cpu ${t.cpuMs.toFixed(0).padStart(4)})`;
  for (const r of results) {
    console.log(`  ${String(r.teams).padStart(5)}   ${cell(r.run, r.ratioToTarget.run)}   ${cell(r.slider, r.ratioToTarget.slider)}   ${cell(r.compare)}   ${cell(r.oneThread)}`);
  }
}
