import { basename } from 'node:path';
import type { CallRequestParsed } from '../../shared/contract';
import type { ImportFileReport, ImportReport } from '../../shared/domain';
import { deriveAfterImport } from '../derive';
import { importers, importFiles } from '../importers';
import type { Session } from './session';
import { defaultImportTimeZone } from './workspace-settings';

/**
 * `import:files`: import into the open workspace, one file at a time, reporting progress per file
 * (`job:progress` with `file`). Each file may carry its own zone and column mapping (`perFile`);
 * otherwise the request's, else the workspace's default zone, else the machine's.
 */
export async function importIntoWorkspace(session: Session, request: CallRequestParsed<'import:files'>): Promise<ImportReport> {
  const ws = session.requireWorkspace();
  const timeZone = request.timeZone ?? (await defaultImportTimeZone(ws));
  const jobId = session.nextJobId('import');
  const total = request.paths.length;
  const files: ImportFileReport[] = [];
  for (const [index, path] of request.paths.entries()) {
    const own = request.perFile?.[path];
    const columnMapping = own?.columnMapping ?? request.columnMapping;
    const [report] = await importFiles(
      ws,
      importers,
      [path],
      { timeZone: own?.timeZone ?? timeZone, ...(columnMapping ? { columnMapping } : {}) },
      {
        derive: deriveAfterImport,
        onProgress: (_path, label, fraction) => {
          const overall = fraction === null ? index / total : (index + fraction) / total;
          session.env.emit('job:progress', {
            jobId,
            kind: 'import',
            // The name, not the path: browser-mode uploads live under a temporary directory.
            label: `${label} ${basename(path)}`,
            fraction: overall,
            done: false,
            file: { path, index, count: total, fraction, label },
          });
        },
      },
    );
    files.push(await withImportId(session, report!));
  }
  session.env.emit('job:progress', { jobId, kind: 'import', label: 'Import finished', fraction: 1, done: true });
  await session.refresh();
  return { timeZone, files };
}

/** The import row a stored file wrote, so the UI can fetch all of its rejects. */
async function withImportId(session: Session, report: ImportFileReport): Promise<ImportFileReport> {
  if (report.error || report.tables.every((t) => t.inserted + t.updated === 0)) return report;
  const [row] = await session.requireWorkspace().all<{ id: number | null }>(
    "SELECT max(import_id) AS id FROM imports WHERE file_path = $path AND status = 'ok'",
    { path: report.path },
  );
  return row?.id == null ? report : { ...report, importId: Number(row.id) };
}
