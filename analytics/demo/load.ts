/**
 * Direct load of the generated org into a workspace — until the importers (issue 3) land and the
 * demo is built by importing its own export files. Everything goes in one transaction through the
 * appender, then the §5 links are derived in SQL, then one `imports` row records the load.
 */
import { canonicalTables, type CanonicalTable } from '../../shared/domain';
import type { Workspace } from '../workspace/workspace';
import { appendRows } from './bulk';
import { canonicalRows } from './canonical';
import linkIncidentsSql from './link-incidents.sql';
import linkIssuesSql from './link-issues.sql';
import type { DemoOrg } from './model';
import { DEMO_VERSION } from './truth';

/** product.md §5 default window between a change and the incident it is blamed for. */
export const INCIDENT_LINK_WINDOW_HOURS = 72;

export type TableCounts = Record<CanonicalTable, number>;

export async function loadDemoOrg(ws: Workspace, org: DemoOrg, onProgress: (fraction: number, label: string) => void): Promise<TableCounts> {
  // The import's own bookkeeping uses the wall clock (when the load ran); the data never does.
  const startedMicros = BigInt(Date.now()) * 1000n;
  return ws.transaction(async (tx) => {
    const [idRow] = await tx.all<{ id: number }>("SELECT nextval('import_id_seq') AS id");
    const importId = idRow!.id;
    const tables = canonicalRows(org, importId);
    for (const [i, t] of tables.entries()) {
      onProgress(0.55 + (0.35 * i) / tables.length, `Loading ${t.table.replace(/_/g, ' ')}`);
      await appendRows(tx, t.table, t.columns, t.rows);
    }
    onProgress(0.92, 'Linking bugs and incidents to changes');
    await tx.run(linkIssuesSql);
    await tx.run(linkIncidentsSql, [INCIDENT_LINK_WINDOW_HOURS, `last-deploy-${INCIDENT_LINK_WINDOW_HOURS}h`, `merged-pr-${INCIDENT_LINK_WINDOW_HOURS}h`]);

    const counts = {} as TableCounts;
    for (const table of canonicalTables) {
      // Identifiers from the fixed list in shared/domain.ts, never from input.
      const [row] = await tx.all<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
      counts[table] = row!.n;
    }
    const inserted = canonicalTables.filter((t) => t !== 'imports').reduce((sum, t) => sum + counts[t], 0);
    await tx.run(
      `INSERT INTO imports (import_id, file_path, file_name, sha256, format, source, started_at, finished_at, status, inserted, updated, unchanged, rejected)
       VALUES ($1, $2, 'demo-generator', NULL, 'demo-generator', 'demo', make_timestamp($3::BIGINT), make_timestamp($4::BIGINT), 'ok', $5, 0, 0, 0)`,
      [importId, `demo-generator v${DEMO_VERSION} seed ${org.seed}`, startedMicros, BigInt(Date.now()) * 1000n, inserted],
    );
    counts.imports += 1;
    await tx.run(
      `INSERT INTO undertow_meta (key, value) VALUES ('demo_version', $1), ('demo_seed', $2)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(DEMO_VERSION), String(org.seed)],
    );
    return counts;
  });
}
