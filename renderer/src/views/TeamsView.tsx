import { useMemo, useState } from 'react';
import type { TeamRow } from '../../../shared/domain';
import { EmptyState, Loading, ViewError, ViewHeader } from '../components/states';
import { formatCount, formatDateRange, formatShare } from '../lib/format';
import { sortRows, type SortDirection } from '../lib/sort';
import { useAppStore } from '../store/react';
import { useTeams } from './hooks';

type Column = { key: keyof TeamRow; label: string; numeric: boolean };

const columns: Column[] = [
  { key: 'name', label: 'Team', numeric: false },
  { key: 'engineers', label: 'Engineers', numeric: true },
  { key: 'repos', label: 'Repos', numeric: true },
  { key: 'mergedPrs', label: 'Merged PRs', numeric: true },
  { key: 'aiShare', label: 'AI share', numeric: true },
  { key: 'incidents', label: 'Incidents', numeric: true },
];

export function TeamsView() {
  const teams = useTeams();
  const reload = useAppStore((s) => s.loadTeams);
  const from = useAppStore((s) => s.app.workspace?.from ?? null);
  const to = useAppStore((s) => s.app.workspace?.to ?? null);
  const [sort, setSort] = useState<{ key: keyof TeamRow; direction: SortDirection }>({ key: 'name', direction: 'asc' });
  const rows = useMemo(() => (teams.data ? sortRows(teams.data, sort.key, sort.direction) : []), [teams.data, sort]);

  const toggle = (column: Column) =>
    setSort((s) =>
      s.key === column.key ? { key: column.key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key: column.key, direction: column.numeric ? 'desc' : 'asc' },
    );

  let body;
  if (!teams.data && teams.status === 'error') body = <ViewError error={teams.error} onRetry={() => void reload(true)} />;
  else if (!teams.data) body = <Loading label="Loading teams…" />;
  else if (teams.data.length === 0)
    body = (
      <EmptyState icon="teams" title="No teams in this workspace yet">
        <p className="state-text">Teams come from the org map (people, repos and services mapped to teams). Editing the org map is not available in this version.</p>
      </EmptyState>
    );
  else
    body = (
      <div className="table-card">
        <table className="table">
          <caption className="visually-hidden">Teams, sortable by any column</caption>
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
              <tr key={t.teamId} data-testid="team-row">
                <th scope="row" className="team-name">
                  {t.name}
                </th>
                <td className="num tabular">{formatCount(t.engineers)}</td>
                <td className="num tabular">{formatCount(t.repos)}</td>
                <td className="num tabular">{formatCount(t.mergedPrs)}</td>
                <td className="num tabular">
                  <span className="share-cell">
                    <span className="share-bar" aria-hidden="true">
                      <span className="share-fill" style={{ width: `${Math.round((t.aiShare ?? 0) * 100)}%` }} />
                    </span>
                    <span className="share-value">{formatShare(t.aiShare)}</span>
                  </span>
                </td>
                <td className="num tabular">{formatCount(t.incidents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );

  const range = formatDateRange(from, to);
  return (
    <section className="view" data-testid="view-teams" aria-busy={teams.status === 'loading'}>
      <ViewHeader title="Teams">
        Headcount, repositories and activity per team{range ? `, ${range}` : ''}. AI share is the AI-attributed share of added lines in merged PRs.
      </ViewHeader>
      {body}
    </section>
  );
}
