/**
 * Dashboard query latency on the org-scale dataset (product.md §9: every dashboard query ≤ 100 ms
 * warm; the effect fit ≤ 1 s).
 *
 *   node --import tsx --import ./scripts/register-sql.mjs test/bench/dashboard.ts [--scale 1] [--repeat 7] [--keep DIR] [--json]
 *
 * Builds one workspace from every export file of test/bench/generate.ts (at `--scale` of 2,000
 * engineers × 3 years), imported through the real importers with the app's derivations (attribution,
 * issue and incident links), exactly as `import:files` does. With `--keep DIR` the files and the
 * workspace stay in DIR and a later run at the same scale reuses them (the files also those of the
 * import benchmark, test/bench/run.ts, with the same DIR); delete DIR's dashboard-workspace.* to
 * rebuild the workspace after the importers changed.
 *
 * Then each call the renderer's views issue on load (renderer/src/views: Overview, Delivery,
 * Customers, AI & Quality, Teams, Data, plus the drill-down panel) runs through the engine function
 * its handler calls (analytics/app/handlers.ts): once cold, once to warm up, then `--repeat` times.
 * The metric facts (analytics/metrics/facts.ts) and the stored cells of the metrics table
 * (analytics/metrics/cells.ts), both rebuilt on first use after every write, are built first and
 * timed on their own. Reported: the cold time, the median and max wall-clock milliseconds of the
 * repeats, the median CPU milliseconds of the process (DuckDB's threads included; the honest number
 * on a shared machine), and the median's ratio to the target. The metrics-table queries are also
 * timed computing every period from the rows (no stored cells), as they do when their cells are
 * not stored: reported apart, for information.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deriveAfterImport } from '../../analytics/derive';
import { cohortReport, doseResponseReport, effectsReport, eventStudyReport, laggedReport } from '../../analytics/effects';
import { importers, importFiles } from '../../analytics/importers';
import { coverage } from '../../analytics/linking/coverage';
import { drilldown } from '../../analytics/metrics/drilldown';
import { ensureMetricCells, type CellDimension } from '../../analytics/metrics/cells';
import { ensureMetricFacts } from '../../analytics/metrics/facts';
import { lastCompleteMonth, overview } from '../../analytics/metrics/overview';
import { metricsSeries } from '../../analytics/metrics/series';
import { teamsList } from '../../analytics/metrics/teams';
import { dataRange, workspaceInfo } from '../../analytics/workspace/info';
import { Workspace } from '../../analytics/workspace/workspace';
import { benchFiles } from './generate';

const QUERY_TARGET_MS = 100;
const FIT_TARGET_MS = 1000;
const WORKSPACE_FILE = 'dashboard-workspace.duckdb';
const MARKER_FILE = 'dashboard-workspace.json';

interface Query {
  name: string;
  /** The view (or panel) that issues it. */
  view: string;
  targetMs: number;
  run: () => Promise<unknown>;
  /** Informational: not what the app runs warm (see the header). */
  info?: boolean;
}

interface Result {
  name: string;
  view: string;
  info: boolean;
  targetMs: number;
  coldMs: number;
  medianMs: number;
  maxMs: number;
  cpuMedianMs: number;
  ratio: number;
  ok: boolean;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function timed(fn: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await fn();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wallMs, cpuMs: (used.user + used.system) / 1000 };
}

