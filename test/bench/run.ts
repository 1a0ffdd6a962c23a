/**
 * `npm run bench [-- --scale 0.1] [--keep DIR]`: performance targets of product.md §9 as ratios.
 * Imports: each org-scale export file into a fresh workspace, against DuckDB's own read of the same
 * file into a plain table in a fresh database file (target ≤ 1.5x). Later sections (dashboard
 * queries, effect fit, scenarios) join as those engines land.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { importers, importFiles } from '../../analytics/importers';
import { Workspace } from '../../analytics/workspace/workspace';
import { writeBenchFiles, type BenchFile } from './generate';

const IMPORT_TARGET = 1.5;

async function timeBaseline(file: BenchFile, dir: string): Promise<number> {
  const dbPath = join(dir, `baseline-${basename(file.name)}.duckdb`);
  const instance = await DuckDBInstance.create(dbPath, { memory_limit: '2GB' });
  const conn = await instance.connect();
  const start = performance.now();
  await conn.run(`CREATE TABLE plain AS SELECT * FROM ${file.baseline}`);
  await conn.run('CHECKPOINT');
  const seconds = (performance.now() - start) / 1000;
  conn.closeSync();
  instance.closeSync();
  rmSync(dbPath, { force: true });
  return seconds;
}

async function timeImport(file: BenchFile, dir: string): Promise<{ seconds: number; format: string | null; kept: number; error?: string }> {
  const path = join(dir, `import-${basename(file.name)}.duckdb`);
  const ws = await Workspace.create(path);
  const start = performance.now();
  const [report] = await importFiles(ws, importers, [file.name], { timeZone: 'UTC' });
  await ws.run('CHECKPOINT');
  const seconds = (performance.now() - start) / 1000;
  await ws.close();
  rmSync(path, { force: true });
  return { seconds, format: report!.format, kept: report!.inserted + report!.updated + report!.unchanged, ...(report!.error ? { error: report!.error } : {}) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, keep: { type: 'string' } }, strict: true });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'undertow-bench-'));
  console.log(`Undertow benchmark — scale ${scale} of product.md §9 (2,000 engineers, 3 years); files in ${dir}\n`);

  const genInstance = await DuckDBInstance.create(':memory:', { memory_limit: '4GB' });
  const genConn = await genInstance.connect();
  const genStart = performance.now();
  const files = await writeBenchFiles(genConn, dir, scale);
  genConn.closeSync();
  genInstance.closeSync();
  console.log(`Generated ${files.length} export files in ${((performance.now() - genStart) / 1000).toFixed(1)} s\n`);

  console.log('Imports (ratio = import time / DuckDB read of the same file into a plain table; target ≤ 1.5x)');
  const header = ['file', 'format', 'MB', 'rows', 'duckdb s', 'import s', 'rows/s', 'ratio', ''];
  const rows: string[][] = [];
  let failures = 0;
  for (const file of files) {
    const mb = statSync(file.name).size / 1e6;
    const baseline = await timeBaseline(file, dir);
    const result = await timeImport(file, dir);
    const ratio = result.seconds / baseline;
    const ok = !result.error && ratio <= IMPORT_TARGET;
    if (!ok) failures++;
    rows.push([
      basename(file.name),
      result.format ?? '—',
      mb.toFixed(0),
      String(file.rows),
      baseline.toFixed(2),
      result.error ? '—' : result.seconds.toFixed(2),
      result.error ? '—' : Math.round(result.kept / result.seconds).toLocaleString('en-US'),
      result.error ? '—' : `${ratio.toFixed(2)}x`,
      result.error ? `✗ ${result.error.slice(0, 80)}` : ok ? '✓' : '✗ over target',
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  console.log(fmt(header));
  for (const r of rows) console.log(fmt(r));
  console.log(`\nPeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (DuckDB memory_limit 2GB per workspace)`);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
  if (failures > 0) console.log(`\n${failures} import(s) missed the target or failed.`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
