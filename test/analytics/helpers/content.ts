import { canonicalTables } from '../../../shared/domain';
import type { Workspace } from '../../../analytics/workspace/workspace';

/** A hash of every canonical table's full content: equal hashes mean byte-for-byte equal data. */
export async function contentHash(ws: Workspace): Promise<Record<string, string>> {
  const parts = canonicalTables.map((t) => `SELECT '${t}' AS t, count(*) AS n, coalesce(md5(string_agg(x::VARCHAR, '|' ORDER BY x::VARCHAR)), '') AS h FROM "${t}" x`);
  const rows = await ws.all<{ t: string; n: number; h: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}
