/**
 * `npm run bench [-- --scale 0.1] [--repeat 3] [--only NAME] [--keep DIR] [--tz ZONE]` (--keep: write
 * the files to DIR and keep them; a later run with the same DIR and scale reuses them; --tz: the zone
 * offset-less times are read in, UTC by default — a UTC import converts none): performance targets of
 * product.md §9 as ratios. Imports: each org-scale export file into a fresh workspace, against
 * DuckDB's own read of the same file into a plain table in a fresh database file (target ≤ 1.5x).
 * With --repeat both sides run N times, alternating, and the best of each counts (the machine may be
 * shared). CPU seconds (every thread of the process) are reported next to the wall-clock ratio, and
 * the peak resident memory during each import. Later sections (dashboard queries, effect fit,
 * scenarios) join as those engines land.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { importers, importFiles } from '../../analytics/importers';
import { Workspace } from '../../analytics/workspace/workspace';
import { benchFiles, type BenchFile } from './generate';

const IMPORT_TARGET = 1.5;

interface Timing {
  seconds: number;
  /** CPU seconds of the whole process (DuckDB's threads included). */
  cpu: number;
  /** Peak resident memory sampled while it ran, MB. */
  peakMb: number;
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Time `fn`, sampling the process's resident memory every 20 ms while it runs. */
async function measure<T>(fn: () => Promise<T>): Promise<Timing & { value: T }> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const start = performance.now();
  const cpu = cpuSeconds();
  try {
    const value = await fn();
    return { value, seconds: (performance.now() - start) / 1000, cpu: cpuSeconds() - cpu, peakMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
  } finally {
    clearInterval(sampler);
  }
}

async function timeBaseline(file: BenchFile, dir: string): Promise<Timing> {
  const dbPath = join(dir, `baseline-${basename(file.name)}.duckdb`);
  const instance = await DuckDBInstance.create(dbPath, { memory_limit: '2GB' });
  const conn = await instance.connect();
  const timing = await measure(async () => {
    await conn.run(`CREATE TABLE plain AS SELECT * FROM ${file.baseline}`);
    await conn.run('CHECKPOINT');
  });
  conn.closeSync();
  instance.closeSync();
  rmSync(dbPath, { force: true });
  return timing;
}

async function timeImport(file: BenchFile, dir: string, timeZone: string): Promise<Timing & { format: string | null; kept: number; error?: string }> {
  const path = join(dir, `import-${basename(file.name)}.duckdb`);
  const ws = await Workspace.create(path);
  // The new workspace's schema is written before the clock starts: the import is what is timed.
  await ws.run('CHECKPOINT');
  const { value: report, ...timing } = await measure(async () => {
    const [report] = await importFiles(ws, importers, [file.name], { timeZone });
    await ws.run('CHECKPOINT');
    return report!;
  });
  await ws.close();
  rmSync(path, { force: true });
  return { ...timing, format: report.format, kept: report.inserted + report.updated + report.unchanged, ...(report.error ? { error: report.error } : {}) };
}

const best = <T extends Timing>(runs: T[]): T => runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: '1' }, repeat: { type: 'string', default: '1' }, only: { type: 'string' }, keep: { type: 'string' }, tz: { type: 'string', default: 'UTC' } },
    strict: true,
  });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  const repeat = Number(values.repeat);
  if (!(Number.isInteger(repeat) && repeat >= 1)) throw new Error('--repeat must be a whole number ≥ 1');
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'undertow-bench-'));
  console.log(`Undertow benchmark — scale ${scale} of product.md §9 (2,000 engineers, 3 years); files in ${dir}\n`);

  const genStart = performance.now();
  const generated = await benchFiles(dir, scale, { reuse: Boolean(values.keep) });
  const files = generated.files.filter((f) => !values.only || basename(f.name).includes(values.only));
  console.log(generated.reused ? `Reused the ${generated.files.length} export files in ${dir}\n` : `Generated ${generated.files.length} export files in ${((performance.now() - genStart) / 1000).toFixed(1)} s\n`);

  console.log(`Imports (ratio = import time / DuckDB read of the same file into a plain table; target ≤ 1.5x${repeat > 1 ? `; best of ${repeat}` : ''}; offset-less times in ${values.tz})`);
  const header = ['file', 'format', 'MB', 'rows', 'duckdb s', 'import s', 'rows/s', 'ratio', 'cpu ratio', 'peak MB', ''];
  const rows: string[][] = [];
  let failures = 0;
  let peakMb = 0;
  for (const file of files) {
    const mb = statSync(file.name).size / 1e6;
    const baselines: Timing[] = [];
    const imports: Awaited<ReturnType<typeof timeImport>>[] = [];
    for (let run = 0; run < repeat; run++) {
      baselines.push(await timeBaseline(file, dir));
      imports.push(await timeImport(file, dir, values.tz));
    }
    const baseline = best(baselines);
    const result = best(imports);
    const cpuBaseline = Math.min(...baselines.map((b) => b.cpu));
    const cpuImport = Math.min(...imports.map((r) => r.cpu));
    peakMb = Math.max(peakMb, ...imports.map((r) => r.peakMb));
    const ratio = result.seconds / baseline.seconds;
    // A fast import that dropped rows is no success: every generated row must be stored.
    const short = result.error ? null : imports.find((r) => r.kept !== file.rows);
    const ok = !result.error && !short && ratio <= IMPORT_TARGET;
    if (!ok) failures++;
    rows.push([
      basename(file.name),
      result.format ?? '—',
      mb.toFixed(0),
      String(file.rows),
      baseline.seconds.toFixed(2),
      result.error ? '—' : result.seconds.toFixed(2),
      result.error ? '—' : Math.round(result.kept / result.seconds).toLocaleString('en-US'),
      result.error ? '—' : `${ratio.toFixed(2)}x`,
      result.error ? '—' : `${(cpuImport / cpuBaseline).toFixed(2)}x`,
      Math.max(...imports.map((r) => r.peakMb)).toFixed(0),
      result.error
        ? `✗ ${result.error.slice(0, 80)}`
        : short
          ? `✗ stored ${short.kept.toLocaleString('en-US')} of ${file.rows.toLocaleString('en-US')} rows`
          : ok
            ? '✓'
            : '✗ over target',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i >= 2 && i <= 9 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
  console.log(`\nPeak RSS during imports: ${peakMb.toFixed(0)} MB; whole run (generation included): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (DuckDB memory_limit 2GB per workspace)`);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  if (failures > 0) console.log(`\n${failures} import(s) missed the target or failed.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
