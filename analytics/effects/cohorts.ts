/**
 * AI-assisted vs non-AI merged PRs (product.md §7 "cohort comparisons with intervals"): review wait,
 * time to merge and size as medians with bootstrap intervals; revert, linked-bug and linked-incident
 * rates with Wilson intervals; and the AI / non-AI ratio of each with its interval. One SQL query
 * (cohorts.sql) pulls the per-PR rows; the intervals are computed here.
 *
 * Cohorts are descriptive: AI-assisted PRs differ in other ways too (authors, repos, sizes), and PRs
 * of one team are not independent, so these intervals are narrower than the causal uncertainty —
 * the effect model (estimate.ts) is the adjusted estimate.
 */
import type { CohortComparison, CohortMetric, CohortValue, Interval90 } from '../../shared/domain';
import { normalQuantile, quantileSorted, regularizedBeta, wilsonInterval } from '../stats/distributions';
import { Rng } from '../stats/random';

export interface CohortRow {
  ai: boolean;
  review_wait_hours: number | null;
  time_to_merge_hours: number | null;
  size_lines: number | null;
  reverted: boolean;
  bug_linked: boolean;
  incident_linked: boolean;
}

const MEDIANS: ReadonlyArray<{ metric: CohortMetric; label: string; unit: 'hours' | 'lines'; key: 'review_wait_hours' | 'time_to_merge_hours' | 'size_lines' }> = [
  { metric: 'review_wait_hours', label: 'Wait for first review (median)', unit: 'hours', key: 'review_wait_hours' },
  { metric: 'time_to_merge_hours', label: 'Time to merge (median)', unit: 'hours', key: 'time_to_merge_hours' },
  { metric: 'size_lines', label: 'Size, added + deleted lines (median)', unit: 'lines', key: 'size_lines' },
];

const RATES: ReadonlyArray<{ metric: CohortMetric; label: string; key: 'reverted' | 'bug_linked' | 'incident_linked' }> = [
  { metric: 'revert_rate', label: 'Reverted', key: 'reverted' },
  { metric: 'linked_bug_rate', label: 'Linked to a Jira bug (mostly bug fixes)', key: 'bug_linked' },
  { metric: 'linked_incident_rate', label: 'Linked to an incident (directly or by its deployment)', key: 'incident_linked' },
];

/** A cohort with fewer PRs than this gets a warning. */
export const MIN_COHORT_PRS = 30;

const Z90 = normalQuantile(0.95);

export function compareCohorts(rows: readonly CohortRow[], options: { seed: number; bootstrap: number }): { comparisons: CohortComparison[]; warnings: string[] } {
  const ai = rows.filter((r) => r.ai);
  const nonAi = rows.filter((r) => !r.ai);
  const warnings: string[] = [];
  if (ai.length < MIN_COHORT_PRS) warnings.push(`Only ${ai.length} merged PRs with AI evidence: the AI cohort is too small for firm comparisons.`);
  if (nonAi.length < MIN_COHORT_PRS) warnings.push(`Only ${nonAi.length} merged PRs without AI evidence: the non-AI cohort is too small for firm comparisons.`);
  const rng = Rng.seeded(options.seed).fork('cohorts');
  const comparisons: CohortComparison[] = [];
  for (const m of MEDIANS) {
    const a = sortedValues(ai, m.key);
    const b = sortedValues(nonAi, m.key);
    const ratio = ratioOfMedians(a, b, options.bootstrap, rng.fork(m.metric));
    comparisons.push({
      metric: m.metric,
      label: m.label,
      kind: 'median',
      unit: m.unit,
      ai: medianValue(a),
      nonAi: medianValue(b),
      ratio: ratio.ratio,
      ratioCi90: ratio.ci90,
      method:
        'Median with a 90% percentile bootstrap interval, computed from the exact bootstrap distribution of the median (Efron 1979); ' +
        `ratio of medians AI / non-AI from ${options.bootstrap} seeded bootstrap draws of each cohort's median (seed ${options.seed}).`,
    });
  }
  for (const r of RATES) {
    const a = rateValue(ai, r.key);
    const b = rateValue(nonAi, r.key);
    comparisons.push({
      metric: r.metric,
      label: r.label,
      kind: 'rate',
      unit: 'share',
      ai: a,
      nonAi: b,
      ...riskRatio(a, b),
      method: 'Share of PRs with a 90% Wilson interval; ratio AI / non-AI with the Katz log interval.',
    });
  }
  return { comparisons, warnings };
}

