/** The draft's levers applied to last quarter's actual merged PRs. */
import { useId, useState, type ReactNode } from 'react';
import type { ReplayPr, ReplayResult } from '../../../../shared/scenarios';
import { quarterLabel } from '../../figures/scenarios';
import { formatCount, formatDay, formatShare } from '../../lib/format';
import { replayKeyOf } from '../../store/scenarios-slice';
import { useAppStore } from '../../store/react';
import { Icon } from '../icons';
import { Loading, ViewError } from '../states';
import { Segmented } from './controls';

type Group = 'blockedByCap' | 'sentToSeniorReview' | 'inAiFreeRepos';

export function ReplayPanel() {
  const status = useAppStore((s) => s.scenarios.replay.status);
  const data = useAppStore((s) => s.scenarios.replay.data);
  const error = useAppStore((s) => s.scenarios.replay.error);
  const key = useAppStore((s) => s.scenarios.replay.key);
  const current = useAppStore((s) => replayKeyOf(s.scenarios.draft));
  const run = useAppStore((s) => s.runReplay);
  const stale = data !== null && key !== current;

  return (
    <div className="scn-replay">
      <div className="card scn-card replay-intro">
        <p>
          What would the builder&apos;s levers have done last quarter? The replay applies them to the PRs that were actually merged: which the cap
          would have blocked, which would have gone to senior review, and the incidents linked to them.
        </p>
        <div className="scn-actions">
          <button type="button" className="button button-primary" onClick={() => void run()} disabled={status === 'loading'} data-testid="replay-run">
            {status === 'loading' ? 'Replaying…' : data ? 'Replay again' : 'Replay on last quarter'}
          </button>
          {stale ? (
            <span className="badge badge-warning" data-testid="replay-stale">
              The levers changed since this replay
            </span>
          ) : null}
        </div>
      </div>
      {status === 'error' ? <ViewError title="The replay could not be run" error={error} onRetry={() => void run()} /> : null}
      {status === 'loading' && !data ? <Loading label="Replaying…" /> : null}
      {data ? <ReplayResultView replay={data} /> : null}
    </div>
  );
}

