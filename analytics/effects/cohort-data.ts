/**
 * The cohorts of merged PRs in a range, read from the metric facts as the comparison needs them
 * (cohorts.ts): counts for the rates, and for the medians only the values at the positions the
 * statistics read — a few hundred per metric, found through value ranks precomputed with the facts
 * (facts.sql, __metric_cohort_value), instead of every PR's row.
 */
import type { MetricBounds } from '../metrics/query';
import { runFactsQuery } from '../metrics/query';
import type { Workspace } from '../workspace/workspace';
import { COHORT_MEDIAN_KEYS, planCohortValues, type CohortMedianKey, type CohortOptions, type CohortSample, type CohortSizes, type MedianCdfCache } from './cohorts';
import cohortRanksSql from './cohort-ranks.sql';
import cohortValuesSql from './cohort-values.sql';
import cohortsSql from './cohorts.sql';

interface CountsRow {
  ai: boolean;
  prs: number;
  reverted: number;
  bug_linked: number;
  incident_linked: number;
}

/** Metrics by code (facts.sql numbers them in this order). */
const metricOf = (code: number): CohortMedianKey => COHORT_MEDIAN_KEYS[code]!;

interface BlockRow {
  metric: number;
  ai: boolean;
  block: number;
  n: number;
}

interface ValueRow {
  metric: number;
  ai: boolean;
  block: number;
  position: number;
  value: number;
}

type Cohort = 'ai' | 'nonAi';
const cohortOf = (ai: boolean): Cohort => (ai ? 'ai' : 'nonAi');

/** The AI and non-AI cohorts of PRs merged in `bounds`, with every value the comparison will read. */
export async function cohortSamples(
  ws: Workspace,
  bounds: MetricBounds,
  options: CohortOptions,
  cache: MedianCdfCache,
): Promise<Record<Cohort, CohortSample>> {
  const range = { from: bounds.from, to: bounds.to };
  const counts = await runFactsQuery<CountsRow>(ws, cohortsSql, range);
  const blockRows = await runFactsQuery<BlockRow>(ws, cohortRanksSql, range);

  // Per cohort and metric: the blocks in rank order with their counts in the range.
  const blocks: Record<Cohort, Record<CohortMedianKey, Array<{ block: number; before: number; n: number }>>> = {
    ai: emptyByMetric(() => []),
    nonAi: emptyByMetric(() => []),
  };
  for (const r of blockRows) {
    const list = blocks[cohortOf(r.ai)][metricOf(r.metric)];
    const last = list.at(-1);
    list.push({ block: r.block, before: last ? last.before + last.n : 0, n: r.n });
  }
  const sizes = (cohort: Cohort): CohortSizes => {
    const row = counts.find((c) => cohortOf(c.ai) === cohort);
    const values = emptyByMetric((k) => {
      const last = blocks[cohort][k].at(-1);
      return last ? last.before + last.n : 0;
    });
    return { prs: row?.prs ?? 0, values };
  };
  const plan = planCohortValues(sizes('ai'), sizes('nonAi'), options, cache);

  // The block and position within it of every value the plan reads (position k of the range's
  // sorted values is in the block whose running count first reaches k + 1).
  const wanted = { metrics: [] as number[], ai: [] as number[], blocks: [] as number[], positions: [] as number[] };
  const slot = new Map<string, { cohort: Cohort; metric: CohortMedianKey; index: number }>();
  for (const cohort of ['ai', 'nonAi'] as const) {
    for (const metric of COHORT_MEDIAN_KEYS) {
      const list = blocks[cohort][metric];
      let b = 0;
      for (const index of plan[cohort][metric]) {
        while (list[b]!.before + list[b]!.n <= index) b++;
        const { block, before } = list[b]!;
        const position = index - before + 1;
        wanted.metrics.push(COHORT_MEDIAN_KEYS.indexOf(metric));
        wanted.ai.push(cohort === 'ai' ? 1 : 0);
        wanted.blocks.push(block);
        wanted.positions.push(position);
        slot.set(`${metric}|${cohort}|${block}|${position}`, { cohort, metric, index });
      }
    }
  }
  const sorted: Record<Cohort, Record<CohortMedianKey, Record<number, number> & { length: number }>> = {
    ai: emptyByMetric((k) => ({ length: sizes('ai').values[k] })),
    nonAi: emptyByMetric((k) => ({ length: sizes('nonAi').values[k] })),
  };
  if (wanted.positions.length > 0) {
    const values = await runFactsQuery<ValueRow>(ws, cohortValuesSql, { ...range, ...wanted });
    for (const v of values) {
      const s = slot.get(`${metricOf(v.metric)}|${cohortOf(v.ai)}|${v.block}|${v.position}`);
      if (s) sorted[s.cohort][s.metric][s.index] = v.value;
    }
    if (values.length !== wanted.positions.length) {
      throw new Error(`cohort values: ${values.length} of ${wanted.positions.length} positions found`);
    }
  }
  const sample = (cohort: Cohort): CohortSample => {
    const row = counts.find((c) => cohortOf(c.ai) === cohort);
    return {
      prs: row?.prs ?? 0,
      counts: { reverted: row?.reverted ?? 0, bug_linked: row?.bug_linked ?? 0, incident_linked: row?.incident_linked ?? 0 },
      sorted: sorted[cohort],
    };
  };
  return { ai: sample('ai'), nonAi: sample('nonAi') };
}

function emptyByMetric<T>(make: (key: CohortMedianKey) => T): Record<CohortMedianKey, T> {
  return Object.fromEntries(COHORT_MEDIAN_KEYS.map((k) => [k, make(k)])) as Record<CohortMedianKey, T>;
}
