/** Data → Import: drop or pick export files, check what was detected, choose zones and columns, import. */
import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { formatCount } from '../../lib/format';
import { formatBytes, timeZones, zoneLabel } from '../../lib/data-format';
import { fieldLabel } from '../../lib/import-fields';
import { fileBlockers, importableFiles, type FileProgress, type WizardFile } from '../../store/import-slice';
import { useAppStore } from '../../store/react';
import { ImportReportCard } from './ImportReport';
import { Glyph, InlineError, ProgressBar, Spinner } from './ui';

const SUPPORTED = [
  ['GitHub', 'gh pr list/view --json, REST pulls, commits, reviews, deployments and statuses'],
  ['Copilot', 'usage-metrics reports (users, org; NDJSON or JSON), legacy metrics API'],
  ['Jira', 'CSV export (all or current fields), REST search JSON'],
  ['PagerDuty', 'incidents CSV from the web UI, REST incidents, Analytics raw incidents'],
  ['Help desk', 'Zendesk CSV, API JSON or NDJSON; any tickets CSV with a column mapping'],
  ['NPS', 'SurveyMonkey, Typeform, any responses CSV with a column mapping'],
  ['Org map', 'CSV with type,key,team,seniority'],
] as const;

export function ImportPanel() {
  const files = useAppStore((s) => s.importWizard.files);
  const run = useAppStore((s) => s.importWizard.run);
  const report = useAppStore((s) => s.importWizard.report);
  const error = useAppStore((s) => s.importWizard.error);
  const startImport = useAppStore((s) => s.startImport);
  const clear = useAppStore((s) => s.clearImportFiles);
  const ready = importableFiles(files);
  const waiting = files.filter((f) => f.status === 'resolving' || f.status === 'previewing').length;
  const blocked = files.filter((f) => f.status === 'ready' && fileBlockers(f).length > 0).length;
  const skipped = files.filter((f) => f.status === 'error').length;

  return (
    <div className="dv-stack">
      {report ? <ImportReportCard /> : null}
      <DropZone disabled={run !== null} />
      {files.length > 0 ? (
        <section className="dv-files" aria-label="Files to import" data-testid="import-files">
          {files.map((file) => (
            <FileCard key={file.id} file={file} progress={run && file.path ? run.progress[file.path] ?? null : null} running={run !== null} openPreview={files.length <= 2} />
          ))}
          <div className="dv-actions dv-import-actions">
            <button type="button" className="button button-primary" disabled={ready.length === 0 || run !== null || waiting > 0} onClick={() => void startImport()} data-testid="import-start">
              {run ? 'Importing…' : `Import ${ready.length === 1 ? '1 file' : `${ready.length} files`}`}
            </button>
            <button type="button" className="button" disabled={run !== null} onClick={clear} data-testid="import-clear">
              Clear list
            </button>
            <span className="dv-muted" aria-live="polite">
              {waiting > 0
                ? `Reading ${waiting === 1 ? '1 file' : `${waiting} files`}…`
                : [blocked > 0 ? `${blocked} need${blocked === 1 ? 's' : ''} a choice above` : '', skipped > 0 ? `${skipped} will be skipped` : ''].filter(Boolean).join(' · ')}
            </span>
          </div>
          <InlineError error={error} testId="import-error" />
        </section>
      ) : null}
    </div>
  );
}

