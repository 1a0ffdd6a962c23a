/**
 * Stored cells of the metrics table: every number of a group and a whole period (cell-aggregates.sql),
 * per grain and dimension ('org', 'team', 'repo'). A cell holds a whole period's numbers, which are
 * the numbers of any range that covers the period, so a metrics query (series.sql) reads the cells
 * of the periods inside its range and computes only the periods the range cuts (product.md §9:
 * ≤ 100 ms on 600k PRs; medians and distinct counts cannot be added up from smaller parts).
 *
 * Stored on first use of a grain and dimension after the metric facts were (re)built, and dropped
 * with them (facts.ts recreates __metric_cell empty), so a write invalidates them. A query checks
 * whether its cells were stored (cells-scope.sql) and otherwise asks again computing every period
 * from the rows (series.ts), so a rebuild of the facts between ensureMetricCells and the query costs
 * time, not correctness.
 */
import type { MetricBreakdown, MetricGrain } from '../../shared/domain';
import type { Workspace } from '../workspace/workspace';
import cellsBuildSql from './cells-build.sql';
import { allCellsSql, ensureMetricFacts, metricFactsVersion, WHOLE_RANGE_CELLS } from './facts';

export type CellDimension = 'org' | 'team' | 'repo';

/** The cells that answer a scope: its groups must be whole cells (a team's PRs within one repo are not). */
export function cellDimension(by: MetricBreakdown, team: string | null, repo: string | null): CellDimension | null {
  if (by === 'none' && team === null && repo === null) return 'org';
  if ((by === 'none' || by === 'team') && repo === null) return 'team';
  if ((by === 'none' || by === 'repo') && team === null) return 'repo';
  return null;
}

const BREAKDOWN: Readonly<Record<CellDimension, MetricBreakdown>> = { org: 'none', team: 'team', repo: 'repo' };

// The cells built (or being built) per version of the facts of each workspace.
const built = new WeakMap<Workspace, { version: object; cells: Map<string, Promise<void>> }>();

/** Build the cells of `grain` and `dim` unless they are there for the current facts. */
export async function ensureMetricCells(ws: Workspace, grain: MetricGrain, dim: CellDimension): Promise<void> {
  await ensureMetricFacts(ws);
  const version = metricFactsVersion(ws);
  if (!version) return;
  let state = built.get(ws);
  if (!state || state.version !== version) built.set(ws, (state = { version, cells: new Map() }));
  const key = `${grain}:${dim}`;
  let job = state.cells.get(key);
  if (!job) {
    const cells = state.cells;
    // A temp table of derived numbers, not workspace data: written with `all` so that it does not
    // count as a write (Workspace.writeCount), which would make the facts rebuild.
    job = ws
      .all(`INSERT INTO __metric_cell BY NAME ${allCellsSql}\n${cellsBuildSql}`, {
        grain,
        dim,
        by: BREAKDOWN[dim],
        ...WHOLE_RANGE_CELLS,
      })
      .then(() => undefined)
      .catch((err: unknown) => {
        cells.delete(key);
        throw err;
      });
    cells.set(key, job);
  }
  await job;
}

/**
 * The first and last start (YYYY-MM-DD) of the periods wholly inside [from, to] — the periods stored
 * cells can answer — or null when there is none. Months start on the 1st, ISO weeks on Monday
 * (periods.sql).
 */
export function wholePeriods(grain: MetricGrain, from: string, to: string): { lo: string; hi: string } | null {
  const day = (s: string) => Date.parse(`${s}T00:00:00Z`);
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const DAY = 86_400_000;
  const f = new Date(day(from));
  const t = new Date(day(to));
  let lo: number;
  let hi: number;
  if (grain === 'month') {
    lo = f.getUTCDate() === 1 ? f.getTime() : Date.UTC(f.getUTCFullYear(), f.getUTCMonth() + 1, 1);
    const lastDay = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
    hi = t.getUTCDate() === lastDay ? Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1) : Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 1);
  } else {
    const sinceMonday = (d: Date) => (d.getUTCDay() + 6) % 7;
    lo = sinceMonday(f) === 0 ? f.getTime() : f.getTime() + (7 - sinceMonday(f)) * DAY;
    const monday = t.getTime() - sinceMonday(t) * DAY;
    hi = sinceMonday(t) === 6 ? monday : monday - 7 * DAY;
  }
  return lo <= hi ? { lo: iso(lo), hi: iso(hi) } : null;
}
