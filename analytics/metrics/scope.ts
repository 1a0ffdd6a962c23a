/** Resolve the team and repo a metric is scoped to (ids or names, case-insensitive) or fail clearly. */
import { UndertowError } from '../errors';
import type { Workspace } from '../workspace/workspace';
import { ensureMetricFacts } from './facts';

/** A team id, or a team's name written in any case. */
export async function resolveTeam(ws: Workspace, team: string | null | undefined): Promise<string | null> {
  if (team === null || team === undefined) return null;
  const rows = await ws.all<{ team_id: string }>(
    'SELECT team_id FROM teams WHERE team_id = $t OR lower(team_id) = lower($t) OR lower(name) = lower($t) ORDER BY team_id = $t DESC, team_id LIMIT 1',
    { t: team },
  );
  if (rows[0]) return rows[0].team_id;
  const known = await ws.all<{ team_id: string }>('SELECT team_id FROM teams ORDER BY team_id LIMIT 50');
  throw new UndertowError('not_found', `No team "${team}" in this workspace. Teams: ${known.map((r) => r.team_id).join(', ') || 'none (import an org map first)'}.`, { team });
}

/** A repo as owner/name, or just its name when that is unique, in any case; answers the data's spelling. */
export async function resolveRepo(ws: Workspace, repo: string | null | undefined): Promise<string | null> {
  if (repo === null || repo === undefined) return null;
  await ensureMetricFacts(ws);
  const rows = await ws.all<{ repo: string }>(
    "SELECT repo FROM __metric_repo WHERE repo_key = lower($r) OR (NOT contains($r, '/') AND split_part(repo_key, '/', -1) = lower($r)) ORDER BY repo_key = lower($r) DESC, repo LIMIT 2",
    { r: repo },
  );
  if (rows.length === 1 || (rows[0] && rows[0].repo.toLowerCase() === repo.toLowerCase())) return rows[0]!.repo;
  if (rows.length > 1) throw new UndertowError('invalid_request', `"${repo}" names more than one repo; write it as owner/name.`, { repo });
  throw new UndertowError('not_found', `No repo "${repo}" in this workspace's pull requests or deployments.`, { repo });
}
