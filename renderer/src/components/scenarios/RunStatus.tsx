/** What the live run is doing, and how long the last preview and full run took. */
import { formatCount } from '../../lib/format';
import { useAppStore } from '../../store/react';
import { FULL_DRAWS, PREVIEW_DRAWS, type RunTiming } from '../../store/scenarios-slice';

function timing(t: RunTiming | null): string {
  return t ? `${formatCount(t.draws)} draws in ${formatCount(t.engineMs)} ms` : '';
}

export function RunStatus() {
  const phase = useAppStore((s) => s.scenarios.run.phase);
  const preview = useAppStore((s) => s.scenarios.run.preview);
  const full = useAppStore((s) => s.scenarios.run.full);
  const error = useAppStore((s) => s.scenarios.run.error);
  const runNow = useAppStore((s) => s.runScenarioNow);

  let text: string;
  switch (phase) {
    case 'idle':
      text = 'Not run yet';
      break;
    case 'waiting':
    case 'preview':
      text = `Updating: quick preview of ${formatCount(PREVIEW_DRAWS)} draws…`;
      break;
    case 'full':
      text = `Preview (${timing(preview)}) · full run of ${formatCount(FULL_DRAWS)} draws…`;
      break;
    case 'done':
      text = `${timing(full)} · preview ${formatCount(preview?.engineMs ?? 0)} ms`;
      break;
    case 'error':
      text = 'The last run failed';
      break;
  }
  const busy = phase === 'waiting' || phase === 'preview' || phase === 'full';
  const title =
    full || preview
      ? [preview ? `Preview: ${timing(preview)} (engine), ${formatCount(preview.roundTripMs)} ms round trip` : '', full ? `Full: ${timing(full)} (engine), ${formatCount(full.roundTripMs)} ms round trip` : '']
          .filter(Boolean)
          .join('\n')
      : undefined;

  return (
    <div className={`run-status run-status-${phase}`} data-testid="scenario-run-status" data-phase={phase} title={title}>
      <span className={busy ? 'run-dot run-dot-busy' : phase === 'error' ? 'run-dot run-dot-error' : 'run-dot'} aria-hidden="true" />
      <span role="status" className="tabular" data-testid="scenario-run-text">
        {text}
      </span>
      {phase === 'error' ? (
        <>
          <span className="visually-hidden">{error?.message}</span>
          <button type="button" className="button button-small" onClick={() => void runNow()}>
            Run again
          </button>
        </>
      ) : null}
    </div>
  );
}
