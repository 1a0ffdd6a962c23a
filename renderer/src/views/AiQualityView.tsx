import { useId, useMemo, useState } from 'react';
import { effectOutcomes, type CohortComparison, type CohortReport, type EffectEstimate, type EffectOutcome, type EffectsReport, type EventStudy } from '../../../shared/domain';
import { Chart } from '../components/Chart';
import { EffectsSummary } from '../components/EffectsSummary';
import { Filters } from '../components/Filters';
import { Icon } from '../components/icons';
import { Loading, ViewError, ViewHeader } from '../components/states';
import { cohortRatioFigure, doseResponseFigure, effectsFigure, eventStudyFigure, laggedFigure } from '../figures/analysis';
import { qualityRatesFigure } from '../figures/series';
import type { ChartTheme, Figure } from '../figures/theme';
import { formatP, formatRatio, outcomeLabel, shortSource } from '../lib/effects-text';
import { formatCount, formatMonth, formatRate, formatShare } from '../lib/format';
import { partialMonths } from '../lib/series';
import { useDrill, useEffects, useMonthSeries, useQuery, useAnalysisRange, useTeamFilter, type QueryState } from './analysis-hooks';
import { useChartTheme } from './hooks';
import { NoData } from './OverviewView';

export function AiQualityView() {
  const range = useAnalysisRange();
  const team = useTeamFilter();
  const theme = useChartTheme();
  const series = useMonthSeries();
  const effects = useEffects();
  const cohorts = useQuery('analysis:cohorts', range);
  const dose = useQuery('analysis:doseResponse', range);
  const lagged = useQuery('analysis:lagged', range);
  const coverage = useQuery('data:coverage', {});
  const [outcome, setOutcome] = useState<EffectOutcome>('incidents');
  const { drillPoints } = useDrill();
  const rows = series.data?.rows ?? null;
  const ratesFigure = useMemo(() => (rows ? qualityRatesFigure(rows, { theme, inProgress: partialMonths(rows) }) : null), [rows, theme]);
  const doseFigure = useMemo(() => (dose.data ? doseResponseFigure(dose.data, outcome, { theme }) : null), [dose.data, outcome, theme]);
  const laggedChart = useMemo(() => (lagged.data ? laggedFigure(lagged.data, outcome, { theme }) : null), [lagged.data, outcome, theme]);

  let body;
  if (!rows && series.status === 'error') body = <ViewError error={series.error} onRetry={series.reload} />;
  else if (!rows || !ratesFigure) body = <Loading label="Loading AI & Quality…" />;
  else if (rows.length === 0 || rows.every((r) => r.mergedPrs === 0)) body = <NoData />;
  else
    body = (
      <>
        <Chart id="quality-rates" figure={ratesFigure} label="Incidents and bugs per 100 merged PRs with AI share, by month" onPointClick={(p) => drillPoints(ratesFigure, p)} />
        <EffectsSummary
          report={effects.data}
          coverage={coverage.data ?? effects.data?.coverage ?? null}
          loading={effects.status === 'loading' || effects.status === 'idle'}
          stale={effects.stale}
          error={effects.status === 'error' ? effects.error : null}
          onRetry={effects.reload}
          teamFiltered={team !== null}
        />
        <EffectsDetail effects={effects} theme={theme} />
        <CohortsSection cohorts={cohorts} theme={theme} />
        <section className="analysis-section" aria-labelledby="by-outcome-title">
          <div className="section-head">
            <div>
              <h2 id="by-outcome-title" className="section-title">
                Dose-response, timing and the event-study check
              </h2>
              <p className="section-note">Descriptive checks of the effect estimate, one outcome at a time.</p>
            </div>
            <OutcomePicker value={outcome} onChange={setOutcome} />
          </div>
          <div className="chart-grid">
            <QueryChart id="dose-response" query={dose} figure={doseFigure} label={`${outcomeLabel[outcome]} per 100 merged PRs by AI-share bucket, with 90% intervals`} />
            <QueryChart id="lagged" query={lagged} figure={laggedChart} label={`${outcomeLabel[outcome]} in the months after AI share, rate ratios with 90% intervals`} />
          </div>
          <EventStudySection effects={effects} outcome={outcome} theme={theme} />
        </section>
      </>
    );

  return (
    <section className="view" data-testid="view-ai-quality" aria-busy={series.status === 'loading'}>
      <ViewHeader title="AI & Quality" actions={<Filters />}>
        Does code written with AI cost more downstream? Effect estimates with their priors, AI-assisted vs other PRs, dose-response, timing and the event-study check.
        {team ? ' The statistics compare teams and always use every team; the team filter applies to the monthly chart.' : ''}
      </ViewHeader>
      {body}
    </section>
  );
}

