/**
 * The effect estimates in plain words, with the data coverage beside them (docs/methods.md). Thin or
 * insufficient estimates say so instead of a confident sentence; the event-study check is mentioned
 * where it flags an outcome.
 */
import { useId } from 'react';
import type { Coverage, EffectsReport } from '../../../shared/domain';
import type { AppError } from '../../../shared/errors';
import { coverageNotes, effectStatement, formatP, outcomeNoun, type EffectStatement } from '../lib/effects-text';
import { formatMonth } from '../lib/format';
import { Icon } from './icons';
import { ViewError } from './states';

const statusBadge: Record<EffectStatement['status'], { text: string; className: string }> = {
  ok: { text: 'Estimate', className: 'badge badge-accent' },
  thin: { text: 'Uncertain', className: 'badge badge-warning' },
  insufficient: { text: 'No estimate', className: 'badge badge-muted' },
};

export function EffectsSummary({
  report,
  coverage,
  loading,
  stale,
  error,
  onRetry,
  teamFiltered,
}: {
  report: EffectsReport | null;
  coverage: Coverage | null;
  loading: boolean;
  stale: boolean;
  error: AppError | null;
  onRetry: () => void;
  teamFiltered: boolean;
}) {
  const statements = report ? report.effects.map(effectStatement) : [];
  const preTrend = new Map((report?.eventStudy.outcomes ?? []).map((o) => [o.outcome, o.preTrendPValue]));
  const notes = coverage ? coverageNotes(coverage) : [];
  const id = useId();
  return (
    <section className="effects-layout" aria-labelledby={`${id}-effects`} data-testid="effects-summary">
      <div className="card effects-card" aria-busy={loading}>
        <div className="effects-head">
          <h2 id={`${id}-effects`} className="card-title">
            What your data say about AI share
          </h2>
          {loading ? (
            <span className="updating" role="status" data-testid="effects-loading">
              <span className="spinner" aria-hidden="true" />
              {stale || report ? 'Updating…' : 'Estimating (team bootstrap, a few seconds)…'}
            </span>
          ) : null}
        </div>
        <p className="card-note effects-intro">
          Rate per merged PR at 100% vs 0% AI share, with 90% intervals, from a Poisson model with team and month fixed effects
          {report?.months.from ? `, ${formatMonth(report.months.from)} – ${formatMonth(report.months.to)}` : ''}.
          {teamFiltered ? ' The model compares teams, so it always uses every team: the team filter does not apply here.' : ''}
        </p>
        {error && !report ? (
          <ViewError title="The effect estimates could not be computed" error={error} onRetry={onRetry} />
        ) : !report ? (
          <div className="skeleton-stack" aria-hidden="true">
            {Array.from({ length: 4 }, (_, i) => (
              <div key={i} className="skeleton skeleton-effect" />
            ))}
          </div>
        ) : (
          <ul className={stale ? 'effects-list is-stale' : 'effects-list'}>
            {statements.map((s) => {
              const p = preTrend.get(s.outcome);
              return (
                <li key={s.outcome} className={`effect effect-${s.status} effect-tone-${s.tone}`} data-testid={`effect-${s.outcome}`} data-status={s.status}>
                  <span className={statusBadge[s.status].className}>{statusBadge[s.status].text}</span>
                  <div className="effect-text">
                    <p className="effect-sentence" data-testid="effect-sentence">
                      {s.sentence}
                    </p>
                    {s.caveat ? <p className="effect-caveat">{s.caveat}</p> : null}
                    {p !== null && p !== undefined && p < 0.05 ? (
                      <p className="effect-caveat">
                        The event-study check flags {outcomeNoun[s.outcome]}: adopting teams already differed before adoption ({formatP(p)}).
                      </p>
                    ) : null}
                    {s.posterior ? <p className="effect-posterior">{s.posterior}</p> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
      <aside className="card coverage-card" aria-labelledby={`${id}-coverage`} data-testid="coverage">
        <h2 id={`${id}-coverage`} className="card-title">
          Data coverage
        </h2>
        {coverage ? (
          <ul className="coverage-list">
            {notes.map((n, i) => (
              <li key={i} className={`coverage-note coverage-${n.level}`} data-testid={`coverage-${n.level}`}>
                <Icon name={n.level === 'warning' ? 'alert' : 'info'} size={14} />
                <span>{n.text}</span>
              </li>
            ))}
          </ul>
        ) : (
          <div className="skeleton skeleton-line" aria-hidden="true" />
        )}
      </aside>
    </section>
  );
}
