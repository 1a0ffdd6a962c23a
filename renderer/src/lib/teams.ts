/** The Teams view's rows: each team's totals with its monthly trends. Pure. */
import type { MetricsRow, TeamRow } from '../../../shared/domain';

/** A team's row: the list's totals plus its monthly trends from the series by team. */
export interface TeamTrendRow extends TeamRow {
  incidentsPer100Prs: number | null;
  changeFailureRate: number | null;
  trend: { mergedPrs: number[]; aiShare: (number | null)[]; incidentsPer100Prs: (number | null)[]; changeFailureRate: (number | null)[] };
}

/** Join the team list with the monthly series by team (months in order). Pure. */
export function teamTrendRows(teams: readonly TeamRow[], series: readonly MetricsRow[]): TeamTrendRow[] {
  const byTeam = new Map<string, MetricsRow[]>();
  for (const r of series) if (r.team) byTeam.set(r.team, [...(byTeam.get(r.team) ?? []), r]);
  return teams.map((t) => {
    const rows = [...(byTeam.get(t.teamId) ?? [])].sort((a, b) => (a.period < b.period ? -1 : 1));
    const changes = rows.reduce((a, r) => a + r.changes, 0);
    const failures = rows.reduce((a, r) => a + r.changeFailures, 0);
    return {
      ...t,
      incidentsPer100Prs: t.mergedPrs > 0 ? (100 * t.incidents) / t.mergedPrs : null,
      changeFailureRate: changes > 0 ? failures / changes : null,
      trend: {
        mergedPrs: rows.map((r) => r.mergedPrs),
        aiShare: rows.map((r) => r.aiShare),
        incidentsPer100Prs: rows.map((r) => r.incidentsPer100Prs),
        changeFailureRate: rows.map((r) => r.changeFailureRate),
      },
    };
  });
}