function OutcomePicker({ value, onChange }: { value: EffectOutcome; onChange: (o: EffectOutcome) => void }) {
  const name = useId();
  return (
    <div className="segmented" role="radiogroup" aria-label="Outcome" data-testid="outcome-picker">
      {effectOutcomes.map((o) => (
        <label key={o} className="segment">
          <input type="radio" name={name} value={o} checked={value === o} onChange={() => onChange(o)} data-testid={`outcome-${o}`} />
          <span>{outcomeLabel[o]}</span>
        </label>
      ))}
    </div>
  );
}

/** A chart from a cached analysis answer (with warnings and method), with its own loading and error states. */
function QueryChart({ id, query, figure, label }: { id: string; query: QueryState<{ warnings: string[]; method: string }>; figure: Figure | null; label: string }) {
  if (!query.data && query.status === 'error') return <ViewError title="This chart could not be loaded" error={query.error} onRetry={query.reload} />;
  if (!query.data || !figure) return <div className="skeleton skeleton-chart" role="status" aria-label="Loading the chart…" />;
  return (
    <div className={query.stale ? 'chart-with-notes is-stale' : 'chart-with-notes'}>
      <Chart id={id} figure={figure} label={label} />
      <Notes warnings={query.data.warnings} method={query.data.method} />
    </div>
  );
}

function Notes({ warnings, method, testId }: { warnings: string[]; method?: string; testId?: string }) {
  if (warnings.length === 0 && !method) return null;
  return (
    <div className="chart-notes" data-testid={testId}>
      {warnings.map((w, i) => (
        <p key={i} className="chart-note chart-note-warning" role="note">
          <Icon name="alert" size={14} />
          <span>{w}</span>
        </p>
      ))}
      {method ? (
        <details className="method-details">
          <summary>How this is computed</summary>
          <p>{method}</p>
        </details>
      ) : null}
    </div>
  );
}

function EffectsDetail({ effects, theme }: { effects: QueryState<EffectsReport>; theme: ChartTheme }) {
  const report = effects.data;
  const figure = useMemo(() => (report ? effectsFigure(report.effects, { theme }) : null), [report, theme]);
  return (
    <section className="analysis-section" aria-labelledby="effects-detail-title">
      <div className="section-head">
        <div>
          <h2 id="effects-detail-title" className="section-title">
            Effect estimates: your data, the published prior, and both combined
          </h2>
          <p className="section-note">
            A prior is what published studies would lead you to expect; the combined estimate weighs it against your data by how much your data know.
          </p>
        </div>
      </div>
      {!report && effects.status === 'error' ? (
        <ViewError title="The effect estimates could not be computed" error={effects.error} onRetry={effects.reload} />
      ) : !report || !figure ? (
        <div className="skeleton skeleton-chart" role="status" aria-label="Estimating effects…" />
      ) : (
        <div className={effects.stale ? 'effects-detail is-stale' : 'effects-detail'}>
          <Chart id="effects" figure={figure} label="Rate ratio at 100% vs 0% AI share per outcome: data, prior and posterior with 90% intervals" height={360} />
          <div className="table-card">
            <table className="table table-compact" data-testid="effects-table">
              <caption className="visually-hidden">Effect estimates per outcome</caption>
              <thead>
                <tr>
                  <th scope="col">Outcome</th>
                  <th scope="col" className="num">
                    Your data
                  </th>
                  <th scope="col" className="num">
                    Prior
                  </th>
                  <th scope="col" className="num">
                    Combined
                  </th>
                  <th scope="col" className="num">
                    Data weight
                  </th>
                  <th scope="col" className="num">
                    Events
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.effects.map((e) => (
                  <EffectRow key={e.outcome} e={e} />
                ))}
              </tbody>
            </table>
          </div>
          <details className="method-details">
            <summary>Warnings, notes and method</summary>
            {report.effects.map((e) => (
              <div key={e.outcome} className="method-block">
                <h3>{outcomeLabel[e.outcome]}</h3>
                <ul>
                  {[...e.warnings, ...e.notes].map((n, i) => (
                    <li key={i}>{n}</li>
                  ))}
                  {e.prior ? (
                    <li>
                      Prior: {e.prior.source}. {e.prior.derivation}
                    </li>
                  ) : null}
                </ul>
              </div>
            ))}
            <p>{report.effects[0]?.method}</p>
          </details>
        </div>
      )}
    </section>
  );
}