function DropZone({ disabled }: { disabled: boolean }) {
  const add = useAppStore((s) => s.addImportFiles);
  const transport = useAppStore((s) => s.importTransport);
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();

  // Files dropped next to the zone must not open in the window (browser mode would navigate away).
  useEffect(() => {
    const stop = (e: globalThis.DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    window.addEventListener('dragover', stop);
    window.addEventListener('drop', stop);
    return () => {
      window.removeEventListener('dragover', stop);
      window.removeEventListener('drop', stop);
    };
  }, []);

  const onDrop = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault();
    setOver(false);
    if (disabled) return;
    const dropped = [...e.dataTransfer.files];
    if (dropped.length > 0) void add(dropped);
  };

  return (
    <div
      className={`dv-dropzone${over ? ' dv-dropzone-over' : ''}${disabled ? ' dv-dropzone-disabled' : ''}`}
      data-testid="import-dropzone"
      onDragEnter={(e) => {
        if (e.dataTransfer.types.includes('Files')) setOver(true);
      }}
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={onDrop}
    >
      <span className="dv-dropzone-icon" aria-hidden="true">
        <Glyph name="upload" size={22} />
      </span>
      <div className="dv-dropzone-text">
        <p className="dv-dropzone-title">Drop export files here</p>
        <p className="dv-muted" id={hintId}>
          Undertow detects each file&apos;s format from its content and shows a preview before anything is stored. Re-importing a file, or one that overlaps, never duplicates rows.
          {transport === 'upload' ? ' In browser mode the files are copied to the local Undertow host first.' : ''}
        </p>
      </div>
      <button type="button" className="button button-primary" disabled={disabled} onClick={() => input.current?.click()} aria-describedby={hintId} data-testid="import-pick">
        Choose files…
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        accept=".csv,.json,.ndjson,.jsonl,.txt,.tsv"
        data-testid="import-input"
        onChange={(e) => {
          const picked = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (picked.length > 0) void add(picked);
        }}
      />
      <details className="dv-supported">
        <summary>What can I import?</summary>
        <dl>
          {SUPPORTED.map(([source, what]) => (
            <div key={source}>
              <dt>{source}</dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
      </details>
    </div>
  );
}

function FileCard({ file, progress, running, openPreview }: { file: WizardFile; progress: FileProgress | null; running: boolean; openPreview: boolean }) {
  const remove = useAppStore((s) => s.removeImportFile);
  const transport = useAppStore((s) => s.importTransport);
  const blockers = fileBlockers(file);
  const preview = file.preview;
  const state =
    file.status === 'resolving' ? 'reading' : file.status === 'previewing' ? 'reading' : file.status === 'error' ? 'error' : blockers.length > 0 ? 'blocked' : 'ready';
  return (
    <article className={`dv-file dv-file-${state}`} data-testid="import-file" data-name={file.name} aria-label={file.name}>
      <header className="dv-file-head">
        <span className="dv-file-icon" aria-hidden="true">
          <Glyph name="file" />
        </span>
        <div className="dv-file-title">
          <h3 className="dv-file-name">{file.name}</h3>
          <p className="dv-file-meta">
            {preview?.formatLabel ? (
              <span className="dv-file-format" data-testid="import-file-format" title={preview.format ?? undefined}>
                {preview.formatLabel}
              </span>
            ) : null}
            <span className="dv-muted">
              {formatBytes(file.size)}
              {preview?.rows.length ? ` · ${preview.columns.length} columns` : ''}
            </span>
          </p>
        </div>
        <div className="dv-file-status">
          {file.status === 'resolving' ? <Spinner label={transport === 'upload' ? 'Uploading…' : 'Reading…'} /> : null}
          {file.status === 'previewing' ? <Spinner label="Detecting format…" /> : null}
          {state === 'error' ? (
            <span className="badge badge-bad" data-testid="import-file-state">
              Cannot import
            </span>
          ) : null}
          {state === 'blocked' ? (
            <span className="badge badge-warning" data-testid="import-file-state">
              Needs a choice
            </span>
          ) : null}
          {state === 'ready' ? (
            <span className="badge badge-good" data-testid="import-file-state">
              Ready
            </span>
          ) : null}
        </div>
        <button type="button" className="icon-button dv-file-remove" aria-label={`Remove ${file.name} from the list`} disabled={running} onClick={() => remove(file.id)}>
          <Glyph name="trash" />
        </button>
      </header>
      {file.status === 'error' ? <InlineError error={file.error} testId="import-file-error" /> : null}
      {preview && file.status === 'ready' ? (
        <div className="dv-file-body">
          {preview.timeZone.needed ? <ZoneChoice file={file} /> : null}
          {preview.mapping ? <MappingChoice file={file} /> : null}
          {blockers.length > 0 ? (
            <p className="dv-warning" data-testid="import-file-blocker">
              {blockers.join(' ')}
            </p>
          ) : null}
          <PreviewTable file={file} open={openPreview} />
        </div>
      ) : null}
      {progress ? (
        <div className="dv-file-progress" data-testid="import-file-progress">
          <div className="job-label">
            <span>{progress.label}</span>
            {progress.fraction !== null ? <span className="tabular">{Math.round(progress.fraction * 100)}%</span> : null}
          </div>
          <ProgressBar fraction={progress.fraction} label={`Importing ${file.name}`} />
        </div>
      ) : null}
    </article>
  );
}

function ZoneChoice({ file }: { file: WizardFile }) {
  const setZone = useAppStore((s) => s.setImportTimeZone);
  const others = useAppStore((s) => s.importWizard.files.filter((f) => f.id !== file.id && f.preview?.timeZone.needed).length);
  const zones = useMemo(() => timeZones(), []);
  const id = useId();
  const current = file.timeZone ?? 'UTC';
  const options = zones.includes(current) ? zones : [current, ...zones];
  return (
    <div className="dv-choice" data-testid="import-zone">
      <label className="field-label" htmlFor={id}>
        Time zone of its times
      </label>
      <div className="dv-choice-row">
        <select id={id} className="dv-select" value={current} onChange={(e) => setZone(file.id, e.target.value)} data-testid="import-zone-select">
          {options.map((z) => (
            <option key={z} value={z}>
              {zoneLabel(z)}
            </option>
          ))}
        </select>
        {others > 0 ? (
          <button type="button" className="button button-ghost" onClick={() => setZone('all', current)}>
            Use for all files
          </button>
        ) : null}
      </div>
      <p className="dv-muted dv-small">
        {file.preview!.timeZone.reason}
        {file.preview!.timeZone.examples.length > 0 ? (
          <>
            {' '}
            Found: <span className="mono">{file.preview!.timeZone.examples.join(', ')}</span>.
          </>
        ) : null}
      </p>
    </div>
  );
}


function MappingChoice({ file }: { file: WizardFile }) {
  const setMapping = useAppStore((s) => s.setImportMapping);
  const mapping = file.preview!.mapping!;
  const baseId = useId();
  return (
    <fieldset className="dv-choice dv-mapping" data-testid="import-mapping">
      <legend className="field-label">Which column holds what ({mapping.entity === 'ticket' ? 'one row per ticket' : 'one row per response'})</legend>
      <div className="dv-mapping-grid">
        {mapping.fields.map(({ field, required }) => {
          const id = `${baseId}-${field}`;
          const value = file.mapping[field] ?? '';
          return (
            <div key={field} className="dv-mapping-field">
              <label htmlFor={id} className="dv-small">
                {fieldLabel(field)}
                {required ? <span className="dv-required"> (required)</span> : null}
              </label>
              <select
                id={id}
                className="dv-select"
                value={value}
                aria-invalid={required && value === '' ? true : undefined}
                onChange={(e) => setMapping(file.id, field, e.target.value)}
                data-testid={`import-mapping-${field}`}
              >
                <option value="">{required ? 'Choose a column…' : 'Not in this file'}</option>
                {mapping.columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function PreviewTable({ file, open }: { file: WizardFile; open: boolean }) {
  const preview = file.preview!;
  if (preview.rows.length === 0) return <p className="dv-muted dv-small">No records to preview in the first part of the file.</p>;
  return (
    <details className="dv-preview" open={open}>
      <summary>
        Preview: first {formatCount(preview.rows.length)} {preview.rows.length === 1 ? 'record' : 'records'}
        {preview.truncated ? ' (more follow)' : ''}
      </summary>
      <div className="dv-table-scroll" tabIndex={0} role="region" aria-label={`Preview of ${file.name}`}>
        <table className="table table-compact dv-preview-table" data-testid="import-preview">
          <thead>
            <tr>
              {preview.columns.map((c, i) => (
                <th key={`${c}-${i}`} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                {row.map((cell, i) => (
                  <td key={i} title={cell.length > 40 ? cell : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
