import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { UndertowError } from '../errors';
import { dropTempObjects, type Queryable, type Workspace } from '../workspace/workspace';
import type { ImportFileReport } from '../../shared/domain';
import type { FormatImporter, ImportOptions, LoadResult, RejectRow, SourceKind, TableCounts } from './types';

export type { ImportFileReport } from '../../shared/domain';
import { sampleFile } from './sample';

export interface ImportHooks {
  onProgress?: (path: string, label: string, fraction: number | null) => void;
  /** Derived data to rebuild inside the import's transaction (attribution, links). */
  derive?: (tx: Queryable, sources: ReadonlySet<SourceKind>) => Promise<void>;
}

const REPORTED_REJECTS = 200;

/** Thrown inside the transaction when a file changed nothing, so it rolls back to a true no-op. */
class NothingChanged extends Error {
  constructor(readonly result: LoadResult, readonly rejects: RejectRow[]) {
    super('nothing changed');
  }
}

/** Pick the importer that recognises the sample most specifically. */
export function detectFormat(importers: readonly FormatImporter[], sample: Parameters<FormatImporter['detect']>[0]): FormatImporter | null {
  let best: FormatImporter | null = null;
  let bestScore = 0;
  for (const importer of importers) {
    const score = importer.detect(sample);
    if (score > bestScore) {
      best = importer;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Import files one by one, each in ONE transaction: a file that fails leaves the workspace exactly
 * as it was, and the other files still import. Returns one report per file, in order.
 */
export async function importFiles(
  ws: Workspace,
  importers: readonly FormatImporter[],
  paths: readonly string[],
  options: ImportOptions,
  hooks: ImportHooks = {},
): Promise<ImportFileReport[]> {
  const reports: ImportFileReport[] = [];
  for (const path of paths) reports.push(await importOne(ws, importers, path, options, hooks));
  return reports;
}

async function importOne(ws: Workspace, importers: readonly FormatImporter[], path: string, options: ImportOptions, hooks: ImportHooks): Promise<ImportFileReport> {
  const report: ImportFileReport = { path, format: null, formatLabel: null, inserted: 0, updated: 0, unchanged: 0, duplicates: 0, rejected: 0, rejects: [], tables: [] };
  const progress = (label: string, fraction: number | null) => hooks.onProgress?.(path, label, fraction);
  try {
    progress('Reading', 0);
    const sample = await sampleFile(path);
    const importer = detectFormat(importers, sample);
    if (!importer) {
      throw new UndertowError('invalid_request', `${path} matches no known export format. Expected one of: ${importers.map((i) => i.label).join('; ')}.`, { file: path });
    }
    report.format = importer.format;
    report.formatLabel = importer.label;
    // Hashed while DuckDB reads the file (the JS thread is idle meanwhile); recorded at the end.
    const sha256 = fileSha256(path);
    sha256.catch(() => undefined);

    // The import's number and start come first, outside the transaction: the file is parsed into
    // temp tables before the transaction begins (see Workspace.stagedTransaction), and the imports
    // row is its first write.
    let id = 0;
    let startedAt = '';
    const prefix = () => `__import_${id}_`;
    const { result, rejects } = await ws
      .stagedTransaction(
        async (tx) => {
          [{ id, startedAt }] = (await tx.all<{ id: number; startedAt: string }>(
            "SELECT nextval('import_id_seq') AS id, now()::TIMESTAMP::VARCHAR AS startedAt",
          )) as [{ id: number; startedAt: string }];
          // Rejected rows are gathered here as the importer finds them and stored with the import at the end.
          const rejectsTable = `${prefix()}rejects`;
          await tx.run(`CREATE TEMP TABLE ${rejectsTable} (line BIGINT, field VARCHAR, reason VARCHAR, raw VARCHAR)`);
          let stageCounter = 0;
          const result = await importer.load({
            tx,
            rejects: rejectsTable,
            path,
            importId: id,
            options,
            progress,
            temp: (name) => `${prefix()}${name}_${++stageCounter}`,
          });
          const rejects = await tx.all<RejectRow>(`SELECT line, field, reason FROM ${rejectsTable} ORDER BY line LIMIT ${REPORTED_REJECTS}`);
          const totals = sum(result.tables);
          if (totals.inserted + totals.updated === 0) throw new NothingChanged(result, rejects);
          await tx.run(`INSERT INTO import_rejects (import_id, line, field, reason, raw) SELECT $id, line, field, reason, raw FROM ${rejectsTable}`, { id });
          await hooks.derive?.(tx, new Set([importer.source]));
          await tx.run(
            `UPDATE imports SET status = 'ok', finished_at = now()::TIMESTAMP, sha256 = $sha, inserted = $inserted, updated = $updated,
               unchanged = $unchanged, rejected = $rejected WHERE import_id = $id`,
            { id, sha: await sha256, inserted: totals.inserted, updated: totals.updated, unchanged: totals.unchanged, rejected: result.rejected },
          );
          return { result, rejects };
        },
        {
          onBegin: (tx) =>
            tx.run(
              `INSERT INTO imports (import_id, file_path, file_name, sha256, format, source, started_at, status)
               VALUES ($id, $path, $name, NULL, $format, $source, $started::TIMESTAMP, 'running')`,
              { id, path, name: sample.name, format: importer.format, source: options.importSource ?? importer.source, started: startedAt },
            ),
          cleanup: (q) => dropTempObjects(q, prefix()),
        },
      )
      .catch((err: unknown) => {
        if (err instanceof NothingChanged) return { result: err.result, rejects: err.rejects };
        throw err;
      });

    const primary = result.tables[0];
    if (primary) Object.assign(report, { inserted: primary.inserted, updated: primary.updated, unchanged: primary.unchanged, duplicates: primary.duplicates });
    Object.assign(report, { rejected: result.rejected, rejects, tables: result.tables });
    progress('Done', 1);
  } catch (err) {
    report.error = err instanceof Error ? err.message : String(err);
    if (!report.error.includes(path)) report.error = `${path}: ${report.error}`;
    progress('Failed', null);
  }
  return report;
}

function sum(tables: readonly TableCounts[]) {
  return tables.reduce(
    (acc, t) => ({ inserted: acc.inserted + t.inserted, updated: acc.updated + t.updated, unchanged: acc.unchanged + t.unchanged, duplicates: acc.duplicates + t.duplicates }),
    { inserted: 0, updated: 0, unchanged: 0, duplicates: 0 },
  );
}

async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  // 1 MiB reads: with the default 64 KiB the per-chunk overhead doubles the time.
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
