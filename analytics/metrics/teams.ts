import type { DateRange, TeamRow } from '../../shared/domain';
import type { Workspace } from '../workspace/workspace';
import { effectiveRange } from './overview';
import { runFactsQuery } from './query';
import teamsSql from './teams.sql';

interface TeamSqlRow {
  team_id: string;
  name: string;
  engineers: number;
  repos: number;
  merged_prs: number;
  ai_share: number | null;
  incidents: number;
}

export async function teamsList(ws: Workspace, range: DateRange): Promise<TeamRow[]> {
  const bounds = (await effectiveRange(ws, range)) ?? { from: '1970-01-01', to: '1970-01-01' };
  const rows = await runFactsQuery<TeamSqlRow>(ws, teamsSql, { from: bounds.from, to: bounds.to });
  return rows.map((r) => ({
    teamId: r.team_id,
    name: r.name,
    engineers: r.engineers,
    repos: r.repos,
    mergedPrs: r.merged_prs,
    aiShare: r.ai_share,
    incidents: r.incidents,
  }));
}
