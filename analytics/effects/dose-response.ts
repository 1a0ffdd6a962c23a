/**
 * Dose-response (product.md §7): outcome rates per 100 merged PRs by AI-share bucket of team-months
 * (0–10%, 10–25%, 25–50%, 50%+). Descriptive — team-months of different teams and months are pooled,
 * so team differences (early adopters may be riskier teams) and time trends are not removed; the
 * effect model does that.
 *
 * Interval: Garwood's exact Poisson interval for the bucket's count, widened for overdispersion
 * across its team-months — with φ = max(1, Pearson X² / (m − 1)) over the bucket's m team-months
 * (expected count = team-month PRs × the bucket rate), the interval is computed for the "effective"
 * count k/φ and scaled back (a quasi-Poisson interval).
 */
import type { DoseResponseBucket, DoseResponseCell, DoseResponseReport, EffectOutcome } from '../../shared/domain';
import { effectOutcomes } from '../../shared/domain';
import { poissonCountInterval } from '../stats/distributions';
import { monthNumber, outcomeCount, type PanelRow } from './panel';

export const DOSE_BUCKETS: ReadonlyArray<{ label: string; lower: number; upper: number | null }> = [
  { label: '0–10%', lower: 0, upper: 0.1 },
  { label: '10–25%', lower: 0.1, upper: 0.25 },
  { label: '25–50%', lower: 0.25, upper: 0.5 },
  { label: '50%+', lower: 0.5, upper: null },
];

/** A bucket with fewer team-months than this gets a warning. */
export const MIN_BUCKET_TEAM_MONTHS = 10;

export function doseResponse(panel: readonly PanelRow[], options: { firstMonth?: string | null } = {}): Omit<DoseResponseReport, 'range'> {
  const first = options.firstMonth ? monthNumber(options.firstMonth) : -Infinity;
  const rows = panel.filter((r) => r.mergedPrs > 0 && monthNumber(r.month) >= first);
  const warnings: string[] = [];
  const buckets: DoseResponseBucket[] = DOSE_BUCKETS.map((b) => {
    const inBucket = rows.filter((r) => r.aiShare >= b.lower && (b.upper === null || r.aiShare < b.upper));
    const mergedPrs = inBucket.reduce((s, r) => s + r.mergedPrs, 0);
    const addedLines = inBucket.reduce((s, r) => s + r.addedLines, 0);
    const aiLines = inBucket.reduce((s, r) => s + r.addedLines * r.aiShare, 0);
    if (inBucket.length < MIN_BUCKET_TEAM_MONTHS) warnings.push(`Bucket ${b.label} has only ${inBucket.length} team-months: its rates are rough.`);
    return {
      label: b.label,
      lower: b.lower,
      upper: b.upper,
      teamMonths: inBucket.length,
      mergedPrs,
      meanAiShare: addedLines > 0 ? aiLines / addedLines : null,
      outcomes: effectOutcomes.map((o) => cell(inBucket, o, mergedPrs)),
    };
  });
  return {
    buckets,
    method:
      'Team-months grouped by their AI share; rate = outcomes / merged PRs × 100 within the bucket. 90% interval: exact Poisson (Garwood) ' +
      'interval widened by the overdispersion across the bucket’s team-months (quasi-Poisson). Not adjusted for team or month: see the effect estimates for that.',
    warnings,
  };
}

function cell(rows: readonly PanelRow[], outcome: EffectOutcome, mergedPrs: number): DoseResponseCell {
  const count = rows.reduce((s, r) => s + outcomeCount(r, outcome), 0);
  if (!(mergedPrs > 0)) return { outcome, count, per100: null, ci90: null, dispersion: null };
  const rate = count / mergedPrs;
  let dispersion = 1;
  if (rows.length > 1 && rate > 0) {
    let x2 = 0;
    for (const r of rows) {
      const expected = r.mergedPrs * rate;
      x2 += (outcomeCount(r, outcome) - expected) ** 2 / expected;
    }
    dispersion = Math.max(1, x2 / (rows.length - 1));
  }
  const [lo, hi] = poissonCountInterval(count / dispersion, 0.9);
  const scale = (100 * dispersion) / mergedPrs;
  return { outcome, count, per100: 100 * rate, ci90: [lo * scale, hi * scale], dispersion };
}
