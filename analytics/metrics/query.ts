/**
 * Runs a metric query: periods.sql (the periods of the range) followed by the query's own CTEs and
 * SELECT over the metric facts, as one statement with bound parameters only.
 */
import type { DateRange } from '../../shared/domain';
import type { SqlParam, Workspace } from '../workspace/workspace';
import { ensureMetricFacts } from './facts';
import { effectiveRange } from './overview';
import periodsSql from './periods.sql';

export type Grain = 'week' | 'month';

export interface MetricBounds {
  /** Inclusive first and last day, YYYY-MM-DD. */
  from: string;
  to: string;
}

/** The requested range resolved against the data (missing ends = the data's own); null when empty. */
export async function metricBounds(ws: Workspace, range: DateRange = {}): Promise<MetricBounds | null> {
  const bounds = await effectiveRange(ws, range);
  return bounds ? { from: bounds.from, to: bounds.to } : null;
}

/** Run `sql` (which continues periods.sql's WITH list) on fresh metric facts. */
export async function runMetricQuery<T extends object>(
  ws: Workspace,
  sql: string,
  shared: { bounds: MetricBounds; grain: Grain },
  params: Readonly<Record<string, SqlParam>> = {},
): Promise<T[]> {
  return runFactsQuery<T>(ws, `${periodsSql}\n${sql}`, { from: shared.bounds.from, to: shared.bounds.to, grain: shared.grain, ...params });
}

/** Run one statement over fresh metric facts, binding exactly the parameters it names. */
export async function runFactsQuery<T extends object>(ws: Workspace, sql: string, params: Readonly<Record<string, SqlParam>>): Promise<T[]> {
  await ensureMetricFacts(ws);
  // DuckDB refuses parameters a statement does not name.
  const code = sql.replace(/--.*$/gm, '');
  const used = Object.fromEntries(Object.entries(params).filter(([name]) => new RegExp(`\\$${name}\\b`).test(code)));
  return ws.all<T>(sql, used);
}
