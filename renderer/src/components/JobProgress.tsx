import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/react';

/**
 * Progress of long jobs (`job:progress` events) and of the workspace operation in flight. `panel`
 * fills the content area (nothing else to show yet); `floating` sits over the current view.
 */
export function JobProgress({ variant }: { variant: 'panel' | 'floating' }) {
  const jobs = useAppStore(useShallow((s) => Object.values(s.app.jobs)));
  const pending = useAppStore((s) => s.app.pending);
  if (jobs.length === 0 && !pending) return null;
  const rows = jobs.length > 0 ? jobs.map((j) => ({ id: j.jobId, label: j.label, fraction: j.fraction })) : [{ id: 'pending', label: pending!.label, fraction: null }];

  return (
    <div className={`job-progress job-progress-${variant}`} data-testid="job-progress" role="status" aria-live="polite">
      {variant === 'panel' ? <h2 className="job-title">{pending?.kind === 'demo' ? 'Preparing the demo workspace' : 'Working…'}</h2> : null}
      {rows.map((row) => (
        <div className="job-row" key={row.id}>
          <div className="job-label">
            <span>{row.label}</span>
            {row.fraction !== null ? <span className="tabular">{Math.round(row.fraction * 100)}%</span> : null}
          </div>
          <div
            className={`progress${row.fraction === null ? ' progress-indeterminate' : ''}`}
            role="progressbar"
            aria-label={row.label}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={row.fraction === null ? undefined : Math.round(row.fraction * 100)}
          >
            <div className="progress-fill" style={row.fraction === null ? undefined : { width: `${Math.max(2, row.fraction * 100)}%` }} />
          </div>
        </div>
      ))}
      {variant === 'panel' && pending?.kind === 'demo' ? (
        <p className="job-note">A realistic synthetic organisation is generated on first use, so every screen has data to show.</p>
      ) : null}
    </div>
  );
}
