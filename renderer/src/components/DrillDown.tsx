/**
 * The drill-down panel: the rows behind a chart point or a headline number (`metrics:drilldown`),
 * newest first, with links out to GitHub, Jira and PagerDuty. A modal side sheet: focus stays inside,
 * Escape closes it and focus returns to what opened it. Links open outside the app (target=_blank in
 * browser mode; the desktop shell hands allowlisted https links to the system browser).
 */
import { useEffect, useId, useRef } from 'react';
import type { Drilldown, DrilldownRow } from '../../../shared/domain';
import { describeDetails, drilldownKindNoun, drilldownMetricLabel, formatInstant, safeExternalUrl } from '../lib/drilldown';
import { formatCount, formatMonth } from '../lib/format';
import { useAppStore } from '../store/react';
import { Icon } from './icons';
import { Loading, ViewError } from './states';

export function DrillDown() {
  const open = useAppStore((s) => s.drilldown.open);
  if (!open) return null;
  return <DrillDownOpen />;
}

/** "2026-09" → "September 2026"; "2026-W12" → "Week 12 of 2026". */
export function periodLabel(period: string): string {
  const week = /^(\d{4})-W(\d{2})$/.exec(period);
  if (week) return `Week ${Number(week[2])} of ${week[1]}`;
  return formatMonth(period, true) || period;
}

function DrillDownOpen() {
  const choices = useAppStore((s) => s.drilldown.choices);
  const metric = useAppStore((s) => s.drilldown.metric);
  const period = useAppStore((s) => s.drilldown.period);
  const team = useAppStore((s) => s.drilldown.team);
  const result = useAppStore((s) => s.drilldown.result);
  const close = useAppStore((s) => s.closeDrilldown);
  const select = useAppStore((s) => s.selectDrilldownMetric);
  const retry = useAppStore((s) => s.retryDrilldown);
  const teamName = useAppStore((s) => (team ? (s.teams.data?.find((t) => t.teamId === team)?.name ?? team) : null));
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    // Whatever had focus opened the panel (a headline button, a chart): it gets focus back on close.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const el = ref.current;
    if (el && !el.open) el.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const label = choices.find((c) => c.metric === metric)?.label ?? (metric ? drilldownMetricLabel[metric] : '');
  const data = result.status === 'ready' ? result.data : null;

  return (
    <dialog
      ref={ref}
      className="drawer"
      data-testid="drilldown"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside the sheet) closes it.
        if (event.target === event.currentTarget) close();
      }}
    >
      <div className="drawer-sheet">
        <header className="drawer-header">
          <div>
            <h2 id={titleId} className="drawer-title">
              {label}
            </h2>
            <p className="drawer-subtitle">
              {period ? periodLabel(period) : ''}
              {teamName ? ` · ${teamName}` : ' · all teams'}
              {data ? (
                <>
                  {' · '}
                  <span data-testid="drilldown-total">{totalText(data)}</span>
                </>
              ) : null}
            </p>
          </div>
          <button type="button" className="icon-button" aria-label="Close" data-testid="drilldown-close" onClick={close} autoFocus>
            <Icon name="x" size={16} />
          </button>
        </header>
        {choices.length > 1 ? (
          <div className="drawer-choices" role="group" aria-label="Rows to list">
            {choices.map((c) => (
              <button
                key={c.metric}
                type="button"
                className="drill-choice"
                aria-pressed={c.metric === metric}
                data-testid={`drilldown-choice-${c.metric}`}
                onClick={() => void select(c.metric)}
              >
                {c.label}
              </button>
            ))}
          </div>
        ) : null}
        <div className="drawer-body" aria-busy={result.status === 'loading'}>
          {result.status === 'error' ? (
            <ViewError title="The rows could not be loaded" error={result.error} onRetry={() => void retry()} />
          ) : !data ? (
            <Loading label="Loading the rows…" />
          ) : data.rows.length === 0 ? (
            <p className="drawer-empty" data-testid="drilldown-empty">
              {metric === 'nps' && teamName
                ? 'Survey responses belong to no team: clear the team filter to list them.'
                : `No rows behind this number: nothing was counted in this period${teamName ? ' for this team' : ''}.`}
            </p>
          ) : (
            <RowsTable drilldown={data} />
          )}
        </div>
      </div>
    </dialog>
  );
}

function totalText(d: Drilldown): string {
  const kind = d.rows[0]?.kind;
  const noun = kind ? drilldownKindNoun[kind][d.total === 1 ? 0 : 1] : d.total === 1 ? 'row' : 'rows';
  return `${formatCount(d.total)} ${noun}`;
}

function RowsTable({ drilldown }: { drilldown: Drilldown }) {
  return (
    <>
      <ul className="drill-list">
        {drilldown.rows.map((row) => (
          <DrillRow key={`${row.kind}:${row.key}`} row={row} />
        ))}
      </ul>
      {drilldown.total > drilldown.rows.length ? (
        <p className="drawer-note">
          Showing the newest {formatCount(drilldown.rows.length)} of {formatCount(drilldown.total)}.
        </p>
      ) : null}
    </>
  );
}

function DrillRow({ row }: { row: DrilldownRow }) {
  const url = safeExternalUrl(row.url);
  const details = describeDetails(row);
  return (
    <li className="drill-row" data-testid="drilldown-row">
      <div className="drill-row-head">
        {url ? (
          <a className="drill-key mono" href={url} target="_blank" rel="noopener noreferrer" data-testid="drilldown-link">
            {row.key}
            <span className="visually-hidden"> (opens outside Undertow)</span>
            <ExternalMark />
          </a>
        ) : (
          <span className="drill-key mono">{row.key}</span>
        )}
        <time className="drill-time tabular" dateTime={row.at}>
          {formatInstant(row.at)}
        </time>
      </div>
      {row.title ? <div className="drill-title">{row.title}</div> : null}
      <div className="drill-meta">
        {[row.team, row.repo && !row.key.startsWith(row.repo) ? row.repo : null, ...details].filter(Boolean).join(' · ')}
      </div>
    </li>
  );
}

/** The usual "opens elsewhere" arrow-out-of-a-box mark. */
function ExternalMark() {
  return (
    <svg className="icon" width={12} height={12} viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M9 2.5h4.5V7M13.5 2.5 7.5 8.5M11.5 9.5v3a1 1 0 0 1-1 1h-7a1 1 0 0 1-1-1v-7a1 1 0 0 1 1-1h3" />
    </svg>
  );
}
