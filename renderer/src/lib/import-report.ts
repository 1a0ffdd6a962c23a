/**
 * The import report as CSV (one summary row per file, then one row per reject: line, field, reason)
 * — formula-safe, for a leader to open in a spreadsheet or attach to a ticket.
 */
import { toCsv, type CsvValue } from '../../../shared/csv';
import type { StoredReject } from '../../../shared/data';
import type { ImportFileReport, ImportReject } from '../../../shared/domain';

export const REPORT_COLUMNS = ['file', 'format', 'result', 'added', 'updated', 'unchanged', 'duplicates_merged', 'rejected', 'line', 'field', 'reason', 'raw'] as const;

/** A file's outcome in one word, as the report table and the CSV say it. */
export function fileOutcome(file: ImportFileReport): 'failed' | 'imported' | 'no changes' {
  if (file.error) return 'failed';
  return file.inserted + file.updated > 0 || file.tables.some((t) => t.inserted + t.updated > 0) ? 'imported' : 'no changes';
}

/**
 * `names`: display name per path (browser uploads live under a temporary path).
 * `allRejects`: every stored reject of a file, fetched for the download when the report holds only the first ones.
 */
export function importReportCsv(
  files: readonly ImportFileReport[],
  names: Readonly<Record<string, string>> = {},
  allRejects: Readonly<Record<string, readonly (ImportReject | StoredReject)[]>> = {},
): string {
  const rows: CsvValue[][] = [[...REPORT_COLUMNS]];
  for (const file of files) {
    const name = names[file.path] ?? file.path.split(/[\\/]/).pop() ?? file.path;
    const format = file.formatLabel ?? file.format ?? '';
    rows.push([name, format, file.error ? `failed: ${file.error}` : fileOutcome(file), file.inserted, file.updated, file.unchanged, file.duplicates, file.rejected, null, null, null, null]);
    for (const reject of allRejects[file.path] ?? file.rejects) {
      rows.push([name, format, 'rejected row', null, null, null, null, null, reject.line, reject.field, reject.reason, 'raw' in reject ? reject.raw : null]);
    }
  }
  return toCsv(rows);
}
