/**
 * Data → GitHub: connect a token, pick an org's repos (github.com or Enterprise Server), sync now
 * with progress (rate-limit waits count down; cancel keeps what was imported), last synced per repo,
 * and failures in words with what to do (scopes, SSO authorisation). docs/github-sync.md.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { GitHubFailure, GitHubStreamStatus, GitHubSyncReport } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/errors';
import { formatAgo, formatCountdown, formatInstant } from '../../lib/data-format';
import { formatCount } from '../../lib/format';
import { lastConnection } from '../../store/github-slice';
import { useAppStore } from '../../store/react';
import { slotData } from '../../store/slot';
import { Loading } from '../states';
import { Glyph, InlineError, ProgressBar, Spinner } from './ui';

const STORAGE_TEXT = {
  'os-keychain': 'Stored encrypted with your operating system’s keychain; it survives restarts and never enters a workspace file.',
  memory: 'Kept in the memory of the local Undertow host for this session only; it never enters a workspace file.',
  environment: 'Read from the GITHUB_TOKEN environment variable.',
} as const;

export function GitHubPanel() {
  const loadToken = useAppStore((s) => s.loadGitHubToken);
  const loadStatus = useAppStore((s) => s.loadGitHubStatus);
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  useEffect(() => {
    void loadToken();
  }, [loadToken]);
  useEffect(() => {
    void loadStatus();
  }, [dataVersion, loadStatus]);
  return (
    <div className="dv-github">
      <div className="dv-stack">
        <TokenCard />
        <SyncCard />
      </div>
      <StatusCard />
    </div>
  );
}

function TokenCard() {
  const token = useAppStore((s) => s.githubToken);
  const setToken = useAppStore((s) => s.setGitHubToken);
  const clearToken = useAppStore((s) => s.clearGitHubToken);
  const [value, setValue] = useState('');
  const [replacing, setReplacing] = useState(false);
  const id = useId();
  const status = token.data;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (value.trim() === '') return;
    const result = await setToken(value.trim());
    if (result.ok) {
      setValue('');
      setReplacing(false);
    }
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="github-token">
      <h2 className="card-title" id={`${id}-title`}>
        <Glyph name="github" /> GitHub token
      </h2>
      {!status ? (
        token.status === 'error' ? <InlineError error={token.error} /> : <Spinner label="Checking for a token…" />
      ) : status.configured && !replacing ? (
        <>
          <p data-testid="github-token-status">
            <span className="badge badge-good">Connected</span> A token is set.
          </p>
          <p className="dv-muted dv-small">{STORAGE_TEXT[status.storage]}</p>
          {status.storage !== 'environment' ? (
            <div className="dv-actions">
              <button type="button" className="button" onClick={() => setReplacing(true)}>
                Replace token
              </button>
              <button type="button" className="button button-ghost" onClick={() => void clearToken()} disabled={token.busy} data-testid="github-token-clear">
                Remove token
              </button>
            </div>
          ) : null}
        </>
      ) : status.storage === 'environment' ? (
        <p>{status.note ?? 'Set GITHUB_TOKEN before starting Undertow.'}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label className="field-label" htmlFor={`${id}-token`}>
            Personal access token
          </label>
          <div className="dv-choice-row">
            <input
              id={`${id}-token`}
              className="text-input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="ghp_… or github_pat_…"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-describedby={`${id}-scopes`}
              data-testid="github-token-input"
            />
            <button type="submit" className="button button-primary" disabled={token.busy || value.trim() === ''} data-testid="github-token-save">
              Save token
            </button>
            {replacing ? (
              <button type="button" className="button button-ghost" onClick={() => setReplacing(false)}>
                Cancel
              </button>
            ) : null}
          </div>
          <p className="dv-muted dv-small" id={`${id}-scopes`}>
            Read access is enough: a classic token with <code>repo</code> and <code>read:org</code> (Copilot reports: as an organisation owner), or a fine-grained token
            with read access to Metadata, Pull requests, Contents and Deployments (plus Organization Copilot metrics). Organisations with SAML SSO need the token authorised for
            them. {STORAGE_TEXT[status.storage]}
          </p>
          <InlineError error={token.error} testId="github-token-error" />
        </form>
      )}
    </section>
  );
}

function SyncCard() {
  const configured = useAppStore((s) => s.githubToken.data?.configured ?? false);
  const statusSlot = useAppStore((s) => s.githubStatus);
  const path = useAppStore((s) => s.app.workspace?.path);
  const repos = useAppStore((s) => s.githubRepos);
  const sync = useAppStore((s) => s.githubSync);
  const listRepos = useAppStore((s) => s.listGitHubRepos);
  const startSync = useAppStore((s) => s.syncGitHub);
  const cancel = useAppStore((s) => s.cancelGitHubSync);
  const last = lastConnection(slotData(statusSlot, path));
  const [org, setOrg] = useState<string | null>(null);
  const [baseUrl, setBaseUrl] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string> | null>(null);
  const [filter, setFilter] = useState('');
  const [copilot, setCopilot] = useState(true);
  const [showArchived, setShowArchived] = useState(false);
  const id = useId();
  // Prefilled from the workspace's last sync until the user types.
  const orgValue = org ?? last?.org ?? '';
  const baseValue = baseUrl ?? last?.baseUrl ?? '';

  const listed = useMemo(() => (repos.status === 'ready' ? repos.data : []), [repos]);
  const visible = useMemo(
    () => listed.filter((r) => (showArchived || !r.archived) && !r.fork && r.fullName.toLowerCase().includes(filter.trim().toLowerCase())),
    [listed, filter, showArchived],
  );
  const chosen = selected ?? new Set(listed.filter((r) => !r.archived && !r.fork).map((r) => r.fullName));

  const load = (e: FormEvent) => {
    e.preventDefault();
    if (orgValue.trim() === '') return;
    setSelected(null);
    void listRepos({ org: orgValue, baseUrl: baseValue });
  };
  const toggle = (name: string) => {
    const next = new Set(chosen);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setSelected(next);
  };
  const run = () => {
    const names = repos.status === 'ready' ? [...chosen] : null;
    void startSync({ org: orgValue, baseUrl: baseValue, repos: names, copilot });
  };
  const canSync = configured && orgValue.trim() !== '' && !sync.running && (repos.status !== 'ready' || chosen.size > 0);

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="github-sync">
      <h2 className="card-title" id={`${id}-title`}>
        Sync an organisation
      </h2>
      <form className="dv-form-grid" onSubmit={load}>
        <div className="dv-field">
          <label className="field-label" htmlFor={`${id}-org`}>
            Organisation
          </label>
          <input id={`${id}-org`} className="text-input" value={orgValue} onChange={(e) => setOrg(e.target.value)} placeholder="acme" autoComplete="off" data-testid="github-org" />
        </div>
        <div className="dv-field dv-field-wide">
          <label className="field-label" htmlFor={`${id}-base`}>
            GitHub Enterprise Server address <span className="dv-muted">(optional)</span>
          </label>
          <input id={`${id}-base`} className="text-input" value={baseValue} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://github.example.com/api/v3 — empty for github.com" autoComplete="off" data-testid="github-base-url" />
        </div>
        <div className="dv-field dv-field-end">
          <button type="submit" className="button" disabled={!configured || orgValue.trim() === '' || repos.status === 'loading'} data-testid="github-list-repos">
            <Glyph name="refresh" />
            {repos.status === 'loading' ? 'Loading…' : 'Load repositories'}
          </button>
        </div>
      </form>
      {!configured ? <p className="dv-muted dv-small">Save a token first; Undertow makes no network request until you load repositories or sync.</p> : null}
      {repos.status === 'error' ? <FailureText error={repos.error} testId="github-repos-error" /> : null}
      {repos.status === 'ready' ? (
        <fieldset className="dv-repo-picker" data-testid="github-repos">
          <legend className="field-label">
            Repositories <span className="dv-muted">({chosen.size} of {listed.filter((r) => !r.fork).length} chosen)</span>
          </legend>
          <div className="dv-toolbar">
            <input className="text-input dv-input dv-search" type="search" placeholder="Filter" aria-label="Filter repositories" value={filter} onChange={(e) => setFilter(e.target.value)} />
            <button type="button" className="button button-ghost dv-button-small" onClick={() => setSelected(new Set(visible.map((r) => r.fullName)))}>
              All
            </button>
            <button type="button" className="button button-ghost dv-button-small" onClick={() => setSelected(new Set())}>
              None
            </button>
            <label className="dv-check dv-small">
              <input type="checkbox" className="dv-checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
              Show archived
            </label>
          </div>
          {listed.length === 0 ? <p className="dv-muted">The token sees no repositories in {orgValue}.</p> : null}
          <ul className="dv-repo-list">
            {visible.map((r) => (
              <li key={r.fullName}>
                <label className="dv-check">
                  <input type="checkbox" className="dv-checkbox" checked={chosen.has(r.fullName)} onChange={() => toggle(r.fullName)} data-testid="github-repo" data-repo={r.fullName} />
                  <span className="mono">{r.name}</span>
                  {r.private ? <span className="badge dv-badge-small">private</span> : null}
                  {r.archived ? <span className="badge dv-badge-small">archived</span> : null}
                  {r.pushedAt ? <span className="dv-muted dv-small">pushed {formatAgo(r.pushedAt)}</span> : null}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <div className="dv-actions dv-sync-actions">
        <label className="dv-check">
          <input type="checkbox" className="dv-checkbox" checked={copilot} onChange={(e) => setCopilot(e.target.checked)} />
          Copilot usage reports
        </label>
        <span className="dv-spacer" />
        {sync.running ? (
          <button type="button" className="button" onClick={() => void cancel()} disabled={sync.cancelling} data-testid="github-cancel">
            {sync.cancelling ? 'Stopping…' : 'Cancel'}
          </button>
        ) : null}
        <button type="button" className="button button-primary" onClick={run} disabled={!canSync} data-testid="github-sync-now">
          {sync.running ? 'Syncing…' : repos.status === 'ready' ? `Sync ${chosen.size === 1 ? '1 repository' : `${chosen.size} repositories`}` : 'Sync all repositories'}
        </button>
      </div>
      {sync.running ? <SyncProgress /> : null}
      {!sync.running && sync.error ? <FailureText error={sync.error} testId="github-sync-error" /> : null}
      {!sync.running && sync.report ? <SyncReport report={sync.report} /> : null}
    </section>
  );
}

function SyncProgress() {
  const sync = useAppStore((s) => s.githubSync);
  const [now, setNow] = useState(() => Date.now());
  const waiting = sync.progress?.waitingUntil ?? null;
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waiting]);
  const p = sync.progress;
  return (
    <div className="dv-sync-progress" data-testid="github-progress" aria-live="polite">
      <div className="job-label">
        <span>{sync.label ?? 'Syncing'}</span>
        {sync.fraction !== null ? <span className="tabular">{Math.round(sync.fraction * 100)}%</span> : null}
      </div>
      <ProgressBar fraction={sync.fraction} label="GitHub sync" />
      {p ? (
        <p className="dv-muted dv-small">
          {p.repo ? (
            <>
              Repository {p.repoIndex} of {p.repoCount}: <span className="mono">{p.repo}</span>
              {p.stream ? ` · ${p.stream}` : ''} · {formatCount(p.pages)} pages, {formatCount(p.records)} records
            </>
          ) : (
            `Organisation ${p.org}${p.stream ? ` · ${p.stream}` : ''}`
          )}
          {p.rateLimitRemaining !== null ? ` · ${formatCount(p.rateLimitRemaining)} requests left this hour` : ''}
        </p>
      ) : null}
      {waiting && new Date(waiting).getTime() > now ? (
        <p className="dv-warning" data-testid="github-waiting">
          GitHub asked Undertow to slow down: resuming in <span className="tabular">{formatCountdown(waiting, now)}</span>. Everything fetched so far is kept.
        </p>
      ) : null}
    </div>
  );
}

/** A failure with what to do; SAML SSO gets the link where the token is authorised. */
function FailureText({ error, testId }: { error: AppError | GitHubFailure | null; testId?: string }) {
  if (!error) return null;
  const sso = 'ssoUrl' in error ? error.ssoUrl : 'details' in error ? error.details?.ssoUrl : undefined;
  return (
    <div className="dv-error" role="alert" data-testid={testId}>
      <p>{error.message}</p>
      {typeof sso === 'string' && sso.startsWith('https://') ? (
        <p>
          <a href={sso} target="_blank" rel="noopener noreferrer" data-testid="github-sso-link">
            Authorise the token for the organisation’s single sign-on
          </a>
          , then sync again.
        </p>
      ) : null}
    </div>
  );
}

