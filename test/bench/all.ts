/**
 * `npm run bench`: every benchmark, one after another, each in its own process (so one's memory
 * does not skew the next's peak RSS). Arguments go to the import benchmark (e.g. `--scale 0.02`);
 * `--scale` and `--keep DIR` also go to the dashboard benchmark, which builds (or, with --keep,
 * reuses) its org-scale workspace at that scale — minutes at scale 1.
 *
 *   1. imports     test/bench/run.ts          ratio of each format's import to DuckDB's own read
 *   2. dashboard   test/bench/dashboard.ts    warm latency of each dashboard query on one org-scale
 *                                             workspace (target ≤ 100 ms; effect fit ≤ 1 s)
 *   3. statistics  analytics/effects/bench.ts effect fit time (target ≤ 1 s) and interval coverage
 *   4. scenarios   test/bench/scenarios.ts    Monte Carlo run time (target ≤ 100 ms)
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const loader = ['--import', 'tsx', '--import', './scripts/register-sql.mjs'];
const args = process.argv.slice(2);
// run.ts checks its own arguments; only the ones the dashboard benchmark shares are picked out here.
const { values: shared } = parseArgs({ args, options: { scale: { type: 'string' }, keep: { type: 'string' } }, strict: false });
const dashboardArgs = [
  ...(typeof shared.scale === 'string' ? ['--scale', shared.scale] : []),
  ...(typeof shared.keep === 'string' ? ['--keep', shared.keep] : []),
];
const steps: Array<{ name: string; file: string; args: string[] }> = [
  { name: 'imports', file: 'test/bench/run.ts', args },
  { name: 'dashboard', file: 'test/bench/dashboard.ts', args: dashboardArgs },
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
