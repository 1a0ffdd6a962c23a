/** Data → History: every import of the workspace (files, GitHub sync pages, the demo), newest first. */
import { useEffect, useState } from 'react';
import type { ImportHistoryEntry } from '../../../../shared/data';
import { toCsv } from '../../../../shared/csv';
import { downloadText, stem } from '../../lib/download';
import { formatInstant } from '../../lib/data-format';
import { formatCount } from '../../lib/format';
import { useAppStore } from '../../store/react';
import { slotData } from '../../store/slot';
import { EmptyState, Loading, ViewError } from '../states';
import { Glyph, InlineError } from './ui';

const SOURCE_LABELS: Record<string, string> = {
  github: 'GitHub export',
  'github-api': 'GitHub sync',
  jira: 'Jira',
  pagerduty: 'PagerDuty',
  copilot: 'Copilot',
  helpdesk: 'Help desk',
  nps: 'NPS',
  org: 'Org map',
  demo: 'Demo',
};

export function HistoryPanel() {
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const load = useAppStore((s) => s.loadImportHistory);
  const slot = useAppStore((s) => s.importHistory);
  const path = useAppStore((s) => s.app.workspace?.path);
  const setTab = useAppStore((s) => s.setDataTab);
  useEffect(() => {
    void load();
  }, [dataVersion, load]);
  const data = slotData(slot, path);

  if (!data && slot.status === 'error') return <ViewError title="The import history could not be loaded" error={slot.error} onRetry={() => void load(true)} />;
  if (!data) return <Loading label="Loading the import history…" />;
  if (data.total === 0)
    return (
      <EmptyState title="Nothing imported yet" testId="history-empty">
        <p className="state-text">
          Imports appear here with what each file added, merged and rejected.{' '}
          <button type="button" className="dv-link" onClick={() => setTab('import')}>
            Import export files
          </button>
        </p>
      </EmptyState>
    );
  return (
    <section className="card card-flush" aria-labelledby="history-title">
      <h2 className="card-title" id="history-title">
        {data.total === 1 ? '1 import' : `${formatCount(data.total)} imports`}
        {data.entries.length < data.total ? <span className="dv-muted"> (latest {formatCount(data.entries.length)} shown)</span> : null}
      </h2>
      <p className="dv-muted dv-small dv-card-head-padded dv-history-note">Row counts cover every table a file touched (a PR export also adds commits, reviews and people).</p>
      <div className="dv-table-scroll">
        <table className="table table-compact dv-table-roomy" data-testid="history-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">File</th>
              <th scope="col">Source</th>
              <th scope="col" className="num" title="New rows in every table the file touched (PRs, commits, people…)">
                Added
              </th>
              <th scope="col" className="num" title="Rows already stored that the file filled in or changed">
                Merged
              </th>
              <th scope="col" className="num">
                Unchanged
              </th>
              <th scope="col" className="num">
                Rejected
              </th>
              <th scope="col">
                <span className="visually-hidden">Rejects</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.entries.map((entry) => (
              <HistoryRow key={entry.importId} entry={entry} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function HistoryRow({ entry }: { entry: ImportHistoryEntry }) {
  const loadRejects = useAppStore((s) => s.loadImportRejects);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    const result = await loadRejects(entry.importId);
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    const rows = [['file', 'line', 'field', 'reason', 'raw'], ...result.value.rejects.map((r) => [entry.fileName, r.line, r.field, r.reason, r.raw])];
    downloadText(`${stem(entry.fileName)}-rejects.csv`, toCsv(rows));
  };
  return (
    <tr data-testid="history-row" data-name={entry.fileName} className={entry.status === 'failed' ? 'row-muted' : undefined}>
      <td className="tabular dv-nowrap">{formatInstant(entry.startedAt)}</td>
      <th scope="row">
        <span className="dv-strong" title={entry.filePath}>
          {entry.fileName}
        </span>
        <span className="dv-muted dv-small dv-block">{entry.formatLabel ?? entry.format}</span>
        {entry.error ? <span className="dv-error-text dv-small dv-block">{entry.error}</span> : null}
      </th>
      <td>{SOURCE_LABELS[entry.source] ?? entry.source}</td>
      <td className="num tabular">{formatCount(entry.inserted)}</td>
      <td className="num tabular">{formatCount(entry.updated)}</td>
      <td className="num tabular">{formatCount(entry.unchanged)}</td>
      <td className="num tabular">{formatCount(entry.rejected)}</td>
      <td className="dv-nowrap">
        {entry.rejected > 0 ? (
          <button type="button" className="button button-ghost dv-button-small" onClick={() => void download()} disabled={busy} aria-label={`Download the rejected rows of ${entry.fileName} as CSV`}>
            <Glyph name="download" size={14} />
            Rejects
          </button>
        ) : null}
        <InlineError error={error} />
      </td>
    </tr>
  );
}