function SyncReport({ report }: { report: GitHubSyncReport }) {
  const total = (pick: (s: { inserted: number; updated: number; rejected: number }) => number) =>
    report.repos.reduce((n, r) => n + r.streams.reduce((m, s) => m + pick(s), 0), 0) + (report.copilot ? pick(report.copilot) : 0);
  const failedRepos = report.repos.filter((r) => r.error || r.streams.some((s) => s.error));
  return (
    <div className="dv-sync-report" data-testid="github-report">
      <p>
        <span className={`badge ${report.error ? 'badge-warning' : 'badge-good'}`}>{report.error ? 'Stopped early' : 'Synced'}</span>{' '}
        {report.repos.length === 1 ? '1 repository' : `${report.repos.length} repositories`} · {formatCount(total((s) => s.inserted))} new rows, {formatCount(total((s) => s.updated))} updated
        {total((s) => s.rejected) > 0 ? `, ${formatCount(total((s) => s.rejected))} rejected` : ''} · {formatCount(report.requests)} requests
        {report.rateLimit ? `, ${formatCount(report.rateLimit.remaining)} left` : ''}
      </p>
      {report.error ? <FailureText error={report.error} testId="github-report-error" /> : null}
      {failedRepos.length > 0 ? (
        <ul className="dv-small">
          {failedRepos.map((r) => (
            <li key={r.repo}>
              <span className="mono">{r.repo}</span>: {(r.error ?? r.streams.find((s) => s.error)?.error)?.message}
            </li>
          ))}
        </ul>
      ) : null}
      {report.error ? <p className="dv-muted dv-small">Sync again to continue where it stopped; nothing is fetched twice.</p> : null}
    </div>
  );
}

