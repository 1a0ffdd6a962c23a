/**
 * `imports:list` and `imports:rejects`: the workspace's import history (one row per file import or
 * GitHub sync page, newest first) and the stored rejects of one import, for the report download.
 */
import type { CallRequestParsed } from '../../shared/contract';
import type { ImportHistory, ImportHistoryEntry, ImportRejects } from '../../shared/data';
import type { SqlReader } from '../attribution/rules';
import { UndertowError } from '../errors';
import { importers } from '../importers';

const labels = new Map(importers.map((i) => [i.format, i.label]));

interface ImportRow {
  import_id: number;
  file_name: string;
  file_path: string;
  format: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  status: ImportHistoryEntry['status'];
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  error: string | null;
}

const iso = (value: string | null) => (value === null ? null : `${value.replace(' ', 'T')}Z`);

export async function importHistory(ws: SqlReader, request: CallRequestParsed<'imports:list'>): Promise<ImportHistory> {
  const limit = request.limit ?? 200;
  const offset = request.offset ?? 0;
  const [{ n }] = (await ws.all<{ n: number }>('SELECT count(*) AS n FROM imports')) as [{ n: number }];
  const rows = await ws.all<ImportRow>(
    `SELECT import_id, file_name, file_path, format, source,
            strftime(started_at, '%Y-%m-%d %H:%M:%S') AS started_at, strftime(finished_at, '%Y-%m-%d %H:%M:%S') AS finished_at,
            status, inserted, updated, unchanged, rejected, error
     FROM imports ORDER BY import_id DESC LIMIT $limit OFFSET $offset`,
    { limit, offset },
  );
  return {
    total: Number(n),
    entries: rows.map((r) => ({
      importId: Number(r.import_id),
      fileName: r.file_name,
      filePath: r.file_path,
      format: r.format,
      formatLabel: labels.get(r.format) ?? null,
      source: r.source,
      startedAt: iso(r.started_at)!,
      finishedAt: iso(r.finished_at),
      status: r.status,
      inserted: Number(r.inserted),
      updated: Number(r.updated),
      unchanged: Number(r.unchanged),
      rejected: Number(r.rejected),
      error: r.error,
    })),
  };
}

export async function importRejects(ws: SqlReader, request: CallRequestParsed<'imports:rejects'>): Promise<ImportRejects> {
  const limit = request.limit ?? 10_000;
  const [head] = await ws.all<{ file_name: string; n: number }>(
    'SELECT file_name, (SELECT count(*) FROM import_rejects WHERE import_id = $id) AS n FROM imports WHERE import_id = $id',
    { id: request.importId },
  );
  if (!head) throw new UndertowError('not_found', `There is no import ${request.importId} in this workspace.`, { importId: request.importId });
  const rows = await ws.all<{ line: number; field: string | null; reason: string; raw: string | null }>(
    'SELECT line, field, reason, raw FROM import_rejects WHERE import_id = $id ORDER BY line, field LIMIT $limit',
    { id: request.importId, limit },
  );
  return {
    importId: request.importId,
    fileName: head.file_name,
    total: Number(head.n),
    limit,
    rejects: rows.map((r) => ({ line: Number(r.line), field: r.field, reason: r.reason, raw: r.raw })),
  };
}
