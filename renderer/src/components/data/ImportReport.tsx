/** The import report: per file what was added, merged and rejected (with line, field, reason), as CSV too. */
import { useState } from 'react';
import type { StoredReject } from '../../../../shared/data';
import type { ImportFileReport } from '../../../../shared/domain';
import { downloadText } from '../../lib/download';
import { formatCount } from '../../lib/format';
import { fileOutcome, importReportCsv } from '../../lib/import-report';
import { useAppStore } from '../../store/react';
import { Glyph, InlineError } from './ui';

export function ImportReportCard() {
  const entry = useAppStore((s) => s.importWizard.report);
  const dismiss = useAppStore((s) => s.dismissImportReport);
  const loadRejects = useAppStore((s) => s.loadImportRejects);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!entry) return null;
  const { report, names } = entry;
  const nameOf = (f: ImportFileReport) => names[f.path] ?? f.path.split(/[\\/]/).pop() ?? f.path;
  const failed = report.files.filter((f) => f.error).length;
  const rejected = report.files.reduce((n, f) => n + f.rejected, 0);

  const download = async () => {
    setDownloading(true);
    setError(null);
    // The report holds the first rejects of each file; the workspace keeps all of them.
    const all: Record<string, StoredReject[]> = {};
    for (const file of report.files) {
      if (file.importId === undefined || file.rejected <= file.rejects.length) continue;
      const result = await loadRejects(file.importId);
      if (result.ok) all[file.path] = result.value.rejects;
      else setError(`Only the first rejects of ${nameOf(file)} are in the file: ${result.error.message}`);
    }
    downloadText(`undertow-import-report-${new Date().toISOString().slice(0, 16).replace(/[:T]/g, '-')}.csv`, importReportCsv(report.files, names, all));
    setDownloading(false);
  };

  return (
    <section className="card dv-report" aria-labelledby="import-report-title" data-testid="import-report">
      <header className="dv-card-head">
        <div>
          <h2 className="card-title" id="import-report-title">
            Import report
          </h2>
          <p className="dv-muted">
            {report.files.length - failed} of {report.files.length} {report.files.length === 1 ? 'file' : 'files'} imported
            {rejected > 0 ? ` · ${formatCount(rejected)} rows rejected` : ''} · times without a zone read as {report.timeZone}
          </p>
        </div>
        <div className="dv-actions">
          <button type="button" className="button" onClick={() => void download()} disabled={downloading} data-testid="import-report-download">
            <Glyph name="download" />
            {downloading ? 'Preparing…' : 'Download CSV'}
          </button>
          <button type="button" className="button button-ghost" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      </header>
      <InlineError error={error} />
      <div className="dv-table-scroll">
        <table className="table table-compact dv-table-roomy">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Result</th>
              <th scope="col" className="num" title="New rows stored">
                Added
              </th>
              <th scope="col" className="num" title="Rows already stored that this file filled in or changed (merged)">
                Merged
              </th>
              <th scope="col" className="num" title="Rows already stored exactly as in this file">
                Unchanged
              </th>
              <th scope="col" className="num" title="Records that repeated a key within the file, merged into one">
                Duplicates
              </th>
              <th scope="col" className="num">
                Rejected
              </th>
            </tr>
          </thead>
          <tbody>
            {report.files.map((file) => (
              <ReportRow key={file.path} file={file} name={nameOf(file)} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function ReportRow({ file, name }: { file: ImportFileReport; name: string }) {
  const outcome = fileOutcome(file);
  return (
    <>
      <tr data-testid="import-report-row" data-name={name}>
        <th scope="row">
          <span className="dv-strong">{name}</span>
          <span className="dv-muted dv-small dv-block">{file.formatLabel ?? 'Unknown format'}</span>
        </th>
        <td>
          <span className={`badge ${outcome === 'failed' ? 'badge-bad' : outcome === 'imported' ? 'badge-good' : ''}`} data-testid="import-report-outcome">
            {outcome === 'failed' ? 'Failed' : outcome === 'imported' ? 'Imported' : 'No changes'}
          </span>
        </td>
        <td className="num tabular">{formatCount(file.inserted)}</td>
        <td className="num tabular">{formatCount(file.updated)}</td>
        <td className="num tabular">{formatCount(file.unchanged)}</td>
        <td className="num tabular">{formatCount(file.duplicates)}</td>
        <td className="num tabular" data-testid="import-report-rejected">
          {formatCount(file.rejected)}
        </td>
      </tr>
      {file.error || file.rejects.length > 0 ? (
        <tr className="dv-report-detail">
          <td colSpan={7}>
            {file.error ? (
              <p className="dv-error-text" data-testid="import-report-error">
                {file.error.split(file.path).join(name)} Nothing from this file was stored.
              </p>
            ) : (
              <details data-testid="import-report-rejects">
                <summary>
                  {file.rejected === 1 ? '1 row was rejected' : `${formatCount(file.rejected)} rows were rejected`}
                  {file.rejected > file.rejects.length ? ` (first ${file.rejects.length} shown; the CSV has all of them)` : ''}
                </summary>
                <table className="table table-compact dv-rejects">
                  <thead>
                    <tr>
                      <th scope="col" className="num">
                        Line
                      </th>
                      <th scope="col">Field</th>
                      <th scope="col">Reason</th>
                    </tr>
                  </thead>
                  <tbody>
                    {file.rejects.slice(0, 50).map((r, i) => (
                      <tr key={`${r.line}-${i}`} data-testid="import-reject">
                        <td className="num tabular">{r.line}</td>
                        <td className="mono">{r.field ?? '–'}</td>
                        <td>{r.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </details>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}
