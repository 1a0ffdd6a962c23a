/**
 * The team × month panel: the unit of the statistics (product.md §7) and of the scenario baseline.
 * One row for every team of the teams table and every month of the range, zeros where nothing
 * happened. Definitions: docs/metrics.md; the SQL shares common.sql with every other metric.
 */
import type { DateRange } from '../../shared/domain';
import type { Workspace } from '../workspace/workspace';
import panelSql from './panel.sql';
import { metricBounds, runMetricQuery } from './query';

export interface TeamMonthRow {
  team: string;
  /** YYYY-MM */
  month: string;
  /** PRs merged in the month, by the PR's team (repo's team, else author's team). */
  mergedPrs: number;
  /** Added lines of those PRs (a PR without a line count adds 0). */
  addedLines: number;
  /** Line-weighted AI share of those PRs, 0..1; 0 when no lines were merged. */
  aiShare: number;
  /** Incidents created in the month on the team's services. */
  incidents: number;
  /** Jira bugs created in the month in the team's projects/components. */
  bugs: number;
  /** Revert PRs merged in the month. */
  reverts: number;
  /** Changes of the month (see `deployments`) followed by a linked incident, revert or hotfix within the window. */
  changeFailures: number;
  /**
   * Changes shipped in the month: successful production deployments, plus merged PRs of repos that
   * have no production deployments (each such merge is its release). changeFailures / deployments
   * is the change failure rate.
   */
  deployments: number;
  /** Help-desk tickets created in the month whose tags name the team (a service, project or the team). */
  tickets: number;
}

interface PanelSqlRow {
  team: string;
  month: string;
  merged_prs: number;
  added_lines: number;
  ai_share: number;
  incidents: number;
  bugs: number;
  reverts: number;
  change_failures: number;
  deployments: number;
  tickets: number;
}

/** Team × month panel over `range` (default: the data's whole range); [] for an empty workspace. */
export async function teamMonthPanel(ws: Workspace, range?: DateRange): Promise<TeamMonthRow[]> {
  const bounds = await metricBounds(ws, range ?? {});
  if (!bounds) return [];
  const rows = await runMetricQuery<PanelSqlRow>(ws, panelSql, { bounds, grain: 'month' });
  return rows.map((r) => ({
    team: r.team,
    month: r.month,
    mergedPrs: r.merged_prs,
    addedLines: r.added_lines,
    // DuckDB's parallel sums may differ in the last bit between reads: round so every consumer
    // (effects, scenarios) is bit-for-bit reproducible.
    aiShare: Math.round(r.ai_share * 1e12) / 1e12,
    incidents: r.incidents,
    bugs: r.bugs,
    reverts: r.reverts,
    changeFailures: r.change_failures,
    deployments: r.deployments,
    tickets: r.tickets,
  }));
}
