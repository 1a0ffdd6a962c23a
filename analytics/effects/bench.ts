/**
 * Benchmark of the effect estimators (product.md §9: effect fit ≤ 1 s; §7: the 90% interval covers the
 * truth ~90% of the time). Standalone:
 *
 *   node --import tsx --import ./scripts/register-sql.mjs analytics/effects/bench.ts [--replications N] [--bootstrap N] [--json]
 *
 * 1. Fit time on an org-scale simulated panel (100 teams × 36 months, every outcome): the main fits
 *    without the bootstrap, the team bootstrap, the event study.
 * 2. Coverage of the 90% interval over seeded replications of simulated panels: a planted ×1.3
 *    (lags 0–2, confounded adoption, 20 teams × 24 months), no effect, and demo-sized panels (8 teams).
 */
import { parseArgs } from 'node:util';
import type { EffectOutcome } from '../../shared/domain';
import { estimateEffects } from './estimate';
import { eventStudy } from './event-study';
import { fitLagModel } from './lag-model';
import { laggedSample } from './panel';
import { simulatePanel, type SimulationOptions } from './simulate';

const FIT_TARGET_MS = 1000;
const OUTCOMES: EffectOutcome[] = ['incidents', 'bugs', 'reverts', 'change_failures'];
const PLANTED = { incidents: 1.3, bugs: 1.25, reverts: 1.4, change_failures: 1.3 };

interface CoverageResult {
  label: string;
  replications: number;
  bootstrap: number;
  coverage: number;
  /** Mean of log(estimate) − log(truth): the estimator's bias on the log scale. */
  meanLogError: number;
  /** Mean width of the interval on the log scale. */
  meanLogWidth: number;
  ms: number;
}

/** Wall-clock and CPU milliseconds of `fn` (CPU time is the honest number on a shared machine). */
function measure<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, wallMs: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) };
}

interface FitTiming {
  mainFit: { wallMs: number; cpuMs: number };
  perOutcomeMs: Record<string, number>;
  bootstrap: { wallMs: number; cpuMs: number; reps: number };
  eventStudy: { wallMs: number; cpuMs: number };
}

function timeFits(): FitTiming {
  const sim = simulatePanel({ seed: 'bench-org', teams: 100, months: 36, rateRatio: PLANTED });
  // Warm up the JIT once, as a long-running app would be.
  estimateEffects(sim.rows, { seed: 1, bootstrap: 20 });
  const perOutcomeMs: Record<string, number> = {};
  const main = measure(() => {
    const sample = laggedSample(sim.rows);
    for (const o of OUTCOMES) {
      const t = performance.now();
      fitLagModel(sample, o);
      perOutcomeMs[o] = Math.round(performance.now() - t);
    }
  });
  const reps = 200;
  const all = measure(() => estimateEffects(sim.rows, { seed: 1, bootstrap: reps }));
  const share = all.value.timings.bootstrapMs / (all.value.timings.bootstrapMs + all.value.timings.fitMs);
  const study = measure(() => eventStudy(sim.rows));
  return {
    mainFit: { wallMs: main.wallMs, cpuMs: main.cpuMs },
    perOutcomeMs,
    bootstrap: { wallMs: Math.round(all.value.timings.bootstrapMs), cpuMs: Math.round(all.cpuMs * share), reps },
    eventStudy: { wallMs: study.wallMs, cpuMs: study.cpuMs },
  };
}

function coverage(label: string, replications: number, bootstrap: number, options: Omit<SimulationOptions, 'seed'>, outcome: EffectOutcome): CoverageResult {
  const truth = options.rateRatio?.[outcome] ?? 1;
  const started = performance.now();
  let covered = 0;
  let error = 0;
  let width = 0;
  for (let r = 0; r < replications; r++) {
    const sim = simulatePanel({ ...options, seed: `bench-coverage/${label}/${r}` });
    const [e] = estimateEffects(sim.rows, { seed: r, bootstrap, outcomes: [outcome] }).effects;
    if (!e?.estimate || !e.ci90) continue;
    if (e.ci90[0] <= truth && truth <= e.ci90[1]) covered++;
    error += Math.log(e.estimate) - Math.log(truth);
    width += Math.log(e.ci90[1] / e.ci90[0]);
  }
  return {
    label,
    replications,
    bootstrap,
    coverage: covered / replications,
    meanLogError: error / replications,
    meanLogWidth: width / replications,
    ms: Math.round(performance.now() - started),
  };
}

function main(): void {
  const { values } = parseArgs({
    options: { replications: { type: 'string', default: '200' }, bootstrap: { type: 'string', default: '200' }, json: { type: 'boolean', default: false } },
  });
  const replications = Number(values.replications);
  const bootstrap = Number(values.bootstrap);
  const timing = timeFits();
  const log = (line: string) => {
    if (!values.json) console.log(line);
  };
  log(
    `Effect fit, 100 teams × 36 months, 4 outcomes (no bootstrap): ${timing.mainFit.wallMs} ms wall, ${timing.mainFit.cpuMs} ms CPU ` +
      `(target ≤ ${FIT_TARGET_MS} ms: ${timing.mainFit.wallMs <= FIT_TARGET_MS ? 'ok' : 'SLOW'})`,
  );
  log(`  per outcome: ${Object.entries(timing.perOutcomeMs).map(([o, ms]) => `${o} ${ms} ms`).join(', ')}`);
  log(`Team bootstrap, ${timing.bootstrap.reps} resamples × 4 outcomes: ${timing.bootstrap.wallMs} ms wall, ~${timing.bootstrap.cpuMs} ms CPU`);
  log(`Event study, 4 outcomes: ${timing.eventStudy.wallMs} ms wall, ${timing.eventStudy.cpuMs} ms CPU`);
  const results = replications <= 0 ? [] : [
    coverage('planted ×1.3, confounded, 20 teams × 24 months', replications, bootstrap, { teams: 20, months: 24, rateRatio: { incidents: 1.3 }, confounded: true }, 'incidents'),
    coverage('no effect, 20 teams × 24 months', replications, bootstrap, { teams: 20, months: 24 }, 'incidents'),
    coverage('planted ×1.25 bugs, demo-sized: 8 teams × 24 months, 6 adopting', replications, bootstrap, { teams: 8, months: 24, rateRatio: { bugs: 1.25 }, confounded: true, dispersion: 6 }, 'bugs'),
  ];
  for (const r of results) {
    log(
      `Coverage of the 90% interval, ${r.label}: ${(100 * r.coverage).toFixed(1)}% of ${r.replications} replications ` +
        `(bootstrap ${r.bootstrap}; mean log error ${r.meanLogError.toFixed(3)}, mean log width ${r.meanLogWidth.toFixed(2)}; ${(r.ms / 1000).toFixed(1)} s)`,
    );
  }
  if (values.json) console.log(JSON.stringify({ fit: timing, targetMs: FIT_TARGET_MS, coverage: results }, null, 2));
}

main();
