/**
 * AI-assisted vs non-AI merged PRs (product.md §7 "cohort comparisons with intervals"): review wait,
 * time to merge and size as medians with bootstrap intervals; revert, linked-bug and linked-incident
 * rates with Wilson intervals; and the AI / non-AI ratio of each with its interval.
 *
 * The statistics read each cohort's sorted values only at a few positions (the median, and the
 * bootstrap medians, which are order statistics whose positions depend on the cohort size and the
 * seed only), so a workspace does not ship every PR here: `planCohortValues` names the positions,
 * cohort-data.ts fetches just those values, and `compareCohortSamples` computes the same numbers
 * `compareCohorts` computes from all the rows.
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

export type CohortMedianKey = 'review_wait_hours' | 'time_to_merge_hours' | 'size_lines';
export type CohortRateKey = 'reverted' | 'bug_linked' | 'incident_linked';

const MEDIANS: ReadonlyArray<{ metric: CohortMetric; label: string; unit: 'hours' | 'lines'; key: CohortMedianKey }> = [
  { metric: 'review_wait_hours', label: 'Wait for first review (median)', unit: 'hours', key: 'review_wait_hours' },
  { metric: 'time_to_merge_hours', label: 'Time to merge (median)', unit: 'hours', key: 'time_to_merge_hours' },
  { metric: 'size_lines', label: 'Size, added + deleted lines (median)', unit: 'lines', key: 'size_lines' },
];

export const COHORT_MEDIAN_KEYS: readonly CohortMedianKey[] = MEDIANS.map((m) => m.key);

const RATES: ReadonlyArray<{ metric: CohortMetric; label: string; key: CohortRateKey }> = [
  { metric: 'revert_rate', label: 'Reverted', key: 'reverted' },
  { metric: 'linked_bug_rate', label: 'Linked to a Jira bug (mostly bug fixes)', key: 'bug_linked' },
  { metric: 'linked_incident_rate', label: 'Linked to an incident (directly or by its deployment)', key: 'incident_linked' },
];

/** A cohort with fewer PRs than this gets a warning. */
export const MIN_COHORT_PRS = 30;

const Z90 = normalQuantile(0.95);

/**
 * One cohort as the statistics read it: its merged PRs, how many of them had each rated event, and
 * per median metric its known values sorted ascending. A sorted list only needs the entries the
 * statistics read (`planCohortValues`); `length` is always the number of values.
 */
export interface CohortSample {
  prs: number;
  counts: Readonly<Record<CohortRateKey, number>>;
  sorted: Readonly<Record<CohortMedianKey, ArrayLike<number>>>;
}

/** Cohort sizes alone: merged PRs and the number of known values of each median metric. */
export interface CohortSizes {
  prs: number;
  values: Readonly<Record<CohortMedianKey, number>>;
}

export interface CohortOptions {
  seed: number;
  bootstrap: number;
}

/**
 * P(bootstrap median ≤ x_(k)) by sample size n and position k, kept for one comparison: the bootstrap
 * draws of a median search the same few positions over and over.
 */
export type MedianCdfCache = Map<number, Map<number, number>>;

export function compareCohorts(rows: readonly CohortRow[], options: CohortOptions): { comparisons: CohortComparison[]; warnings: string[] } {
  return compareCohortSamples(sampleOf(rows.filter((r) => r.ai)), sampleOf(rows.filter((r) => !r.ai)), options);
}