interface RepoStatus {
  scope: string;
  lastSyncedAt: string | null;
  streams: GitHubStreamStatus[];
}

function StatusCard() {
  const slot = useAppStore((s) => s.githubStatus);
  const path = useAppStore((s) => s.app.workspace?.path);
  const data = slotData(slot, path);
  const rows = useMemo(() => {
    const byScope = new Map<string, RepoStatus>();
    for (const s of data?.streams ?? []) {
      const row = byScope.get(s.scope) ?? { scope: s.scope, lastSyncedAt: null, streams: [] };
      row.streams.push(s);
      if (s.lastSyncedAt && (!row.lastSyncedAt || s.lastSyncedAt > row.lastSyncedAt)) row.lastSyncedAt = s.lastSyncedAt;
      byScope.set(s.scope, row);
    }
    return [...byScope.values()].sort((a, b) => a.scope.localeCompare(b.scope));
  }, [data]);
  return (
    <section className="card card-flush dv-sync-status" aria-labelledby="github-status-title" data-testid="github-status">
      <h2 className="card-title" id="github-status-title">
        Last synced
      </h2>
      {!data ? (
        slot.status === 'error' ? (
          <InlineError error={slot.error} />
        ) : (
          <Loading label="Reading the sync state…" />
        )
      ) : rows.length === 0 ? (
        <p className="dv-muted dv-card-head-padded">This workspace has not been synced with GitHub. Exports imported as files are unaffected by a sync and vice versa: overlapping rows merge.</p>
      ) : (
        <table className="table table-compact">
          <thead>
            <tr>
              <th scope="col">Repository</th>
              <th scope="col">Last synced</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const resumable = r.streams.some((s) => s.resumable);
              const error = r.streams.find((s) => s.lastError)?.lastError;
              return (
                <tr key={r.scope} data-testid="github-status-row" data-repo={r.scope}>
                  <th scope="row" className="mono">
                    {r.scope.startsWith('org:') ? `${r.scope.slice(4)} (Copilot)` : r.scope}
                  </th>
                  <td className="dv-nowrap" title={formatInstant(r.lastSyncedAt)}>
                    {formatAgo(r.lastSyncedAt)}
                  </td>
                  <td>
                    {error ? (
                      <span className="badge badge-bad" title={error}>
                        Error
                      </span>
                    ) : resumable ? (
                      <span className="badge badge-warning">Will resume</span>
                    ) : (
                      <span className="badge badge-good">Up to date</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
