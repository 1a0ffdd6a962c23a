/** The global filters of the analysis views: period and team. One state for every view (store/filters-slice.ts). */
import { useId } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { presetLabels, selectTeam, type RangePreset } from '../store/filters-slice';
import { useAppStore } from '../store/react';
import { useTeams } from '../views/hooks';
import { Icon } from './icons';

const presets: RangePreset[] = ['all', 'last12', 'last6', 'last3', 'custom'];

export function Filters({ teamFilter = true }: { teamFilter?: boolean }) {
  const { preset, fromMonth, toMonth } = useAppStore(useShallow((s) => ({ preset: s.filters.preset, fromMonth: s.filters.fromMonth, toMonth: s.filters.toMonth })));
  const team = useAppStore(selectTeam);
  const wsFrom = useAppStore((s) => s.app.workspace?.from?.slice(0, 7) ?? undefined);
  const wsTo = useAppStore((s) => s.app.workspace?.to?.slice(0, 7) ?? undefined);
  const setRangePreset = useAppStore((s) => s.setRangePreset);
  const setCustomRange = useAppStore((s) => s.setCustomRange);
  const setTeam = useAppStore((s) => s.setTeam);
  const teams = useTeams();
  const id = useId();

  const teamKnown = !team || (teams.data ?? []).some((t) => t.teamId === team);
  return (
    <div className="filters" role="group" aria-label="Filters for the analysis views" data-testid="filters">
      <div className="filter">
        <label className="filter-label" htmlFor={`${id}-range`}>
          Period
        </label>
        <select id={`${id}-range`} className="filter-select" data-testid="filter-range" value={preset} onChange={(e) => setRangePreset(e.target.value as RangePreset)}>
          {presets.map((p) => (
            <option key={p} value={p}>
              {presetLabels[p]}
            </option>
          ))}
        </select>
      </div>
      {preset === 'custom' ? (
        <div className="filter filter-months">
          <input
            type="month"
            className="filter-select"
            aria-label="First month"
            data-testid="filter-from"
            min={wsFrom}
            max={wsTo}
            value={fromMonth ?? ''}
            onChange={(e) => e.target.value && setCustomRange(e.target.value, toMonth ?? e.target.value)}
          />
          <span aria-hidden="true">–</span>
          <input
            type="month"
            className="filter-select"
            aria-label="Last month"
            data-testid="filter-to"
            min={wsFrom}
            max={wsTo}
            value={toMonth ?? ''}
            onChange={(e) => e.target.value && setCustomRange(fromMonth ?? e.target.value, e.target.value)}
          />
        </div>
      ) : null}
      {teamFilter ? (
        <div className="filter">
          <label className="filter-label" htmlFor={`${id}-team`}>
            Team
          </label>
          <select
            id={`${id}-team`}
            className={team ? 'filter-select filter-select-active' : 'filter-select'}
            data-testid="filter-team"
            value={team ?? ''}
            onChange={(e) => setTeam(e.target.value || null)}
          >
            <option value="">All teams</option>
            {!teamKnown && team ? <option value={team}>{team}</option> : null}
            {(teams.data ?? []).map((t) => (
              <option key={t.teamId} value={t.teamId}>
                {t.name}
              </option>
            ))}
          </select>
          {team ? (
            <button type="button" className="icon-button" aria-label="Show all teams" title="Show all teams" data-testid="filter-team-clear" onClick={() => setTeam(null)}>
              <Icon name="x" size={14} />
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
