/**
 * `export:data` and `npm run cli -- export-data`: the workspace's canonical tables as Parquet or CSV
 * files written by DuckDB's COPY, for a data team or a warehouse (docs/data-export.md).
 *
 * - Table names come from the fixed allowlist (shared/domain.ts canonicalTables), column names from
 *   the catalog, both quoted; the target path is a quoted string literal (COPY cannot bind it).
 * - CSV text cells that a spreadsheet would run as a formula (= + - @, tab, CR at the start) get a
 *   leading apostrophe (product.md §10); Parquet keeps values exactly as stored.
 * - Nothing half-written ever appears in the target folder: every file is written into a hidden
 *   staging folder inside it and moved into place only after all tables were written; a failure
 *   removes the staging folder and leaves the folder as it was.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { canonicalTables, type CanonicalTable } from '../../shared/domain';
import type { DataExport, DataExportTable } from '../../shared/export';
import { UndertowError } from '../errors';
import type { Workspace } from '../workspace/workspace';

export type DataFormat = 'parquet' | 'csv';

export interface DataExportRequest {
  format: DataFormat;
  dir: string;
  /** Default: every canonical table. */
  tables?: readonly CanonicalTable[] | undefined;
}

const MANIFEST = 'undertow-export.json';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteLiteral = (text: string) => `'${text.replace(/'/g, "''")}'`;

interface Column {
  name: string;
  type: string;
}

async function columnsOf(ws: Workspace, table: CanonicalTable): Promise<Column[]> {
  const rows = await ws.all<{ column_name: string; data_type: string }>(
    "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $1 ORDER BY ordinal_position",
    [table],
  );
  return rows.map((r) => ({ name: r.column_name, type: r.data_type }));
}

/** The SELECT list of a table's export: CSV text columns neutralised against formula injection. */
export function selectList(columns: readonly Column[], format: DataFormat): string {
  return columns
    .map((c) => {
      const id = quoteIdent(c.name);
      if (format !== 'csv' || c.type !== 'VARCHAR') return id;
      return `CASE WHEN regexp_matches(${id}, '^[=+\\-@\\t\\r]') THEN '''' || ${id} ELSE ${id} END AS ${id}`;
    })
    .join(', ');
}

export async function exportData(ws: Workspace, request: DataExportRequest, progress: (fraction: number, label: string) => void = () => undefined): Promise<DataExport> {
  const tables = request.tables?.length ? [...request.tables] : [...canonicalTables];
  for (const t of tables) if (!(canonicalTables as readonly string[]).includes(t)) throw new UndertowError('invalid_request', `Unknown table "${t}".`, { field: 'tables' });
  const dir = resolve(request.dir);
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) throw new UndertowError('conflict', `${dir} is a file: give a folder to export into.`, { path: dir });
  await mkdir(dir, { recursive: true });

  const staging = join(dir, `.undertow-export-${randomBytes(6).toString('hex')}.partial`);
  await mkdir(staging);
  const ext = request.format === 'parquet' ? 'parquet' : 'csv';
  const options = request.format === 'parquet' ? '(FORMAT parquet, COMPRESSION zstd)' : "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', DATEFORMAT '%Y-%m-%d', TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S.%fZ')";
  const written: DataExportTable[] = [];
  const manifest: { format: DataFormat; exportedAt: string; workspace: string; schemaVersion: number; tables: Array<{ table: string; file: string; rows: number; columns: Column[] }> } = {
    format: request.format,
    exportedAt: new Date().toISOString(),
    workspace: ws.name,
    schemaVersion: ws.schemaVersion,
    tables: [],
  };
  let moving = false;
  try {
    for (const [i, table] of tables.entries()) {
      progress(i / (tables.length + 1), `Exporting ${table} (${i + 1} of ${tables.length})`);
      const columns = await columnsOf(ws, table);
      const file = `${table}.${ext}`;
      const target = join(staging, file);
      // A read: COPY TO goes through `all` so the metric caches are not invalidated as by a write.
      const result = await ws.all<Record<string, unknown>>(`COPY (SELECT ${selectList(columns, request.format)} FROM ${quoteIdent(table)}) TO ${quoteLiteral(target)} ${options}`);
      const rows = Number(Object.values(result[0] ?? {})[0] ?? 0);
      const bytes = (await stat(target)).size;
      written.push({ table, rows, file: join(dir, file), bytes });
      manifest.tables.push({ table, file, rows, columns });
    }
    await writeFile(join(staging, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    progress(tables.length / (tables.length + 1), 'Moving the files into place');
    moving = true;
    for (const t of written) await rename(join(staging, `${t.table}.${ext}`), t.file);
    await rename(join(staging, MANIFEST), join(dir, MANIFEST));
  } catch (err) {
    throw err instanceof UndertowError ? err : new UndertowError('internal', `Exporting the tables to ${dir} failed: ${err instanceof Error ? err.message : String(err)}.${moving ? '' : ' Nothing was written.'}`, undefined, { cause: err });
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }
  return { format: request.format, dir, tables: written };
}
