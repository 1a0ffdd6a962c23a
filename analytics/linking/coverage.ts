/**
 * Coverage of attribution and linking — the `data:coverage` call, the `coverage` object of
 * `info --json`, and the basis of the UI's data-coverage warnings.
 */
import type { Coverage } from '../../shared/domain';
import type { SqlReader } from '../attribution/rules';
import coverageSql from './coverage.sql';

export type { Coverage } from '../../shared/domain';

type Row = Record<string, number | string | null>;

export async function coverage(ws: SqlReader): Promise<Coverage> {
  const [r] = (await ws.all<Row>(coverageSql)) as [Row];
  const n = (key: string) => Number(r[key] ?? 0);
  const linkedToDeployment = n('incidents_deployment');
  const linkedToPr = n('incidents_pr');
  const share = r.merged_ai_share;
  return {
    pullRequests: {
      total: n('prs'),
      merged: n('merged_prs'),
      withAiEvidence: n('prs_with_evidence'),
      mergedWithAiEvidence: n('merged_with_evidence'),
      byConfidence: { high: n('prs_high'), medium: n('prs_medium'), low: n('prs_low'), none: n('prs_none') },
      mergedAiShare: share === null || share === undefined ? null : Math.round(Number(share) * 1e4) / 1e4,
      inUnmappedRepos: n('prs_unmapped'),
    },
    issues: { total: n('issues'), linkedToPr: n('issues_linked') },
    bugs: { total: n('bugs'), linkedToPr: n('bugs_linked') },
    incidents: {
      total: n('incidents'),
      linked: linkedToDeployment + linkedToPr,
      linkedToDeployment,
      linkedToPr,
      unlinked: n('incidents') - linkedToDeployment - linkedToPr,
      filtered: n('incidents_filtered'),
      noTeam: n('incidents_no_team'),
      noCandidate: n('incidents_no_candidate'),
      notEvaluated: n('incidents_not_evaluated'),
    },
    teams: { mapped: n('teams_mapped'), withMergedPrs: n('teams_with_prs'), withIncidents: n('teams_with_incidents') },
    months: { withMergedPrs: n('months_with_prs'), from: (r.first_month as string | null) ?? null, to: (r.last_month as string | null) ?? null },
    teamMonths: n('team_months'),
  };
}
