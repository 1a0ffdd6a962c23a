/**
 * The demo workspace is built the way a leader builds theirs: the generated org is written out as
 * real export files (exports/), and those files go through the same importers, attribution and
 * linking as any user's files. Nothing reaches the workspace by a side door, so the demo is also an
 * end-to-end check of the import path.
 *
 * Files import one transaction each (as in the app). Attribution and linking are full recomputes, so
 * the demo runs them once after the last file rather than after every file (same result, ~5x
 * faster); the half-built file is never opened by anyone (it is renamed into place when complete).
 */
import { join } from 'node:path';
import { canonicalTables, type CanonicalTable, type ImportFileReport } from '../../shared/domain';
import { runDerivations } from '../derive';
import { UndertowError } from '../errors';
import { importers, importFiles } from '../importers';
import type { SourceKind } from '../importers/types';
import type { Workspace } from '../workspace/workspace';
import { writeDemoExports, type DemoExportFile } from './exports';
import type { DemoOrg } from './model';
import { DEMO_TRUTH, DEMO_VERSION } from './truth';

export type TableCounts = Record<CanonicalTable, number>;

/** The zone the demo org's Jira writes its CSV times in (no zone marker in the file). */
export const DEMO_JIRA_TIME_ZONE = 'Europe/Berlin';

/** The org map first (so every later file already sees teams), then everything else in file order. */
function importOrder(files: readonly DemoExportFile[]): DemoExportFile[] {
  return [...files.filter((f) => f.format === 'org-map-csv'), ...files.filter((f) => f.format !== 'org-map-csv')];
}

function failureOf(report: ImportFileReport): string | null {
  if (report.error) return report.error;
  if (report.rejected > 0) {
    const first = report.rejects[0];
    return `${report.path}: ${report.rejected} rows rejected${first ? ` (line ${first.line}, ${first.field}: ${first.reason})` : ''}`;
  }
  return null;
}

/**
 * Write the org's exports under `exportDir` and import them into `ws`. Any rejected row or failed
 * file is a bug in the generator or an importer, so it fails the build with the importer's message.
 */
export async function loadDemoOrg(
  ws: Workspace,
  org: DemoOrg,
  exportDir: string,
  onProgress: (fraction: number, label: string) => void,
): Promise<TableCounts> {
  onProgress(0.3, 'Writing the demo export files');
  const files = importOrder(await writeDemoExports(exportDir, { org }));
  const byZone = new Map<string, DemoExportFile[]>();
  for (const file of files) {
    const zone = file.format === 'jira-csv' ? DEMO_JIRA_TIME_ZONE : DEMO_TRUTH.period.timeZone;
    byZone.set(zone, [...(byZone.get(zone) ?? []), file]);
  }
  const sources = new Set<SourceKind>();
  let done = 0;
  for (const [timeZone, group] of byZone) {
    const paths = group.map((f) => join(exportDir, ...f.path.split('/')));
    const reports = await importFiles(ws, importers, paths, { timeZone }, {
      onProgress: (path, label, fraction) => {
        if (fraction === 0) onProgress(0.32 + (0.58 * (done + paths.indexOf(path))) / files.length, `Importing ${path.slice(exportDir.length + 1)}`);
      },
    });
    for (const report of reports) {
      const failure = failureOf(report);
      if (failure) throw new UndertowError('internal', `The demo export ${failure}`);
      const importer = importers.find((i) => i.format === report.format);
      if (importer) sources.add(importer.source);
    }
    done += paths.length;
  }

  onProgress(0.9, 'Attributing AI and linking bugs and incidents to changes');
  return ws.transaction(async (tx) => {
    await runDerivations(tx, sources);
    await tx.run(
      `INSERT INTO undertow_meta (key, value) VALUES ('demo_version', $1), ('demo_seed', $2)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [String(DEMO_VERSION), String(org.seed)],
    );
    const counts = {} as TableCounts;
    for (const table of canonicalTables) {
      // Identifiers from the fixed list in shared/domain.ts, never from input.
      const [row] = await tx.all<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${table}`);
      counts[table] = row!.n;
    }
    return counts;
  });
}
