/**
 * `npm run bench`: every benchmark, one after another, each in its own process (so one's memory
 * does not skew the next's peak RSS). Arguments go to the import benchmark (e.g. `--scale 0.02`).
 *
 *   1. imports     test/bench/run.ts          ratio of each format's import to DuckDB's own read
 *   2. statistics  analytics/effects/bench.ts effect fit time (target ≤ 1 s) and interval coverage
 *   3. scenarios   test/bench/scenarios.ts    Monte Carlo run time (target ≤ 100 ms)
 */
import { spawnSync } from 'node:child_process';

const loader = ['--import', 'tsx', '--import', './scripts/register-sql.mjs'];
const steps: Array<{ name: string; file: string; args: string[] }> = [
  { name: 'imports', file: 'test/bench/run.ts', args: process.argv.slice(2) },
  { name: 'statistics', file: 'analytics/effects/bench.ts', args: ['--replications', '50', '--bootstrap', '100'] },
  { name: 'scenarios', file: 'test/bench/scenarios.ts', args: [] },
];
let failed = 0;
for (const step of steps) {
  console.log(`\n=== ${step.name} (${step.file}) ===`);
  const result = spawnSync(process.execPath, [...loader, step.file, ...step.args], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${step.name} benchmark failed (exit ${result.status ?? result.signal})`);
    failed++;
  }
}
process.exit(failed ? 1 : 0);