const interval = (v: [number, number] | null) => (v ? `${formatRatio(v[0])}–${formatRatio(v[1])}` : '');

function EffectRow({ e }: { e: EffectEstimate }) {
  return (
    <tr data-testid={`effects-row-${e.outcome}`}>
      <th scope="row">
        {outcomeLabel[e.outcome]}
        {e.status !== 'ok' ? <span className={e.status === 'thin' ? 'badge badge-warning' : 'badge badge-muted'}>{e.status === 'thin' ? 'uncertain' : 'no estimate'}</span> : null}
      </th>
      <td className="num tabular">
        {e.estimate === null ? '–' : `${formatRatio(e.estimate)}x`}
        <span className="cell-sub">{interval(e.ci90)}</span>
      </td>
      <td className="num tabular" title={e.prior ? `${e.prior.source}. ${e.prior.derivation}` : undefined}>
        {e.prior ? `${formatRatio(e.prior.rateRatio)}x` : '–'}
        <span className="cell-sub">{e.prior ? interval(e.prior.ci90) : ''}</span>
        <span className="cell-sub">{e.prior ? shortSource(e.prior.source) : ''}</span>
      </td>
      <td className="num tabular">
        {e.posterior ? `${formatRatio(e.posterior.estimate)}x` : '–'}
        <span className="cell-sub">{e.posterior ? interval(e.posterior.ci90) : ''}</span>
      </td>
      <td className="num tabular">{e.posterior ? formatShare(e.posterior.dataWeight, 0) : '–'}</td>
      <td className="num tabular">{formatCount(e.events)}</td>
    </tr>
  );
}

function cohortValue(c: CohortComparison, v: CohortComparison['ai']): string {
  if (v.value === null) return '–';
  const main = c.unit === 'share' ? formatShare(v.value) : c.unit === 'hours' ? `${formatRate(v.value)} h` : formatCount(v.value);
  return main;
}

function cohortInterval(c: CohortComparison, v: CohortComparison['ai']): string {
  if (!v.ci90) return '';
  const f = (x: number) => (c.unit === 'share' ? formatShare(x) : c.unit === 'hours' ? formatRate(x) : formatCount(x));
  return `${f(v.ci90[0])}–${f(v.ci90[1])}`;
}