/** The org-scale workspace: reused from DIR when it was built there at this scale, else built. */
async function workspaceAt(dir: string, scale: number, keep: boolean, log: (s: string) => void): Promise<{ ws: Workspace; buildSeconds: number | null }> {
  const path = join(dir, WORKSPACE_FILE);
  const marker = join(dir, MARKER_FILE);
  if (existsSync(path) && existsSync(marker)) {
    const built = JSON.parse(readFileSync(marker, 'utf8')) as { scale: number; buildSeconds: number };
    if (built.scale === scale) {
      log(`Reusing the workspace in ${path} (scale ${scale}, built in ${built.buildSeconds.toFixed(0)} s)`);
      return { ws: await Workspace.open(path), buildSeconds: null };
    }
  }
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  rmSync(marker, { force: true });

  const started = performance.now();
  // The import benchmark's files: with --keep, the ones it (or an earlier run) left in DIR at this scale.
  const { files, reused } = await benchFiles(dir, scale, { reuse: keep });
  const generated = performance.now();
  log(reused ? `Reused the ${files.length} export files in ${dir}` : `Generated ${files.length} export files in ${((generated - started) / 1000).toFixed(1)} s`);

  const ws = await Workspace.create(path);
  for (const file of files) {
    const fileStarted = performance.now();
    // As `import:files` does (analytics/app/imports.ts): each file in its own transaction, then the
    // derivations its source needs (attribution, issue links, reverts/hotfixes, incident links).
    const [report] = await importFiles(ws, importers, [file.name], { timeZone: 'UTC' }, { derive: deriveAfterImport });
    if (report!.error) throw new Error(`${file.name}: ${report!.error}`);
    log(`  imported ${file.name.slice(dir.length + 1)} (${report!.format}) in ${((performance.now() - fileStarted) / 1000).toFixed(1)} s`);
  }
  await ws.run('CHECKPOINT');
  const importSeconds = (performance.now() - generated) / 1000;
  const buildSeconds = (performance.now() - started) / 1000;
  log(`Imported them into one workspace in ${importSeconds.toFixed(1)} s (build ${buildSeconds.toFixed(1)} s in all)`);
  writeFileSync(marker, JSON.stringify({ scale, buildSeconds, importSeconds }));
  return { ws, buildSeconds };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      repeat: { type: 'string', default: '7' },
      keep: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const scale = Number(values.scale);
  if (!(scale > 0 && scale <= 1)) throw new Error('--scale must be in (0, 1]');
  const repeat = Number(values.repeat);
  if (!(Number.isInteger(repeat) && repeat >= 5)) throw new Error('--repeat must be a whole number ≥ 5');
  const log = values.json ? (s: string) => console.error(s) : (s: string) => console.log(s);
  if (values.keep) mkdirSync(values.keep, { recursive: true });
  const dir = values.keep ?? mkdtempSync(join(tmpdir(), 'undertow-dashboard-'));
  log(`Dashboard queries — scale ${scale} of product.md §9 (2,000 engineers, 3 years); workspace in ${dir}\n`);

  const { ws, buildSeconds } = await workspaceAt(dir, scale, Boolean(values.keep), log);
  try {
    const info = await workspaceInfo(ws);
    const t = info.tables;
    log(
      `Rows: ${t.pull_requests} PRs, ${t.commits} commits, ${t.reviews} reviews, ${t.issues} Jira issues, ${t.incidents} incidents, ` +
        `${t.tickets} tickets, ${t.nps_responses} NPS responses; ${info.from} … ${info.to}\n`,
    );
    const [teamRow] = await ws.all<{ team_id: string }>('SELECT team_id FROM teams ORDER BY team_id LIMIT 1');
    const team = teamRow?.team_id ?? null;
    const range = await dataRange(ws);
    const month = range.to ? lastCompleteMonth(range.to) : '2024-01';

    // What the views request on load with the default filters (all data; renderer/src/views).
    const queries: Query[] = [
      { name: 'metrics:overview', view: 'overview headlines', targetMs: QUERY_TARGET_MS, run: () => overview(ws, {}) },
      { name: 'metrics:series month', view: 'Overview/Delivery/Customers/AI', targetMs: QUERY_TARGET_MS, run: () => metricsSeries(ws, { grain: 'month' }) },
      { name: `metrics:series month team`, view: 'same, team filter', targetMs: QUERY_TARGET_MS, run: () => metricsSeries(ws, { grain: 'month', team }) },
      { name: 'metrics:series week', view: 'weekly series', targetMs: QUERY_TARGET_MS, run: () => metricsSeries(ws, { grain: 'week' }) },
      { name: 'metrics:series week team', view: 'same, team filter', targetMs: QUERY_TARGET_MS, run: () => metricsSeries(ws, { grain: 'week', team }) },
      { name: 'metrics:series month by team', view: 'Teams', targetMs: QUERY_TARGET_MS, run: () => metricsSeries(ws, { grain: 'month', by: 'team' }) },
      { name: 'teams:list', view: 'Teams', targetMs: QUERY_TARGET_MS, run: () => teamsList(ws, {}) },
      { name: 'data:coverage', view: 'Overview/AI/Data', targetMs: QUERY_TARGET_MS, run: () => coverage(ws) },
      { name: 'workspace:info', view: 'Data/Scenarios', targetMs: QUERY_TARGET_MS, run: () => workspaceInfo(ws) },
      { name: 'analysis:cohorts', view: 'AI & Quality', targetMs: QUERY_TARGET_MS, run: () => cohortReport(ws, {}) },
      { name: 'analysis:doseResponse', view: 'AI & Quality', targetMs: QUERY_TARGET_MS, run: () => doseResponseReport(ws, {}) },
      { name: 'analysis:lagged', view: 'AI & Quality', targetMs: QUERY_TARGET_MS, run: () => laggedReport(ws, {}) },
      { name: 'analysis:eventStudy', view: 'AI & Quality', targetMs: QUERY_TARGET_MS, run: () => eventStudyReport(ws, {}) },
      {
        name: `metrics:drilldown ${month}`,
        view: 'drill-down panel',
        targetMs: QUERY_TARGET_MS,
        run: () => drilldown(ws, { metric: 'mergedPrs', period: month, limit: 500 }),
      },
      {
        name: `metrics:drilldown ${month} team`,
        view: 'drill-down panel',
        targetMs: QUERY_TARGET_MS,
        run: () => drilldown(ws, { metric: 'changeFailures', period: month, team, limit: 500 }),
      },
      { name: 'analysis:effects (fit)', view: 'Overview/AI & Quality', targetMs: FIT_TARGET_MS, run: () => effectsReport(ws, { priors: true }) },
      // The metrics table without stored cells: every period computed from the rows.
      ...(
        [
          ['metrics:series month', { grain: 'month' }],
          ['metrics:series week', { grain: 'week' }],
          ['metrics:series month by team', { grain: 'month', by: 'team' }],
        ] as const
      ).map(([name, request]) => ({
        name: `${name} (from rows)`,
        view: 'no stored cells',
        targetMs: QUERY_TARGET_MS,
        info: true,
        run: () => metricsSeries(ws, request, { storedCells: false }),
      })),
    ];

    // The metric facts (facts.sql) are rebuilt on the first metric query after any write, and the
    // stored cells of each grain and dimension on the first metrics-table query that uses them: those
    // calls are slower; they are timed here on their own so every query's cold time is its own.
    const facts = await timed(() => ensureMetricFacts(ws));
    log(`Metric facts built in ${facts.wallMs.toFixed(0)} ms (${facts.cpuMs.toFixed(0)} ms CPU), once after every write`);
    const cells: Array<{ grain: 'month' | 'week'; dim: CellDimension; wallMs: number; cpuMs: number }> = [];
    for (const grain of ['month', 'week'] as const) {
      for (const dim of ['org', 'team'] as const) cells.push({ grain, dim, ...(await timed(() => ensureMetricCells(ws, grain, dim))) });
    }
    log(
      `Stored cells built in ${cells.map((c) => `${c.grain}/${c.dim} ${c.wallMs.toFixed(0)} ms (${c.cpuMs.toFixed(0)} CPU)`).join(', ')}, ` +
        'once per grain and dimension after every write, on first use\n',
    );

    const results: Result[] = [];
    for (const q of queries) {
      // Cold: the first call of this query (DuckDB's caches are warm from the calls before it).
      const cold = await timed(q.run);
      await q.run(); // warm-up
      const runs: Array<{ wallMs: number; cpuMs: number }> = [];
      for (let i = 0; i < repeat; i++) runs.push(await timed(q.run));
      const medianMs = median(runs.map((r) => r.wallMs));
      results.push({
        name: q.name,
        view: q.view,
        info: q.info ?? false,
        targetMs: q.targetMs,
        coldMs: cold.wallMs,
        medianMs,
        maxMs: Math.max(...runs.map((r) => r.wallMs)),
        cpuMedianMs: median(runs.map((r) => r.cpuMs)),
        ratio: medianMs / q.targetMs,
        ok: medianMs <= q.targetMs,
      });
    }

    if (values.json) {
      console.log(JSON.stringify({ scale, repeat, buildSeconds, factsMs: facts.wallMs, factsCpuMs: facts.cpuMs, cells, rows: info.tables, targetMs: QUERY_TARGET_MS, fitTargetMs: FIT_TARGET_MS, results }, null, 2));
    } else {
      console.log(`Warm latency: median (and max) of ${repeat} calls after a warm-up; cold = each query's first call, facts and cells already built`);
      const header = ['query', 'view', 'cold ms', 'median ms', 'max ms', 'cpu ms', 'target', 'ratio', ''];
      const rows = results.map((r) => [
        r.name,
        r.view,
        r.coldMs.toFixed(0),
        r.medianMs.toFixed(1),
        r.maxMs.toFixed(1),
        r.cpuMedianMs.toFixed(0),
        `${r.targetMs} ms`,
        `${r.ratio.toFixed(2)}x`,
        r.ok ? '✓' : '✗',
      ]);
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
      const fmt = (row: string[]) => row.map((c, i) => (i >= 2 && i <= 7 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
      console.log(fmt(header));
      results.forEach((r, i) => {
        if (r.info && !results[i - 1]?.info) console.log('For information, without stored cells:');
        console.log(fmt(rows[i]!));
      });
      const missed = results.filter((r) => !r.ok && !r.info);
      if (missed.length > 0) console.log(`\n${missed.length} quer${missed.length === 1 ? 'y' : 'ies'} missed the target: ${missed.map((r) => r.name).join(', ')}`);
    }
  } finally {
    await ws.close();
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