function sortedValues(rows: readonly CohortRow[], key: 'review_wait_hours' | 'time_to_merge_hours' | 'size_lines'): Float64Array {
  const values: number[] = [];
  for (const r of rows) {
    const v = r[key];
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  return Float64Array.from(values).sort();
}

/**
 * The bootstrap distribution of the median, exactly (Efron, "Bootstrap methods: another look at the
 * jackknife", Ann. Statist. 7(1), 1979, §3): a resample of n values has (lower) median ≤ x_(k) iff at
 * least m = ⌈n/2⌉ of its draws are among the k smallest, so P = I_{k/n}(m, n − m + 1) (regularised
 * incomplete beta). Returns the smallest order statistic whose probability reaches p.
 */
function bootstrapMedianQuantile(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const m = Math.ceil(n / 2);
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const k = (lo + hi) >> 1;
    if (regularizedBeta(k / n, m, n - m + 1) >= p) hi = k;
    else lo = k + 1;
  }
  return sorted[lo - 1]!;
}

function medianValue(sorted: Float64Array): CohortValue {
  if (sorted.length === 0) return { value: null, ci90: null, n: 0 };
  return {
    value: quantileSorted(sorted, 0.5),
    ci90: [bootstrapMedianQuantile(sorted, 0.05), bootstrapMedianQuantile(sorted, 0.95)],
    n: sorted.length,
  };
}

function ratioOfMedians(a: Float64Array, b: Float64Array, reps: number, rng: Rng): { ratio: number | null; ci90: Interval90 | null } {
  const ma = a.length > 0 ? quantileSorted(a, 0.5) : NaN;
  const mb = b.length > 0 ? quantileSorted(b, 0.5) : NaN;
  if (!(ma >= 0) || !(mb > 0)) return { ratio: null, ci90: null };
  const ratios: number[] = [];
  for (let r = 0; r < reps; r++) {
    const da = bootstrapMedianQuantile(a, rng.uniform());
    const db = bootstrapMedianQuantile(b, rng.uniform());
    if (db > 0) ratios.push(da / db);
  }
  ratios.sort((x, y) => x - y);
  return { ratio: ma / mb, ci90: ratios.length >= 2 ? [quantileSorted(ratios, 0.05), quantileSorted(ratios, 0.95)] : null };
}

function rateValue(rows: readonly CohortRow[], key: 'reverted' | 'bug_linked' | 'incident_linked'): CohortValue {
  const n = rows.length;
  let count = 0;
  for (const r of rows) if (r[key]) count++;
  return { value: n > 0 ? count / n : null, ci90: wilsonInterval(count, n, 0.9), n, count };
}

/** Katz et al. (Biometrics 34, 1978) log interval for a ratio of two proportions. */
function riskRatio(a: CohortValue, b: CohortValue): { ratio: number | null; ratioCi90: Interval90 | null } {
  const x = a.count ?? 0;
  const y = b.count ?? 0;
  if (!(a.n > 0) || !(b.n > 0) || y === 0) return { ratio: null, ratioCi90: null };
  const ratio = x / a.n / (y / b.n);
  if (x === 0) return { ratio, ratioCi90: null };
  const se = Math.sqrt(1 / x - 1 / a.n + 1 / y - 1 / b.n);
  return { ratio, ratioCi90: [ratio * Math.exp(-Z90 * se), ratio * Math.exp(Z90 * se)] };
}
