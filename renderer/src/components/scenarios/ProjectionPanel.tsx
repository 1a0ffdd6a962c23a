/** The projection of the draft: quarterly effects with bands, and a fan chart per metric. */
import { memo, useId, useMemo, useState } from 'react';
import type { ScenarioMetricKey, ScenarioResult } from '../../../../shared/scenarios';
import { deltaVerdict, fanMetricKeys, formatBand, formatMetricDelta, formatMetricValue, quarterLabel, scenarioFanFigure, scenarioMetrics, tableMetricKeys } from '../../figures/scenarios';
import { formatCount, formatMonth } from '../../lib/format';
import { useAppStore } from '../../store/react';
import { useChartTheme } from '../../views/hooks';
import { Icon } from '../icons';
import { Loading, ViewError } from '../states';
import { Segmented } from './controls';
import { StaggeredChart } from './StaggeredChart';

type Mode = 'paths' | 'delta';

export function ProjectionPanel({ scenarioName }: { scenarioName: string | null }) {
  const result = useAppStore((s) => s.scenarios.run.result);
  const phase = useAppStore((s) => s.scenarios.run.phase);
  const error = useAppStore((s) => s.scenarios.run.error);
  const runNow = useAppStore((s) => s.runScenarioNow);
  const [mode, setMode] = useState<Mode>('paths');
  const modeName = useId();

  if (!result) {
    if (phase === 'error') return <ViewError title="The scenario could not be run" error={error} onRetry={() => void runNow()} />;
    return <Loading label="Running the scenario…" />;
  }

  return (
    <div className="scn-projection" aria-busy={phase !== 'done' && phase !== 'error'}>
      {phase === 'error' ? (
        <div className="scn-banner scn-banner-error" role="alert" data-testid="scenario-run-error">
          <Icon name="alert" size={16} />
          <span>
            The last change could not be run: {error?.message} The results below are from the previous run.
          </span>
        </div>
      ) : null}
      <PriorsBanner result={result} />
      <QuarterTable result={result} />
      <div className="scn-toolbar">
        <h2 className="scn-section-title">Month by month</h2>
        <Segmented
          label="What the charts show"
          name={modeName}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'paths', label: 'Baseline vs scenario' },
            { value: 'delta', label: 'Difference' },
          ]}
          testId="fan-mode"
        />
      </div>
      <FanGrid result={result} mode={mode} scenarioName={scenarioName} />
      <p className="caption">
        <Icon name="info" size={14} />
        <span>
          Lines are medians and shaded bands the 5th–95th percentiles of {formatCount(result.draws)} simulated futures from{' '}
          {formatMonth(result.startMonth, true)}. Baseline and scenario share their random numbers, so the difference shows the policy, not noise.
          Quarters are calendar quarters; months before the first whole quarter carry the lags and are shown as months.
        </span>
      </p>
    </div>
  );
}

function PriorsBanner({ result }: { result: ScenarioResult }) {
  const priors = result.parameters.filter((p) => !p.fromWorkspace);
  if (priors.length === 0 && result.warnings.length === 0) return null;
  return (
    <div className="scn-banner" data-testid="scenario-priors-banner">
      <Icon name="info" size={16} />
      <span>
        {priors.length > 0
          ? `${priors.length} of ${result.parameters.length} effects use published priors: this workspace's data are too thin for its own estimates. `
          : ''}
        Sources are under Fitted effects{result.warnings.length > 0 ? `; ${result.warnings.length} calibration note${result.warnings.length > 1 ? 's' : ''} there` : ''}.
      </span>
    </div>
  );
}

/** Per quarter: the scenario's median, and its difference from the baseline with the 5–95% band. */
export function QuarterTable({ result }: { result: ScenarioResult }) {
  const quarters = result.delta.quarters;
  if (quarters.length === 0) return null;
  return (
    <div className="table-card scn-table-card">
      <table className="table table-compact scn-table" data-testid="scenario-quarter-table">
        <caption className="scn-table-caption">
          Difference from the baseline per quarter: median, and the 90% band below it
          {result.draws < 2000 ? <span className="badge badge-warning">preview, {formatCount(result.draws)} draws</span> : null}
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {quarters.map((q) => (
              <th key={q.period} scope="col" className="num">
                {quarterLabel(q.period)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tableMetricKeys.map((key) => (
            <tr key={key} data-testid={`quarter-row-${key}`}>
              <th scope="row" title={scenarioMetrics[key].help}>
                {scenarioMetrics[key].label}
                <span className="scn-row-note tabular">
                  baseline {formatMetricValue(key, result.baseline.quarters[0]?.metrics[key].p50)}
                  {' in '}
                  {quarterLabel(quarters[0]!.period)}
                </span>
              </th>
              {quarters.map((q, i) => {
                const band = q.metrics[key];
                const scenario = result.scenario.quarters[i]?.metrics[key];
                const baseline = result.baseline.quarters[i]?.metrics[key];
                const verdict = deltaVerdict(key, band);
                return (
                  <td
                    key={q.period}
                    className={`num scn-delta-cell scn-delta-${verdict}`}
                    data-testid={`quarter-cell-${key}-${q.period}`}
                    data-p50={band.p50}
                    title={scenario && baseline ? `Scenario ${formatBand(key, scenario)} vs baseline ${formatBand(key, baseline)}` : undefined}
                  >
                    <span className="scn-delta-median tabular">{formatMetricDelta(key, band.p50)}</span>
                    <span className="scn-delta-band tabular">
                      {formatMetricDelta(key, band.p5)} to {formatMetricDelta(key, band.p95)}
                    </span>
                    {scenario ? <span className="visually-hidden">; scenario {formatMetricValue(key, scenario.p50)}</span> : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const FanGrid = memo(function FanGrid({ result, mode, scenarioName }: { result: ScenarioResult; mode: Mode; scenarioName: string | null }) {
  const theme = useChartTheme();
  const figures = useMemo(
    () => fanMetricKeys.map((key) => [key, scenarioFanFigure(result, key, { theme, mode, draws: result.draws, ...(scenarioName ? { scenarioName } : {}) })] as const),
    [result, mode, theme, scenarioName],
  );
  return (
    <div className="scn-chart-grid" data-testid="scenario-fans" data-draws={result.draws}>
      {figures.map(([key, figure], i) => (
        <StaggeredChart key={key} index={i} id={`scenario-${key}`} figure={figure} label={chartLabel(key, mode)} height={300} />
      ))}
    </div>
  );
});

function chartLabel(key: ScenarioMetricKey, mode: Mode): string {
  const label = scenarioMetrics[key].label;
  return mode === 'delta' ? `${label}: scenario minus baseline per month, median with 5–95% band` : `${label} per month: baseline and scenario, medians with 5–95% bands`;
}