function CohortsSection({ cohorts, theme }: { cohorts: QueryState<CohortReport>; theme: ChartTheme }) {
  const report = cohorts.data;
  const figure = useMemo(() => (report ? cohortRatioFigure(report, { theme }) : null), [report, theme]);
  return (
    <section className="analysis-section" aria-labelledby="cohorts-title">
      <div className="section-head">
        <div>
          <h2 id="cohorts-title" className="section-title">
            AI-assisted vs other merged PRs
          </h2>
          <p className="section-note">{report?.definition ?? 'PRs with any AI evidence against the rest.'}</p>
        </div>
      </div>
      {!report && cohorts.status === 'error' ? (
        <ViewError title="The cohort comparison could not be loaded" error={cohorts.error} onRetry={cohorts.reload} />
      ) : !report || !figure ? (
        <div className="skeleton skeleton-chart" role="status" aria-label="Comparing cohorts…" />
      ) : (
        <div className={cohorts.stale ? 'cohorts-layout is-stale' : 'cohorts-layout'}>
          <div className="table-card">
            <table className="table table-compact" data-testid="cohorts-table">
              <caption className="visually-hidden">AI-assisted vs other merged PRs, with 90% intervals</caption>
              <thead>
                <tr>
                  <th scope="col">Measure</th>
                  <th scope="col" className="num">
                    AI-assisted PRs
                  </th>
                  <th scope="col" className="num">
                    Other PRs
                  </th>
                  <th scope="col" className="num">
                    Ratio (90%)
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.comparisons.map((c) => (
                  <tr key={c.metric} data-testid="cohort-row">
                    <th scope="row">
                      {c.label}
                      {/median/i.test(c.label) ? null : <span className="cell-sub">{c.kind === 'median' ? 'median' : 'share of PRs'}</span>}
                    </th>
                    <td className="num tabular">
                      {cohortValue(c, c.ai)}
                      <span className="cell-sub">{cohortInterval(c, c.ai)}</span>
                      <span className="cell-sub">n = {formatCount(c.ai.n)}</span>
                    </td>
                    <td className="num tabular">
                      {cohortValue(c, c.nonAi)}
                      <span className="cell-sub">{cohortInterval(c, c.nonAi)}</span>
                      <span className="cell-sub">n = {formatCount(c.nonAi.n)}</span>
                    </td>
                    <td className="num tabular">
                      {c.ratio === null ? '–' : `${formatRatio(c.ratio)}x`}
                      <span className="cell-sub">{c.ratioCi90 ? `${formatRatio(c.ratioCi90[0])}–${formatRatio(c.ratioCi90[1])}` : ''}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Chart id="cohorts" figure={figure} label="AI-assisted vs other merged PRs: ratio with 90% interval per measure" />
          <Notes warnings={report.warnings} method="Medians with exact bootstrap intervals; rates with Wilson intervals and the ratio of rates with the Katz log interval. Cohorts differ in more than AI (authors, repos, sizes), so these intervals are narrower than the causal uncertainty." />
        </div>
      )}
    </section>
  );
}

function EventStudySection({ effects, outcome, theme }: { effects: QueryState<EffectsReport>; outcome: EffectOutcome; theme: ChartTheme }) {
  const study: EventStudy | null = effects.data?.eventStudy ?? null;
  const figure = useMemo(() => (study ? eventStudyFigure(study, outcome, { theme }) : null), [study, outcome, theme]);
  if (!study && effects.status === 'error') return <ViewError title="The event study could not be computed" error={effects.error} onRetry={effects.reload} />;
  if (!study || !figure) return <div className="skeleton skeleton-chart" role="status" aria-label="Running the event study…" />;
  const result = study.outcomes.find((o) => o.outcome === outcome);
  const p = result?.preTrendPValue ?? null;
  const offZero = p !== null && p < 0.05;
  const adopters = study.adoption.filter((a) => a.month !== null);
  return (
    <div className={effects.stale ? 'event-study is-stale' : 'event-study'}>
      <Chart id="event-study" figure={figure} label={`${outcomeLabel[outcome]} by month relative to AI adoption, with 90% intervals`} height={360} />
      <div className="chart-notes" data-testid="event-study-notes">
        {offZero ? (
          <p className="chart-note chart-note-warning" role="note" data-testid="event-study-warning">
            <Icon name="alert" size={14} />
            <span>
              Pre-adoption terms are off 1x (joint test {formatP(p)}): the adopting teams were already different before they adopted, so read the
              effect estimate for {outcomeLabel[outcome].toLowerCase()} with care.
            </span>
          </p>
        ) : p !== null ? (
          <p className="chart-note chart-note-ok" role="note">
            <Icon name="info" size={14} />
            <span>Pre-adoption terms are consistent with 1x (joint test {formatP(p)}): no sign that adopting teams were already drifting.</span>
          </p>
        ) : null}
        {[...(result?.warnings ?? []).filter((w) => !offZero || !/pre-adoption|before adoption/i.test(w)), ...study.warnings].map((w, i) => (
          <p key={i} className="chart-note chart-note-warning" role="note">
            <Icon name="alert" size={14} />
            <span>{w}</span>
          </p>
        ))}
        <p className="chart-note">
          <span>
            Adoption (AI share first above {Math.round(study.threshold * 100)}%):{' '}
            {adopters.length > 0 ? adopters.map((a) => `${a.team} ${formatMonth(a.month)}`).join(', ') : 'no team adopted in this range'}
            {study.adoption.length > adopters.length ? `; never: ${study.adoption.filter((a) => a.month === null).map((a) => a.team).join(', ')}` : ''}.
          </span>
        </p>
        <details className="method-details">
          <summary>How this is computed</summary>
          <p>{study.method}</p>
        </details>
      </div>
    </div>
  );
}
