/**
 * Text files out of the page (org map, import reports, rejects) as browser downloads.
 *
 * NOTE: reconstructed by the export helper after it overwrote this file by mistake; the exports
 * (`downloadText`, `stem`) follow their call sites. The owner may replace this file as it was.
 */

/** Download `text` as `fileName`; CSV gets a byte-order mark so Excel reads it as UTF-8. */
export function downloadText(fileName: string, text: string): void {
  const csv = /\.csv$/i.test(fileName);
  const blob = new Blob(csv ? ['\uFEFF', text] : [text], { type: csv ? 'text/csv;charset=utf-8' : 'text/plain;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** A file name without its folder and extension: "exports/jira.csv" → "jira". */
export function stem(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
