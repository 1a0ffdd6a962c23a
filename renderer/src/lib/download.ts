/**
 * Text files out of the page (org map, import reports, rejects) as browser downloads, through the
 * same Blob download as the chart and deck exports (lib/export-files.ts).
 */
import { csvBlob, downloadBlob } from './export-files';

/** Download `text` as `fileName`; CSV gets a byte-order mark so Excel reads it as UTF-8. */
export function downloadText(fileName: string, text: string): void {
  const csv = /\.csv$/i.test(fileName);
  downloadBlob(csv ? csvBlob(text) : new Blob([text], { type: 'text/plain;charset=utf-8' }), fileName);
}

/** A file name without its folder and extension: "exports/jira.csv" → "jira". */
export function stem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
