import { useMemo, useState } from 'react';
import { Filters } from '../components/Filters';
import { Sparkline } from '../components/Sparkline';
import { EmptyState, Loading, ViewError, ViewHeader } from '../components/states';
import { formatCount, formatDateRange, formatRate, formatShare } from '../lib/format';
import { sortRows, type SortDirection } from '../lib/sort';
import { teamTrendRows } from '../lib/teams';
import { useAppStore } from '../store/react';
import { useAnalysisRange, useQuery } from './analysis-hooks';

type SortKey = 'name' | 'engineers' | 'mergedPrs' | 'aiShare' | 'incidentsPer100Prs' | 'changeFailureRate';
type Column = { key: SortKey; label: string; numeric: boolean };

const columns: Column[] = [
  { key: 'name', label: 'Team', numeric: false },
  { key: 'engineers', label: 'Engineers', numeric: true },
  { key: 'mergedPrs', label: 'Merged PRs', numeric: true },
  { key: 'aiShare', label: 'AI share', numeric: true },
  { key: 'incidentsPer100Prs', label: 'Incidents per 100 PRs', numeric: true },
  { key: 'changeFailureRate', label: 'Change failure rate', numeric: true },
];

export function TeamsView() {
  const range = useAnalysisRange();
  const teams = useQuery('teams:list', range, 'teams-list');
  const series = useQuery('metrics:series', { grain: 'month', by: 'team', ...range }, 'series-by-team');
  const focusTeam = useAppStore((s) => s.focusTeam);
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({ key: 'name', direction: 'asc' });
  const rows = useMemo(() => (teams.data ? sortRows(teamTrendRows(teams.data, series.data?.rows ?? []), sort.key, sort.direction) : []), [teams.data, series.data, sort]);
  const months = useMemo(() => [...new Set((series.data?.rows ?? []).map((r) => r.period))].sort(), [series.data]);
  const span = months.length > 0 ? formatDateRange(months[0], months[months.length - 1]) : '';

  const toggle = (column: Column) =>
    setSort((s) => (s.key === column.key ? { key: column.key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key: column.key, direction: column.numeric ? 'desc' : 'asc' }));

  let body;
  if (!teams.data && teams.status === 'error') body = <ViewError error={teams.error} onRetry={teams.reload} />;
  else if (!teams.data) body = <Loading label="Loading teams…" />;
  else if (teams.data.length === 0)
    body = (
      <EmptyState icon="teams" title="No teams in this workspace yet">
        <p className="state-text">Teams come from the org map: people, repos and services mapped to teams. Map them on the Data view, or import an org-map CSV.</p>
      </EmptyState>
    );
  else
    body = (
      <div className={teams.stale || series.stale ? 'table-card is-stale' : 'table-card'}>
        <table className="table teams-table">
          <caption className="visually-hidden">Teams with monthly trends. Choose a team to filter every view to it.</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined} aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}>
                  <button type="button" className="sort-button" onClick={() => toggle(c)}>
                    {c.label}
                    <span className="sort-indicator" aria-hidden="true">
                      {sort.key === c.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.teamId} data-testid="team-row" data-team={t.teamId} className="team-row" onClick={() => focusTeam(t.teamId)}>
                <th scope="row" className="team-name">
                  <button type="button" className="team-link" data-testid="team-open" onClick={(e) => {
                      e.stopPropagation();
                      focusTeam(t.teamId);
                    }} aria-label={`Filter every view to team ${t.name} and open the Overview`}>
                    {t.name}
                  </button>
                  <span className="cell-sub">{formatCount(t.repos)} repos</span>
                </th>
                <td className="num tabular">{formatCount(t.engineers)}</td>
                <TrendCell value={formatCount(t.mergedPrs)} values={t.trend.mergedPrs} tone="prs" label={`Merged PRs of ${t.name} by month`} min={0} />
                <TrendCell value={formatShare(t.aiShare)} values={t.trend.aiShare} tone="ai" label={`AI share of ${t.name} by month`} min={0} max={1} />
                <TrendCell value={formatRate(t.incidentsPer100Prs)} values={t.trend.incidentsPer100Prs} tone="incidents" label={`Incidents per 100 PRs of ${t.name} by month`} min={0} />
                <TrendCell value={formatShare(t.changeFailureRate)} values={t.trend.changeFailureRate} tone="cfr" label={`Change failure rate of ${t.name} by month`} min={0} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );

  return (
    <section className="view" data-testid="view-teams" aria-busy={teams.status === 'loading' || series.status === 'loading'}>
      <ViewHeader title="Teams" actions={<Filters teamFilter={false} />}>
        One row per team{span ? `, ${span}` : ''}: totals over the period and the monthly trend beside them. Choose a team to filter every view to it.
      </ViewHeader>
      {body}
    </section>
  );
}

function TrendCell({ value, values, tone, label, min, max }: { value: string; values: (number | null)[]; tone: 'ai' | 'incidents' | 'prs' | 'cfr'; label: string; min?: number; max?: number }) {
  return (
    <td className="num">
      <span className="trend-cell">
        {values.length > 1 ? <Sparkline values={values} tone={tone} label={label} {...(min !== undefined ? { min } : {})} {...(max !== undefined ? { max } : {})} /> : null}
        <span className="trend-value tabular">{value}</span>
      </span>
    </td>
  );
}
