import { canonicalTables, type WorkspaceInfo } from '../../shared/domain';
import type { Workspace } from './workspace';
import dataRangeSql from './data-range.sql';

export interface DataRange {
  from: string | null;
  to: string | null;
}

// The range scans every dated table (~10 ms at org scale) and every metric query needs it: kept per
// workspace until it is written to (Workspace.writeCount, as the metric facts are).
const ranges = new WeakMap<Workspace, { writeCount: number; range: DataRange }>();

/** First and last day (YYYY-MM-DD) with data, or nulls for an empty workspace. */
export async function dataRange(ws: Workspace): Promise<DataRange> {
  const writeCount = ws.writeCount;
  const known = ranges.get(ws);
  if (known && known.writeCount === writeCount) return { ...known.range };
  const [row] = await ws.all<{ from: string | null; to: string | null }>(dataRangeSql);
  const range = { from: row?.from ?? null, to: row?.to ?? null };
  // Read before the query was queued: a write queued in between only makes the next call read again.
  ranges.set(ws, { writeCount, range });
  return { ...range };
}

/** Row count of every canonical table (names from the fixed allowlist), schema version and range. */
export async function workspaceInfo(ws: Workspace): Promise<WorkspaceInfo> {
  const counts = canonicalTables.map((t) => `SELECT '${t}' AS name, count(*) AS n FROM "${t}"`).join(' UNION ALL ');
  const rows = await ws.all<{ name: string; n: number }>(counts);
  const tables = Object.fromEntries(canonicalTables.map((t) => [t, 0])) as WorkspaceInfo['tables'];
  for (const r of rows) tables[r.name as keyof WorkspaceInfo['tables']] = r.n;
  const range = await dataRange(ws);
  return { path: ws.path, kind: ws.kind, schemaVersion: ws.schemaVersion, tables, from: range.from, to: range.to };
}