export function compareCohortSamples(
  ai: CohortSample,
  nonAi: CohortSample,
  options: CohortOptions,
  cache: MedianCdfCache = new Map(),
): { comparisons: CohortComparison[]; warnings: string[] } {
  const warnings: string[] = [];
  if (ai.prs < MIN_COHORT_PRS) warnings.push(`Only ${ai.prs} merged PRs with AI evidence: the AI cohort is too small for firm comparisons.`);
  if (nonAi.prs < MIN_COHORT_PRS) warnings.push(`Only ${nonAi.prs} merged PRs without AI evidence: the non-AI cohort is too small for firm comparisons.`);
  const rng = Rng.seeded(options.seed).fork('cohorts');
  const comparisons: CohortComparison[] = [];
  for (const m of MEDIANS) {
    const a = ai.sorted[m.key];
    const b = nonAi.sorted[m.key];
    const ratio = ratioOfMedians(a, b, options.bootstrap, rng.fork(m.metric), cache);
    comparisons.push({
      metric: m.metric,
      label: m.label,
      kind: 'median',
      unit: m.unit,
      ai: medianValue(a, cache),
      nonAi: medianValue(b, cache),
      ratio: ratio.ratio,
      ratioCi90: ratio.ci90,
      method:
        'Median with a 90% percentile bootstrap interval, computed from the exact bootstrap distribution of the median (Efron 1979); ' +
        `ratio of medians AI / non-AI from ${options.bootstrap} seeded bootstrap draws of each cohort's median (seed ${options.seed}).`,
    });
  }
  for (const r of RATES) {
    const a = rateValue(ai.counts[r.key], ai.prs);
    const b = rateValue(nonAi.counts[r.key], nonAi.prs);
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

/**
 * The positions (0-based, in ascending order of value) of each median metric's values that
 * `compareCohortSamples` reads for cohorts of these sizes: found by running it on stand-in lists that
 * note every position read. Pass the same cache to both so the bootstrap searches run once.
 */
export function planCohortValues(
  ai: CohortSizes,
  nonAi: CohortSizes,
  options: CohortOptions,
  cache: MedianCdfCache,
): { ai: Record<CohortMedianKey, number[]>; nonAi: Record<CohortMedianKey, number[]> } {
  const recorder = (sizes: CohortSizes) => {
    const read = Object.fromEntries(COHORT_MEDIAN_KEYS.map((k) => [k, new Set<number>()])) as Record<CohortMedianKey, Set<number>>;
    const sorted = Object.fromEntries(
      COHORT_MEDIAN_KEYS.map((k) => [k, positionRecorder(sizes.values[k], read[k])]),
    ) as Record<CohortMedianKey, ArrayLike<number>>;
    const sample: CohortSample = { prs: sizes.prs, counts: { reverted: 0, bug_linked: 0, incident_linked: 0 }, sorted };
    return { sample, read };
  };
  const a = recorder(ai);
  const b = recorder(nonAi);
  compareCohortSamples(a.sample, b.sample, options, cache);
  const positions = (read: Record<CohortMedianKey, Set<number>>) =>
    Object.fromEntries(COHORT_MEDIAN_KEYS.map((k) => [k, [...read[k]].sort((x, y) => x - y)])) as Record<CohortMedianKey, number[]>;
  return { ai: positions(a.read), nonAi: positions(b.read) };
}

/**
 * A stand-in sorted list of `length` values that notes each position read and answers 1 for it: a
 * positive median, so the plan includes every bootstrap draw (with the real values a comparison may
 * stop early and read fewer).
 */
function positionRecorder(length: number, read: Set<number>): ArrayLike<number> {
  return new Proxy({ length } as ArrayLike<number>, {
    get(target, property) {
      if (property === 'length') return target.length;
      const index = typeof property === 'string' ? Number(property) : NaN;
      if (!Number.isInteger(index) || index < 0 || index >= length) throw new RangeError(`position ${String(property)} of ${length} values`);
      read.add(index);
      return 1;
    },
  });
}

function sampleOf(rows: readonly CohortRow[]): CohortSample {
  const count = (key: CohortRateKey) => rows.reduce((n, r) => (r[key] ? n + 1 : n), 0);
  return {
    prs: rows.length,
    counts: { reverted: count('reverted'), bug_linked: count('bug_linked'), incident_linked: count('incident_linked') },
    sorted: Object.fromEntries(COHORT_MEDIAN_KEYS.map((k) => [k, sortedValues(rows, k)])) as Record<CohortMedianKey, Float64Array>,
  };
}

function sortedValues(rows: readonly CohortRow[], key: CohortMedianKey): Float64Array {
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
function bootstrapMedianQuantile(sorted: ArrayLike<number>, p: number, cache: MedianCdfCache): number {
  const n = sorted.length;
  const m = Math.ceil(n / 2);
  let cdf = cache.get(n);
  if (!cdf) cache.set(n, (cdf = new Map()));
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const k = (lo + hi) >> 1;
    let f = cdf.get(k);
    if (f === undefined) cdf.set(k, (f = regularizedBeta(k / n, m, n - m + 1)));
    if (f >= p) hi = k;
    else lo = k + 1;
  }
  return sorted[lo - 1]!;
}

function medianValue(sorted: ArrayLike<number>, cache: MedianCdfCache): CohortValue {
  if (sorted.length === 0) return { value: null, ci90: null, n: 0 };
  return {
    value: quantileSorted(sorted, 0.5),
    ci90: [bootstrapMedianQuantile(sorted, 0.05, cache), bootstrapMedianQuantile(sorted, 0.95, cache)],
    n: sorted.length,
  };
}

function ratioOfMedians(a: ArrayLike<number>, b: ArrayLike<number>, reps: number, rng: Rng, cache: MedianCdfCache): { ratio: number | null; ci90: Interval90 | null } {
  const ma = a.length > 0 ? quantileSorted(a, 0.5) : NaN;
  const mb = b.length > 0 ? quantileSorted(b, 0.5) : NaN;
  if (!(ma >= 0) || !(mb > 0)) return { ratio: null, ci90: null };
  const ratios: number[] = [];
  for (let r = 0; r < reps; r++) {
    const da = bootstrapMedianQuantile(a, rng.uniform(), cache);
    const db = bootstrapMedianQuantile(b, rng.uniform(), cache);
    if (db > 0) ratios.push(da / db);
  }
  ratios.sort((x, y) => x - y);
  return { ratio: ma / mb, ci90: ratios.length >= 2 ? [quantileSorted(ratios, 0.05), quantileSorted(ratios, 0.95)] : null };
}

function rateValue(count: number, n: number): CohortValue {
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
