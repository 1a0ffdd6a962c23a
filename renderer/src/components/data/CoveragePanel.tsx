/**
 * Data → Coverage: how much of the data attribution and linking reach (`data:coverage`), with what
 * to do about each gap. The same numbers sit next to every estimate as warnings.
 */
import { useEffect, type ReactNode } from 'react';
import type { Coverage } from '../../../../shared/domain';
import { formatCount, formatMonth, formatShare } from '../../lib/format';
import type { DataTab } from '../../store/data-view-slice';
import { useAppStore } from '../../store/react';
import { slotData } from '../../store/slot';
import { EmptyState, Loading, ViewError } from '../states';

export function CoveragePanel() {
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const load = useAppStore((s) => s.loadDataCoverage);
  const slot = useAppStore((s) => s.dataCoverage);
  const path = useAppStore((s) => s.app.workspace?.path);
  useEffect(() => {
    void load();
  }, [dataVersion, load]);
  const data = slotData(slot, path);
  if (!data && slot.status === 'error') return <ViewError title="Coverage could not be computed" error={slot.error} onRetry={() => void load(true)} />;
  if (!data) return <Loading label="Measuring coverage…" />;
  if (data.pullRequests.total === 0 && data.incidents.total === 0 && data.issues.total === 0)
    return (
      <EmptyState title="No PRs, issues or incidents yet" testId="coverage-empty">
        <p className="state-text">Coverage shows how much of the imported data carries AI evidence and links outcomes to changes. Import a GitHub, Jira or PagerDuty export first.</p>
      </EmptyState>
    );
  return <CoverageCards coverage={data} />;
}

function CoverageCards({ coverage: c }: { coverage: Coverage }) {
  const pr = c.pullRequests;
  const inc = c.incidents;
  return (
    <div className="dv-coverage" data-testid="coverage">
      <Meter
        title="PRs with AI evidence"
        part={pr.withAiEvidence}
        whole={pr.total}
        unit="PRs"
        testId="coverage-ai"
        detail={
          <>
            High {formatCount(pr.byConfidence.high)} · medium {formatCount(pr.byConfidence.medium)} · low {formatCount(pr.byConfidence.low)}. AI share of merged lines:{' '}
            <strong>{formatShare(pr.mergedAiShare)}</strong>.
          </>
        }
        action={{ tab: 'rules', label: 'Tune the AI rules' }}
      />
      <Meter
        title="PRs in repos with a team"
        part={pr.total - pr.inUnmappedRepos}
        whole={pr.total}
        unit="PRs"
        testId="coverage-repos"
        detail={pr.inUnmappedRepos > 0 ? `${formatCount(pr.inUnmappedRepos)} PRs are in repos the org map gives to no team; team numbers leave them out.` : 'Every repo with PRs belongs to a team.'}
        action={pr.inUnmappedRepos > 0 ? { tab: 'org', label: 'Map repos' } : undefined}
      />
      <Meter
        title="Bugs linked to a PR"
        part={c.bugs.linkedToPr}
        whole={c.bugs.total}
        unit="bugs"
        testId="coverage-bugs"
        detail={`By issue keys in PR titles, branches, bodies and commit messages. All Jira issues: ${formatCount(c.issues.linkedToPr)} of ${formatCount(c.issues.total)} linked.`}
      />
      <Meter
        title="Incidents linked to a change"
        part={inc.linked}
        whole={inc.total}
        unit="incidents"
        testId="coverage-incidents"
        detail={
          inc.total === 0 ? (
            'No incidents imported yet — import a PagerDuty export.'
          ) : (
            <>
              To a deployment {formatCount(inc.linkedToDeployment)}, to a merged PR {formatCount(inc.linkedToPr)}. Unlinked: filtered by urgency/priority {formatCount(inc.filtered)}, service
              without a team {formatCount(inc.noTeam)}, no change in the window {formatCount(inc.noCandidate)}
              {inc.notEvaluated > 0 ? `, not evaluated yet ${formatCount(inc.notEvaluated)}` : ''}.
            </>
          )
        }
        action={inc.noTeam > 0 ? { tab: 'org', label: 'Map services' } : undefined}
      />
      <section className="card dv-meter" aria-labelledby="coverage-span">
        <h2 className="card-title" id="coverage-span">
          What the statistics can use
        </h2>
        <dl className="facts">
          <dt>Teams in the org map</dt>
          <dd className="tabular">{formatCount(c.teams.mapped)}</dd>
          <dt>Teams with merged PRs</dt>
          <dd className="tabular">{formatCount(c.teams.withMergedPrs)}</dd>
          <dt>Teams with incidents</dt>
          <dd className="tabular">{formatCount(c.teams.withIncidents)}</dd>
          <dt>Months with merged PRs</dt>
          <dd className="tabular">
            {formatCount(c.months.withMergedPrs)}
            {c.months.from ? ` (${formatMonth(c.months.from)} – ${formatMonth(c.months.to)})` : ''}
          </dd>
          <dt>Team × month cells</dt>
          <dd className="tabular" data-testid="coverage-team-months">
            {formatCount(c.teamMonths)}
          </dd>
        </dl>
        <p className="dv-muted dv-small">Effect estimates are fitted on team × month cells; with fewer than a few dozen they come with wide intervals or not at all.</p>
      </section>
    </div>
  );
}

function Meter({ title, part, whole, unit, detail, action, testId }: { title: string; part: number; whole: number; unit: string; detail: ReactNode; action?: { tab: DataTab; label: string } | undefined; testId: string }) {
  const setTab = useAppStore((s) => s.setDataTab);
  const share = whole > 0 ? part / whole : null;
  const tone = share === null ? 'none' : share >= 0.8 ? 'good' : share >= 0.4 ? 'fair' : 'poor';
  return (
    <section className={`card dv-meter dv-meter-${tone}`} aria-label={title} data-testid={testId}>
      <h2 className="card-title">{title}</h2>
      <p className="dv-meter-value">
        <span className="dv-big tabular">{share === null ? '–' : formatShare(share, 0)}</span>
        <span className="dv-muted">
          {formatCount(part)} of {formatCount(whole)} {unit}
        </span>
      </p>
      <div className="dv-meter-bar" aria-hidden="true">
        <span style={{ width: `${(share ?? 0) * 100}%` }} />
      </div>
      <p className="dv-muted dv-small">{detail}</p>
      {action ? (
        <button type="button" className="dv-link" onClick={() => setTab(action.tab)}>
          {action.label} →
        </button>
      ) : null}
    </section>
  );
}
