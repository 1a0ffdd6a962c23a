/** A headline number with its change vs the previous month; a button that lists the rows behind it. */
import type { MetricHeadline } from '../lib/metric-headlines';
import { formatMetricValue, metricDelta } from '../lib/metric-headlines';
import { formatMonth, previousMonth } from '../lib/format';

const arrows = { up: '↑', down: '↓', flat: '→' } as const;

export function MetricCard({ headline, onDrill }: { headline: MetricHeadline; onDrill?: (headline: MetricHeadline) => void }) {
  const delta = metricDelta(headline);
  const value = formatMetricValue(headline.value, headline.unit, headline.digits);
  // Nothing to list behind a missing value (no responses, no changes) or without a month.
  const canDrill = onDrill !== undefined && headline.month !== null && headline.value !== null;
  const body = (
    <>
      <span className="headline-label" title={headline.label}>
        {headline.label}
      </span>
      <span className="headline-value tabular" data-testid="headline-value">
        {value}
      </span>
      <span className="headline-context">{headline.context ?? '\u00a0'}</span>
      <span className="headline-foot">
        {delta.text ? (
          <span className={`delta delta-${delta.sentiment}`} title={delta.description} data-testid="headline-delta">
            <span aria-hidden="true">{arrows[delta.direction]}</span>
            <span className="tabular">{delta.text}</span>
          </span>
        ) : (
          <span className="delta delta-neutral">{delta.description}</span>
        )}
        {headline.month ? (
          <span className="headline-month" title={`${formatMonth(headline.month, true)} compared with ${formatMonth(previousMonth(headline.month), true)}`}>
            {formatMonth(headline.month)}
          </span>
        ) : null}
      </span>
    </>
  );
  if (!canDrill)
    return (
      <div className="headline" data-testid={`headline-${headline.key}`}>
        {body}
      </div>
    );
  return (
    <button
      type="button"
      className="headline headline-drill"
      data-testid={`headline-${headline.key}`}
      aria-label={`${headline.label}: ${value} in ${formatMonth(headline.month, true)}. ${delta.description} Show the rows behind it.`}
      onClick={() => onDrill(headline)}
    >
      {body}
    </button>
  );
}
