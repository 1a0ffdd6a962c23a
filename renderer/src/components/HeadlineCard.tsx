import type { Headline } from '../../../shared/domain';
import { formatMonth, previousMonth } from '../lib/format';
import { formatHeadlineValue, headlineDelta } from '../lib/headline';

const arrows = { up: '↑', down: '↓', flat: '→' } as const;

export function HeadlineCard({ headline }: { headline: Headline }) {
  const delta = headlineDelta(headline);
  return (
    <article className="headline" data-testid={`headline-${headline.key}`}>
      <h2 className="headline-label" title={headline.label}>
        {headline.label}
      </h2>
      <div className="headline-value tabular" data-testid="headline-value">
        {formatHeadlineValue(headline)}
      </div>
      <div className="headline-foot">
        {delta.text ? (
          <span className={`delta delta-${delta.sentiment}`} title={delta.description} data-testid="headline-delta">
            <span aria-hidden="true">{arrows[delta.direction]}</span>
            <span className="tabular">{delta.text}</span>
            <span className="visually-hidden">{delta.description}</span>
          </span>
        ) : (
          <span className="delta delta-neutral">{delta.description}</span>
        )}
        {headline.month ? (
          <span className="headline-month" title={`${formatMonth(headline.month, true)} compared with ${formatMonth(previousMonth(headline.month), true)}`}>
            {formatMonth(headline.month)}
          </span>
        ) : null}
      </div>
    </article>
  );
}
