import type { CallRequestParsed } from '../../shared/contract';
import type { ImportReport } from '../../shared/domain';
import { deriveAfterImport } from '../derive';
import { importers, importFiles } from '../importers';
import type { Session } from './session';

/** The machine's own zone: what a leader's exports without offsets were most likely written in. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** `import:files`: import into the open workspace, reporting progress per file. */
export async function importIntoWorkspace(session: Session, request: CallRequestParsed<'import:files'>): Promise<ImportReport> {
  const ws = session.requireWorkspace();
  const timeZone = request.timeZone ?? localTimeZone();
  const jobId = session.nextJobId('import');
  const total = request.paths.length;
  const files = await importFiles(
    ws,
    importers,
    request.paths,
    { timeZone, ...(request.columnMapping ? { columnMapping: request.columnMapping } : {}) },
    {
      derive: deriveAfterImport,
      onProgress: (path, label, fraction) => {
        const index = request.paths.indexOf(path);
        const overall = fraction === null ? null : (index + fraction) / total;
        session.env.emit('job:progress', { jobId, kind: 'import', label: `${label} ${path}`, fraction: overall, done: false });
      },
    },
  );
  session.env.emit('job:progress', { jobId, kind: 'import', label: 'Import finished', fraction: 1, done: true });
  await session.refresh();
  return { timeZone, files };
}