function ReplayResultView({ replay }: { replay: ReplayResult }) {
  const levers = useAppStore((s) => s.scenarios.draft.levers);
  const [group, setGroup] = useState<Group>(levers.cap.on ? 'blockedByCap' : levers.tiered.on ? 'sentToSeniorReview' : 'inAiFreeRepos');
  const name = useId();
  const share = (n: number) => (replay.mergedPrs > 0 ? `${formatShare(n / replay.mergedPrs, 0)} of merged PRs` : undefined);
  const rows = replay[group].rows;
  const total = replay[group].prs;
  return (
    <div className="replay-result" data-testid="replay-result">
      <p className="replay-scope" data-testid="replay-scope">
        <strong>{quarterLabel(replay.quarter)}</strong> ({formatDay(replay.from)} – {formatDay(replay.to)}): {formatCount(replay.mergedPrs)} merged PRs,{' '}
        {formatCount(replay.linkedIncidentsTotal)} incidents linked to them.
      </p>
      <div className="replay-cards">
        <ReplayCard title="Blocked by the cap" testId="replay-cap" off={!levers.cap.on}>
          <Stat label="PRs above the cap" value={formatCount(replay.blockedByCap.prs)} note={share(replay.blockedByCap.prs)} testId="replay-cap-prs" />
          <Stat label="AI lines to write by hand" value={formatCount(replay.blockedByCap.aiLines)} testId="replay-cap-lines" />
          <Stat label="Linked incidents among them" value={formatCount(replay.blockedByCap.linkedIncidents)} testId="replay-cap-incidents" />
        </ReplayCard>
        <ReplayCard title="Sent to senior review" testId="replay-review" off={!levers.tiered.on}>
          <Stat label="PRs above the threshold" value={formatCount(replay.sentToSeniorReview.prs)} note={share(replay.sentToSeniorReview.prs)} testId="replay-review-prs" />
          <Stat label="Senior hours" value={`${formatCount(replay.sentToSeniorReview.seniorHours)} h`} testId="replay-review-hours" />
          <Stat label="Linked incidents among them" value={formatCount(replay.sentToSeniorReview.linkedIncidents)} testId="replay-review-incidents" />
        </ReplayCard>
        <ReplayCard title="In AI-free repos" testId="replay-free" off={levers.aiFreeRepos.length === 0}>
          <Stat label="PRs that used AI" value={formatCount(replay.inAiFreeRepos.prs)} testId="replay-free-prs" />
          <Stat label="Linked incidents among them" value={formatCount(replay.inAiFreeRepos.linkedIncidents)} testId="replay-free-incidents" />
        </ReplayCard>
      </div>

      <div className="scn-toolbar">
        <h2 className="scn-section-title">The pull requests</h2>
        <Segmented
          label="Which pull requests"
          name={name}
          value={group}
          onChange={setGroup}
          options={[
            { value: 'blockedByCap', label: `Above the cap (${formatCount(replay.blockedByCap.prs)})` },
            { value: 'sentToSeniorReview', label: `Senior review (${formatCount(replay.sentToSeniorReview.prs)})` },
            { value: 'inAiFreeRepos', label: `AI-free repos (${formatCount(replay.inAiFreeRepos.prs)})` },
          ]}
          testId="replay-group"
        />
      </div>
      {rows.length === 0 ? (
        <p className="lever-help" data-testid="replay-rows-empty">
          No pull requests in this group{group === 'blockedByCap' && !levers.cap.on ? ': the cap is off' : group === 'sentToSeniorReview' && !levers.tiered.on ? ': tiered review is off' : ''}.
        </p>
      ) : (
        <div className="table-card replay-table-card">
          <table className="table table-compact scn-table replay-table" data-testid="replay-table">
            <caption className="scn-table-caption">
              {rows.length < total ? `The first ${formatCount(rows.length)} of ${formatCount(total)} pull requests` : `${formatCount(total)} pull requests`}, by merge time
            </caption>
            <thead>
              <tr>
                <th scope="col">Pull request</th>
                <th scope="col">Team</th>
                <th scope="col" className="num">
                  AI share
                </th>
                <th scope="col" className="num">
                  Lines added
                </th>
                <th scope="col">Merged</th>
                <th scope="col" className="num" title="Incidents linked to the pull request, directly or through the deployment of its merge commit">
                  Incidents
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((pr) => (
                <ReplayRow key={`${pr.repo}#${pr.number}`} pr={pr} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function ReplayRow({ pr }: { pr: ReplayPr }) {
  const label = `${pr.repo}#${pr.number}`;
  return (
    <tr data-testid="replay-row" className={pr.linkedIncidents > 0 ? 'replay-row-incident' : undefined}>
      <td>
        <div className="replay-pr">
          {pr.url ? (
            <a href={pr.url} target="_blank" rel="noopener noreferrer" className="mono replay-link" data-testid="replay-link">
              {label}
            </a>
          ) : (
            <span className="mono">{label}</span>
          )}
          <span className="replay-title" title={pr.title}>
            {pr.title}
          </span>
        </div>
      </td>
      <td>{pr.team ?? <span className="muted">no team</span>}</td>
      <td className="num tabular">{formatShare(pr.aiShare, 0)}</td>
      <td className="num tabular">{formatCount(pr.additions)}</td>
      <td className="tabular replay-date">{formatDay(pr.mergedAt.slice(0, 10))}</td>
      <td className="num tabular">{pr.linkedIncidents > 0 ? <strong className="replay-incidents">{pr.linkedIncidents}</strong> : '0'}</td>
    </tr>
  );
}

function ReplayCard({ title, off, testId, children }: { title: string; off: boolean; testId: string; children: ReactNode }) {
  return (
    <section className={`card replay-card${off ? ' replay-card-off' : ''}`} data-testid={testId} aria-label={title}>
      <h3 className="replay-card-title">
        {title}
        {off ? (
          <span className="badge">
            <Icon name="info" size={12} /> lever off
          </span>
        ) : null}
      </h3>
      <dl className="replay-stats">{children}</dl>
    </section>
  );
}

function Stat({ label, value, note, testId }: { label: string; value: string; note?: string | undefined; testId: string }) {
  return (
    <div className="replay-stat">
      <dt>
        {label}
        {note ? <span className="replay-note">{note}</span> : null}
      </dt>
      <dd className="tabular" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
