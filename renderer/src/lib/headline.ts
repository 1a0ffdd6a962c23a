/**
 * Headline cards: how a month-over-month change reads. Direction is arithmetic (up/down/flat);
 * sentiment knows the domain: more incidents, bugs or tickets is bad, more merged PRs or a higher NPS
 * is good, and AI share is the thing being studied, so its change is neither.
 */
import type { Headline } from '../../../shared/domain';
import { formatCount, formatMonth, formatScore, formatShare, previousMonth } from './format';

export type Direction = 'up' | 'down' | 'flat';
export type Sentiment = 'good' | 'bad' | 'neutral';

/** Which way is better for each headline. */
export const preferredDirection: Record<Headline['key'], 'up' | 'down' | 'none'> = {
  mergedPrs: 'up',
  aiShare: 'none',
  incidents: 'down',
  bugs: 'down',
  tickets: 'down',
  nps: 'up',
};

export interface HeadlineDelta {
  direction: Direction;
  sentiment: Sentiment;
  /** "+12.5%", "−3.2 pp", "+4 pts", or "" when there is nothing to compare. */
  text: string;
  /** A sentence for screen readers and tooltips. */
  description: string;
}

/** The headline's value formatted for its unit. */
export function formatHeadlineValue(h: Pick<Headline, 'value' | 'unit'>): string {
  switch (h.unit) {
    case 'share':
      return formatShare(h.value);
    case 'score':
      return formatScore(h.value);
    default:
      return formatCount(h.value);
  }
}

const MINUS = '\u2212';
const signed = (n: number, body: string) => `${n > 0 ? '+' : MINUS}${body}`;

/** Change vs the previous month, formatted for the unit, with direction and sentiment. */
export function headlineDelta(h: Headline): HeadlineDelta {
  const previousLabel = h.month ? formatMonth(previousMonth(h.month)) : 'the previous month';
  if (h.value === null || h.previous === null || !Number.isFinite(h.value) || !Number.isFinite(h.previous)) {
    return { direction: 'flat', sentiment: 'neutral', text: '', description: `No comparison with ${previousLabel}.` };
  }
  const diff = h.value - h.previous;
  let text: string;
  let rounded: number;
  if (h.unit === 'share') {
    rounded = Math.round(diff * 1000) / 10; // percentage points, one decimal
    text = signed(rounded, `${Math.abs(rounded).toFixed(1)} pp`);
  } else if (h.unit === 'score') {
    rounded = Math.round(diff);
    text = signed(rounded, `${Math.abs(rounded)} pts`);
  } else if (h.previous === 0) {
    rounded = Math.round(diff);
    text = signed(rounded, formatCount(Math.abs(rounded)));
  } else {
    rounded = Math.round((diff / h.previous) * 1000) / 10; // percent, one decimal
    text = signed(rounded, `${Math.abs(rounded).toFixed(1)}%`);
  }
  const direction: Direction = rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'flat';
  const preferred = preferredDirection[h.key];
  const sentiment: Sentiment = direction === 'flat' || preferred === 'none' ? 'neutral' : direction === preferred ? 'good' : 'bad';
  if (direction === 'flat') text = `±0${h.unit === 'share' ? ' pp' : h.unit === 'score' ? ' pts' : h.previous === 0 ? '' : '%'}`;
  const verb = direction === 'up' ? 'Up' : direction === 'down' ? 'Down' : 'Unchanged';
  const amount = direction === 'flat' ? '' : ` ${text.slice(1)}`;
  const judgement = sentiment === 'good' ? ' (better)' : sentiment === 'bad' ? ' (worse)' : '';
  return { direction, sentiment, text, description: `${verb}${amount} vs ${previousLabel}${judgement}.` };
}

