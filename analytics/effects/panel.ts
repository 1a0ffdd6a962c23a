/**
 * The team × month panel as the estimators see it, and the lagged estimation sample built from it
 * (product.md §7). The rows come from analytics/metrics/panel.ts (`teamMonthPanel`); tests and the
 * benchmark feed simulated panels of the same shape (simulate.ts).
 */
import type { EffectOutcome } from '../../shared/domain';
import type { TeamMonthRow } from '../metrics/panel';

/** One team-month, exactly as `teamMonthPanel` returns it (one definition: analytics/metrics/panel.ts). */
export type PanelRow = TeamMonthRow;

export function outcomeCount(row: PanelRow, outcome: EffectOutcome): number {
  switch (outcome) {
    case 'incidents':
      return row.incidents;
    case 'bugs':
      return row.bugs;
    case 'reverts':
      return row.reverts;
    case 'change_failures':
      return row.changeFailures;
  }
}

export const OUTCOME_LABEL: Readonly<Record<EffectOutcome, string>> = {
  incidents: 'incidents',
  bugs: 'bugs',
  reverts: 'reverts',
  change_failures: 'change failures',
};

/** 'YYYY-MM' → months since year 0 (consecutive months differ by 1). */
export function monthNumber(month: string): number {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (!/^\d{4}-\d{2}$/.test(month) || m < 1 || m > 12) throw new Error(`not a YYYY-MM month: ${month}`);
  return y * 12 + (m - 1);
}

export function monthLabelOf(n: number): string {
  const y = Math.floor(n / 12);
  return `${String(y).padStart(4, '0')}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/**
 * The estimation sample: team-months with merged PRs whose lagged AI shares are all known, in a
 * columnar layout the design builder and the bootstrap reuse.
 */
export interface LaggedSample {
  n: number;
  /** Teams and months that have at least one row, sorted. */
  teams: string[];
  months: string[];
  team: Int32Array;
  month: Int32Array;
  mergedPrs: Float64Array;
  /** log(merged PRs): the exposure offset. */
  logExposure: Float64Array;
  /** shares[l][i] = the team's AI share l months before row i's month. */
  shares: Float64Array[];
  counts: Record<EffectOutcome, Float64Array>;
  /** Team-months dropped because the team had no merged PRs that month. */
  droppedNoPrs: number;
  /** Team-months dropped because an earlier month needed for a lag is outside the panel. */
  droppedNoLag: number;
}

export interface LaggedSampleOptions {
  /** Highest lag (default 2: lags 0, 1, 2). */
  maxLag?: number;
  /** Keep only outcome months ≥ this (YYYY-MM); earlier months still supply lags. */
  firstMonth?: string | null;
}

/**
 * Build the lagged sample: AI share at lags 0..maxLag taken within team from the calendar months
 * before (a month missing from the panel makes the row unusable), then rows with no merged PRs are
 * dropped (no exposure).
 */
export function laggedSample(panel: readonly PanelRow[], options: LaggedSampleOptions = {}): LaggedSample {
  const maxLag = options.maxLag ?? 2;
  const first = options.firstMonth ? monthNumber(options.firstMonth) : -Infinity;
  const byKey = new Map<string, PanelRow>();
  for (const r of panel) byKey.set(`${r.team}\u0000${monthNumber(r.month)}`, r);
  const kept: Array<{ row: PanelRow; shares: number[] }> = [];
  let droppedNoPrs = 0;
  let droppedNoLag = 0;
  const sorted = [...panel].sort((a, b) => (a.team < b.team ? -1 : a.team > b.team ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  for (const row of sorted) {
    const t = monthNumber(row.month);
    if (t < first) continue;
    const shares: number[] = [];
    for (let l = 0; l <= maxLag; l++) {
      const earlier = l === 0 ? row : byKey.get(`${row.team}\u0000${t - l}`);
      if (!earlier) break;
      shares.push(clampShare(earlier.aiShare));
    }
    if (shares.length <= maxLag) {
      droppedNoLag++;
      continue;
    }
    if (!(row.mergedPrs > 0)) {
      droppedNoPrs++;
      continue;
    }
    kept.push({ row, shares });
  }
  const teams = [...new Set(kept.map((k) => k.row.team))].sort();
  const months = [...new Set(kept.map((k) => k.row.month))].sort();
  const teamIndex = new Map(teams.map((t, i) => [t, i]));
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const n = kept.length;
  const sample: LaggedSample = {
    n,
    teams,
    months,
    team: new Int32Array(n),
    month: new Int32Array(n),
    mergedPrs: new Float64Array(n),
    logExposure: new Float64Array(n),
    shares: Array.from({ length: maxLag + 1 }, () => new Float64Array(n)),
    counts: { incidents: new Float64Array(n), bugs: new Float64Array(n), reverts: new Float64Array(n), change_failures: new Float64Array(n) },
    droppedNoPrs,
    droppedNoLag,
  };
  kept.forEach(({ row, shares }, i) => {
    sample.team[i] = teamIndex.get(row.team)!;
    sample.month[i] = monthIndex.get(row.month)!;
    sample.mergedPrs[i] = row.mergedPrs;
    sample.logExposure[i] = Math.log(row.mergedPrs);
    shares.forEach((s, l) => (sample.shares[l]![i] = s));
    sample.counts.incidents[i] = row.incidents;
    sample.counts.bugs[i] = row.bugs;
    sample.counts.reverts[i] = row.reverts;
    sample.counts.change_failures[i] = row.changeFailures;
  });
  return sample;
}

function clampShare(s: number): number {
  if (!Number.isFinite(s)) return 0;
  return roundShare(Math.min(1, Math.max(0, s)));
}

/**
 * AI shares rounded to 1e-12. DuckDB sums doubles in parallel, in an order that varies from run to
 * run, so a share can differ in its last bit between two reads of the same data; rounding keeps the
 * estimates (and their bootstrap) bit-for-bit deterministic for a given seed.
 */
export function roundShare(s: number): number {
  return Math.round(s * 1e12) / 1e12;
}

/** The panel with stable AI shares (see roundShare): what every analysis reads from the workspace. */
export function stablePanel(rows: readonly PanelRow[]): PanelRow[] {
  return rows.map((r) => ({ ...r, aiShare: roundShare(r.aiShare) }));
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function standardDeviation(values: ArrayLike<number>, weights?: ArrayLike<number>): number {
  let sw = 0;
  let mean = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i]! : 1;
    if (w === 0) continue;
    sw += w;
    mean += w * values[i]!;
  }
  if (sw < 2) return 0;
  mean /= sw;
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i]! : 1;
    if (w !== 0) ss += w * (values[i]! - mean) ** 2;
  }
  return Math.sqrt(ss / (sw - 1));
}
